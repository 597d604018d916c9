package org.drcorl.train.extract;

/**
 * How the offline selection chooses among an extraction's policies.
 *
 * <p>With {@code safeBaseline} the selection is a safe policy improvement over BC-Safe, in the
 * sense of SPIBB (Laroche, Trichelair and Tachet des Combes, 2019) and high-confidence policy
 * improvement (Thomas et al., 2015): the policy kept is behaviour cloning on the episodes within the
 * budget (trained as the {@code bc-safe} baseline is), unless a DRCORL policy is judged offline to
 * be within the budget (its cost upper bound ≤ 1), to earn more than that baseline (its reward lower
 * bound above the baseline's estimated reward), and to stay near the data (its action deviation,
 * below, at most {@code supportLimit} times the baseline's). A judge that cannot vouch for an
 * improvement then returns what the data's safe episodes already do, instead of the least bad of
 * the policies it could not vouch for.
 *
 * <p>The action deviation of a policy π is the mean over the dataset's transitions (s, a) and the
 * action dimensions of (π(s) − a)². It is the data's own action spread plus π's distance from the
 * data's conditional mean, so its ratio to the baseline's says how far π left the data in units of
 * the data's spread. Why 5 (2.2× the baseline's root mean square deviation):
 * docs/results/offline-matrix.md, "The BC-Safe baseline in the selection".
 *
 * <p>With {@code averagedSnapshots} each phase-2 snapshot is the mean of the policy's weights over
 * the {@code snapshot-interval} steps that end there, rather than the last step's weights: the
 * averaged iterate of stochastic approximation (Polyak and Juditsky, 1992). Phase 2 switches
 * between reward and cost steps, and where a task's cost jumps with the policy the iterates
 * alternate across the budget instead of settling on it (HalfCheetah velocity at κ 80: snapshots
 * 250 steps apart measured 0 and 12 budgets in turn); the mean of a block lies between. What it
 * changed across the matrix: docs/results/offline-matrix.md, "Averaged snapshots".
 *
 * @param safeBaseline the selection keeps BC-Safe unless a policy is judged a safe improvement on it
 * @param supportLimit the largest action deviation, in multiples of the baseline's, of a policy that may
 *                     replace it (infinity: no support check)
 * @param averagedSnapshots each phase-2 snapshot is the mean of its block of steps (false: the last step's policy)
 */
public record SelectionConfig(boolean safeBaseline, double supportLimit, boolean averagedSnapshots) {
    public SelectionConfig {
        if (!(supportLimit >= 1)) throw new IllegalArgumentException("support-limit must be >= 1 (the baseline's own deviation), got " + supportLimit);
    }

    /** BC-Safe as the baseline, the support limit at 5× its action deviation, the last step's policy as each snapshot. */
    public static SelectionConfig standard() {
        return new SelectionConfig(true, 5.0, false);
    }
}
