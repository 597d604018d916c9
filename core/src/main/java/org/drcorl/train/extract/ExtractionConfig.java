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
 * @param gamma             the critics' discount γ
 * @param costSmoothing     rate of the exponential average of the offline cost estimate Ĉ per
 *                          step (1 = the current batch alone)
 * @param rewardFineTuning  keep training the reward critic by TD on π during phase 2 (DRCORL: yes)
 * @param costFineTuning    keep training the cost critic by TD on π during phase 2 (DRCORL: yes): this
 *                          is what turns the behaviour's cost-to-go into π's, so the offline Ĉ follows π
 */
public record ExtractionConfig(double learningRate, double betaStart, int betaGrowthSteps,
                               double costThreshold, int horizon, double gamma, double costSmoothing,
                               boolean rewardFineTuning, boolean costFineTuning) {

    public ExtractionConfig {
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        if (!(betaStart > 0)) throw new IllegalArgumentException("beta must be positive, got " + betaStart);
        if (betaGrowthSteps < 0) throw new IllegalArgumentException("betaGrowthSteps must be >= 0");
        if (!(costThreshold >= 0)) throw new IllegalArgumentException("cost threshold must be >= 0, got " + costThreshold);
        if (horizon <= 0) throw new IllegalArgumentException("horizon must be positive, got " + horizon);
        if (!(costSmoothing > 0 && costSmoothing <= 1)) throw new IllegalArgumentException("costSmoothing must be in (0, 1]");
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
        return meanQ * (1 - gamma) * horizon / (1 - Math.pow(gamma, horizon));
    }

    /** Ĉ: episode cost over κ, with DSRL's +1 when κ = 0. */
    public double normalizedCost(double episodeCost) {
        return org.drcorl.spi.NormalizationConstants.normalizedCost(episodeCost, costThreshold);
    }
}
