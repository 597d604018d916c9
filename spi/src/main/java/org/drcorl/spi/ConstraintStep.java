package org.drcorl.spi;

/**
 * What a {@link ConstraintHandler} sees at one policy update of the constrained phase.
 *
 * <p>The objectives: the regularizer term R (always weight 1), the reward term
 * {@code −β · mean⟨∇_a Q̄_r(s, a), a⟩} and the cost term {@code +β · mean⟨∇_a C̄(s, a), a⟩}, with
 * C̄ the host's per-state upper bound on the policy's cost-to-go.
 * Updates are computed lazily: asking only for {@link #rewardUpdate()} costs one backward pass.
 */
public interface ConstraintStep {

    /** Index of this policy update within the constrained phase, from 0. */
    long step();

    /**
     * Ĉ: the current estimate of the policy's episode cost divided by the budget κ, so 1.0
     * is exactly at the budget. The host estimates it from the data alone, by evaluating the
     * policy on its own actions (the upper bound of an ensemble by default); no simulator
     * episode is involved.
     */
    double costEstimate();

    /**
     * The optimizer's update for {@code R + rewardWeight · reward + costWeight · cost}
     * (a Lagrangian with λ is {@code update(1, λ)}).
     */
    PolicyUpdate update(double rewardWeight, double costWeight);

    /**
     * What {@link #update} checks first, in every implementation (the host's and the test fakes'):
     * a handler that computed a NaN or infinite weight has a bug, and no update hides it.
     */
    static void requireFiniteWeights(double rewardWeight, double costWeight) {
        if (!Double.isFinite(rewardWeight) || !Double.isFinite(costWeight)) {
            throw new IllegalArgumentException("update(" + rewardWeight + ", " + costWeight + "): weights must be finite");
        }
    }

    /** The update that improves reward: R + reward term. */
    default PolicyUpdate rewardUpdate() {
        return update(1.0, 0.0);
    }

    /** The update that reduces cost: R + cost term. */
    default PolicyUpdate costUpdate() {
        return update(0.0, 1.0);
    }
}
