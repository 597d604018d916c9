package org.drcorl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeptSnapshotTest {
    @TempDir
    Path tmp;

    /** A selection log as the experiment runner writes it (with an audit's columns). */
    private Path selection(String rows) {
        Path file = tmp.resolve("logs/drcorl/kappa-10/seed-0-selection.csv");
        AtomicFiles.writeString(file, "step,reward_estimate,cost_estimate_mean,cost_estimate,kept,audit.cost,audit.reward\n" + rows);
        return file;
    }

    @Test
    void readsTheKeptRowOfASelectionLog() {
        Path file = selection("""
                -1,261.7337,4.960029,5.834763,0,5.02,252.04547
                499,549.3207,14.551641,37.813873,0,14.67,230.30302
                1499,497.81635,-2.9574795,0.9981,1,5.05,52.78465
                1999,633.7044,7.5164967,24.330145,0,16.08,182.79332
                """);
        KeptSnapshot kept = KeptSnapshot.read(file).orElseThrow();
        assertEquals(1499, kept.step());
        assertEquals(0.9981, kept.costBound(), 1e-6);
        assertTrue(kept.withinBudget());
        assertFalse(kept.fallback());
        assertEquals("step 1499", kept.describe());
    }

    @Test
    void aKeptBoundOverTheBudgetIsTheFallback() {
        Path file = selection("""
                -1,261.7337,4.960029,5.834763,0,,
                1499,497.81635,-2.9574795,5.281994,1,,
                1999,633.7044,7.5164967,24.330145,0,,
                """);
        KeptSnapshot kept = KeptSnapshot.read(file).orElseThrow();
        assertTrue(kept.fallback());
        assertEquals("step 1499 (fallback: no snapshot within budget, Ĉ bound 5.28)", kept.describe());
    }

    @Test
    void withAModelTheBoundIsTheModelsNotTheFittedQEvaluations() {
        Path file = tmp.resolve("logs/drcorl/kappa-20/seed-0-selection.csv");
        AtomicFiles.writeString(file, "step,reward_estimate,cost_estimate_mean,cost_estimate,model.reward,model.cost_mean,model.cost,kept\n"
                + "-1,123.3,1.93,2.42,93.8,2.31,4.06,0\n"
                + "499,34.1,0.20,0.49,38.8,0.45,0.82,1\n");
        KeptSnapshot kept = KeptSnapshot.read(file).orElseThrow();
        assertEquals(0.82, kept.costBound(), 1e-6);
        assertEquals("step 499", kept.describe());
    }

    @Test
    void theBcSafeBaselineIsNamedAndNotCalledAFallbackEvenOverTheBudget() {
        Path file = tmp.resolve("logs/drcorl/kappa-20/seed-1-selection.csv");
        AtomicFiles.writeString(file, "step,reward_estimate,cost_estimate_mean,cost_estimate,model.reward,model.cost_mean,model.cost,deviation,kept\n"
                + "-2,355.1,3.02,4.01,343.3,0,0.4,1,1\n"
                + "-1,357.4,3.03,4.02,314.7,0.26,0.55,1.23,0\n");
        KeptSnapshot kept = KeptSnapshot.read(file).orElseThrow();
        assertEquals("the BC-Safe baseline", kept.describe());
        assertTrue(!kept.fallback());
        AtomicFiles.writeString(file, "step,reward_estimate,cost_estimate_mean,cost_estimate,model.reward,model.cost_mean,model.cost,deviation,kept\n"
                + "-2,355.1,3.02,4.01,343.3,1.2,1.7,1,1\n");
        kept = KeptSnapshot.read(file).orElseThrow();
        assertTrue(!kept.fallback(), "kept because nothing improved on it, not as the lowest bound");
        assertEquals("the BC-Safe baseline (its Ĉ bound 1.70 is over the budget too)", kept.describe());
    }

    @Test
    void thePhase1PolicyAndMissingLogs() {
        Path file = selection("-1,261.7337,0.5,0.8,1,,\n499,549.3207,0.4,1.5,0,,\n");
        assertEquals("the phase-1 policy", KeptSnapshot.read(file).orElseThrow().describe());
        assertEquals(Optional.empty(), KeptSnapshot.read(tmp.resolve("none.csv")), "no selection (no estimator, cloning)");
        assertEquals(Optional.empty(), KeptSnapshot.read(selection("499,549.3207,0.4,1.5,0,,\n")), "no row kept");
    }
}
