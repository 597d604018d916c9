package org.drcorl.train.extract;

/**
 * Hyperparameters of stage 3, policy extraction (DRCORL.md).
 *
 * @param learningRate      Adam learning rate of the policy (paper: 3e-4)
 * @param betaStart         β at the start of phase 2: the weight of the critic terms against the
 *                          regularizer (larger β = weaker regularization)
 * @param betaGrowthSteps   β grows as {@code betaStart · sqrt(1 + step / betaGrowthSteps)} (the
 *                          reference's √epoch schedule with an epoch of this many steps); 0 = constant
 * @param costThreshold     κ, the episode-cost budget
 * @param horizon           T, the episode length, for converting Q_c to an episode cost
 * @param gamma             the stage-2 cost critic's discount γ (to read it as an episode cost when no
 *                          offline estimator is given)
 * @param rewardFineTuning  keep training the reward critic by TD on π during phase 2 (DRCORL: yes)
 * @param rewardWarmupSteps the first phase-2 steps take the reward update whatever Ĉ says (the
 *                          reference's 500 reward-only epochs): the policy first moves toward reward,
 *                          so the snapshots span the reward–cost trade-off even when Ĉ starts high
 * @param costFineTuning    keep training the stage-2 cost critic by TD on π during phase 2 (the
 *                          reference: yes); it guides the cost term and gives Ĉ only when no offline
 *                          cost estimator is attached
 */
public record ExtractionConfig(double learningRate, double betaStart, int betaGrowthSteps,
                               double costThreshold, int horizon, double gamma,
                               boolean rewardFineTuning, boolean costFineTuning, int rewardWarmupSteps) {

    public ExtractionConfig {
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        if (!(betaStart > 0)) throw new IllegalArgumentException("beta must be positive, got " + betaStart);
        if (betaGrowthSteps < 0) throw new IllegalArgumentException("betaGrowthSteps must be >= 0");
        if (!(costThreshold >= 0)) throw new IllegalArgumentException("cost threshold must be >= 0, got " + costThreshold);
        if (rewardWarmupSteps < 0) throw new IllegalArgumentException("reward warm-up steps must be >= 0, got " + rewardWarmupSteps);
        if (horizon <= 0) throw new IllegalArgumentException("horizon must be positive, got " + horizon);
    }

    /** β at a phase-2 step. */
    public double beta(long step) {
        return betaGrowthSteps == 0 ? betaStart : betaStart * Math.sqrt(1.0 + (double) step / betaGrowthSteps);
    }

    /**
     * Episode cost from the mean discounted cost-to-go: for a per-step cost rate c̄,
     * Q_c = c̄ (1 − γ^T)/(1 − γ) while the episode cost is c̄ T, so
     * {@code episodeCost = Q_c · (1 − γ) · T / (1 − γ^T)}.
     */
    public double episodeCostFromQ(double meanQ) {
        return meanQ * OfflineCostEstimator.episodePerDiscounted(gamma, horizon);
    }

    /** Ĉ: episode cost over κ, with DSRL's +1 when κ = 0. */
    public double normalizedCost(double episodeCost) {
        return org.drcorl.spi.NormalizationConstants.normalizedCost(episodeCost, costThreshold);
    }
}
