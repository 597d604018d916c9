package org.drcorl.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import org.junit.jupiter.api.Test;

/** The sweep summary's cells over seeds and its comparison with the baseline, on hand-made scores. */
class SweepSummaryTest {

    /** Per-seed scores as the runs write them (the columns the summary reads). */
    private static Table scores(Object[]... rows) {
        Table t = Table.create("scores", StringColumn.create("task"), StringColumn.create("algorithm"),
                DoubleColumn.create("threshold"), IntColumn.create("seed"), DoubleColumn.create("normalized_reward"),
                DoubleColumn.create("normalized_cost"));
        for (Object[] r : rows) {
            t.stringColumn("task").append((String) r[0]);
            t.stringColumn("algorithm").append((String) r[1]);
            t.doubleColumn("threshold").append(((Number) r[2]).doubleValue());
            t.intColumn("seed").append((Integer) r[3]);
            t.doubleColumn("normalized_reward").append(((Number) r[4]).doubleValue());
            t.doubleColumn("normalized_cost").append(((Number) r[5]).doubleValue());
        }
        return t;
    }

    private static final Table SCORES = scores(
            // task A, κ 10: drcorl safe and above bc-safe (0.4 vs 0.2)
            new Object[] {"A", "drcorl", 10, 0, 0.3, 0.5}, new Object[] {"A", "drcorl", 10, 1, 0.5, 0.7},
            new Object[] {"A", "bc-safe", 10, 0, 0.1, 0.2}, new Object[] {"A", "bc-safe", 10, 1, 0.3, 0.4},
            // task A, κ 20: drcorl above bc-safe but unsafe (mean cost 1.5)
            new Object[] {"A", "drcorl", 20, 0, 0.6, 1.0}, new Object[] {"A", "drcorl", 20, 1, 0.6, 2.0},
            new Object[] {"A", "bc-safe", 20, 0, 0.3, 0.1}, new Object[] {"A", "bc-safe", 20, 1, 0.3, 0.1},
            // task B, κ 10: drcorl safe, below bc-safe
            new Object[] {"B", "drcorl", 10, 0, 0.0, 0.0}, new Object[] {"B", "drcorl", 10, 1, 0.0, 0.0},
            new Object[] {"B", "bc-safe", 10, 0, 0.1, 0.0}, new Object[] {"B", "bc-safe", 10, 1, 0.1, 0.0},
            // task B, κ 40: no bc-safe cell: not compared
            new Object[] {"B", "drcorl", 40, 0, 9.0, 0.0});

    @Test
    void cellsAreMeansOverSeedsWithStudentIntervals() {
        Table summary = SweepSummary.summary(SCORES, List.of("drcorl", "bc-safe"));
        assertEquals(7, summary.rowCount(), "A: 2 algorithms × 2 κ; B: drcorl at 10 and 40, bc-safe at 10");
        var first = summary.row(0);
        assertEquals("A", first.getString("task"));
        assertEquals("drcorl", first.getString("algorithm"));
        assertEquals(0.4, first.getDouble("reward_mean"), 1e-12);
        // two seeds 0.3, 0.5: sample std √0.02, t(1) = 12.706
        assertEquals(12.706 * Math.sqrt(0.02) / Math.sqrt(2), first.getDouble("reward_ci95"), 1e-9);
    }

    @Test
    void everyAlgorithmIsMeasuredAgainstBcSafeOnTheCellsBothHave() {
        Table summary = SweepSummary.summary(SCORES, List.of("drcorl", "bc-safe"));
        Map<String, SweepSummary.AgainstBaseline> against = SweepSummary.againstBaseline(summary, "bc-safe");
        assertEquals(List.of("drcorl"), List.copyOf(against.keySet()), "the baseline is not compared with itself");
        SweepSummary.AgainstBaseline d = against.get("drcorl");
        assertEquals(3, d.cells(), "B κ 40 has no bc-safe cell");
        assertEquals(2, d.safe());
        assertEquals(2, d.atLeast());
        assertEquals(1, d.safeAndAtLeast());
        assertEquals((0.4 + 0.6 + 0.0) / 3, d.meanReward(), 1e-12);
        assertEquals((0.2 + 0.3 + 0.1) / 3, d.baselineMeanReward(), 1e-12);
        assertEquals(d.meanReward() / d.baselineMeanReward(), d.ratio(), 1e-12);

        String md = SweepSummary.markdown(summary, new SweepGrid(List.of("A", "B"), List.of("drcorl", "bc-safe"),
                List.of(), List.of(0L, 1L), "quick", Map.of()));
        assertTrue(md.contains("Against bc-safe"), md);
        assertTrue(md.contains("| drcorl | 3 | 2 | 2 | 1 | 0.333 | 0.200 | 1.67× |"), md);
    }

    @Test
    void aRatioToABaselineWithoutPositiveRewardIsNotGiven() {
        Table summary = SweepSummary.summary(scores(
                new Object[] {"A", "drcorl", 10, 0, 0.2, 0.5}, new Object[] {"A", "bc-safe", 10, 0, -0.1, 0.5}),
                List.of("drcorl", "bc-safe"));
        var d = SweepSummary.againstBaseline(summary, "bc-safe").get("drcorl");
        assertTrue(Double.isNaN(d.ratio()));
        assertFalse(SweepSummary.markdown(summary, new SweepGrid(List.of("A"), List.of("drcorl", "bc-safe"), List.of(),
                List.of(0L), "quick", Map.of())).contains("NaN"));
        assertTrue(SweepSummary.againstBaseline(summary, "bc-lag").isEmpty(), "no such baseline in the grid: nothing to say");
    }
}
