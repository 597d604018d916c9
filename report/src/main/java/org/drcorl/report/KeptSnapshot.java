package org.drcorl.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The policy an offline selection kept, as its log ({@code logs/ALGO/kappa-K/seed-S-selection.csv},
 * one row per compared snapshot) records it: the phase-2 step it was taken after ({@code -1}:
 * the phase-1 policy) and the Ĉ upper bound the selection judged it by (1 = the budget κ): the
 * learned model's rollouts ({@code model.cost}) where the run had a model, else the fitted Q
 * evaluation's re-estimate ({@code cost_estimate}). The selection keeps
 * the best snapshot whose bound is within the budget and, when none is, the one with the lowest
 * bound: that fallback is a policy the estimate itself calls unsafe, which a reader must see.
 *
 * @param step     the phase-2 step, −1 for the phase-1 policy, −2 for the BC-Safe baseline
 * @param costBound the kept snapshot's Ĉ upper bound, normalized by κ
 */
public record KeptSnapshot(long step, double costBound) {
    /** The selection log's columns this reads. */
    static final String KEPT = "kept", COST_BOUND = "cost_estimate", MODEL_COST_BOUND = "model.cost";

    /**
     * Whether the bound was within the budget, as the selection decided it ({@code bound ≤ 1}).
     * The log holds the bound in float precision; that only matters within 10⁻⁷ of the budget.
     */
    public boolean withinBudget() {
        return costBound <= 1.0;
    }

    /** The step the selection gives the BC-Safe baseline: PolicyExtractor.BASELINE_STEP, which report may not import (docs/ARCHITECTURE.md). */
    public static final long BASELINE_STEP = -2;

    /** True when no snapshot was within the budget and the lowest bound was kept instead. */
    public boolean fallback() {
        return !withinBudget() && step != BASELINE_STEP;
    }

    /** "step 1499", "the phase-1 policy", "the BC-Safe baseline"; with the fallback named when it was one. */
    public String describe() {
        String which = name(step);
        if (step == BASELINE_STEP && !withinBudget()) return which + String.format(Locale.ROOT, " (its Ĉ bound %.2f is over the budget too)", costBound);
        if (!fallback()) return which;
        return which + String.format(Locale.ROOT, " (fallback: no snapshot within budget, Ĉ bound %.2f)", costBound);
    }

    /** What a selection log's step names: "step 1499", "the phase-1 policy" (−1), "the BC-Safe baseline" (−2). */
    public static String name(long step) {
        return step == BASELINE_STEP ? "the BC-Safe baseline" : step < 0 ? "the phase-1 policy" : "step " + step;
    }

    /** The kept row of a selection log; empty when no row is marked kept (or the columns are missing). */
    public static Optional<KeptSnapshot> of(MetricsLog selection) {
        String judge = selection.has(MODEL_COST_BOUND) ? MODEL_COST_BOUND : COST_BOUND;
        if (!selection.has(KEPT) || !selection.has(judge)) return Optional.empty();
        double[] kept = selection.column(KEPT), bound = selection.column(judge), steps = selection.column("step");
        for (int i = 0; i < kept.length; i++) {
            if (kept[i] == 1.0) return Optional.of(new KeptSnapshot((long) steps[i], bound[i]));
        }
        return Optional.empty();
    }

    /** {@link #of} of the log at {@code file}; empty when there is none (no cost estimator, an older run). */
    public static Optional<KeptSnapshot> read(Path file) {
        return Files.isRegularFile(file) ? of(MetricsLog.read(file)) : Optional.empty();
    }
}
