package org.drcorl.train.extract;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The policies the online cost estimate saw during phase 2 that deserve a second look at the
 * end: the {@code capacity} highest-reward ones measured within the budget, and the one
 * measured safest (the fallback when none was within it). Estimates of a few episodes are
 * noisy, so the final choice re-measures these on common episodes instead of trusting the
 * single lucky estimate that put a policy here.
 */
final class CheckpointCandidates {

    /** A snapshot of the policy's weights at a phase-2 step, with what its estimate measured. */
    record Candidate(long step, float[] weights, double rewardReturn, double normalizedCost) {}

    private final int capacity;
    private final List<Candidate> safe = new ArrayList<>();
    private Candidate safest;

    CheckpointCandidates(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        this.capacity = capacity;
    }

    /** Considers the policy of {@code step}; copies its weights only when it is kept. */
    void offer(long step, Supplier<float[]> weights, double rewardReturn, double normalizedCost) {
        boolean withinBudget = normalizedCost <= 1.0;
        boolean amongBest = withinBudget && (safe.size() < capacity || rewardReturn > safe.getLast().rewardReturn());
        boolean safer = safest == null || normalizedCost < safest.normalizedCost();
        if (!amongBest && !safer) return;
        Candidate c = new Candidate(step, weights.get(), rewardReturn, normalizedCost);
        if (amongBest) {
            safe.add(c);
            safe.sort(Comparator.comparingDouble(Candidate::rewardReturn).reversed());
            if (safe.size() > capacity) safe.removeLast();
        }
        if (safer) safest = c;
    }

    /** The kept snapshots, best reward first, the safest last (each once). */
    List<Candidate> all() {
        List<Candidate> all = new ArrayList<>(safe);
        if (safest != null && !all.contains(safest)) all.add(safest);
        return all;
    }
}
