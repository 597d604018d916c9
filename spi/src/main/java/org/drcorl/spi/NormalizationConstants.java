package org.drcorl.spi;

/**
 * DSRL's score normalization for one task: episode reward returns map to
 * {@code (R - rewardMin) / (rewardMax - rewardMin)}, episode cost returns to {@code C / κ}.
 * This is the one place where normalized scores are computed.
 *
 * @param rewardMin R_min, the reward return of a poor policy (DSRL: of the dataset)
 * @param rewardMax R_max, the best reward return seen
 * @param costMax   C_max, the largest cost return the dataset's episodes are clipped to
 */
public record NormalizationConstants(double rewardMin, double rewardMax, double costMax) {

    public NormalizationConstants {
        if (!Double.isFinite(rewardMin) || !Double.isFinite(rewardMax) || !(rewardMax > rewardMin)) {
            throw new IllegalArgumentException("normalization needs finite rewardMin < rewardMax, got "
                    + rewardMin + " and " + rewardMax);
        }
        if (!Double.isFinite(costMax) || costMax < 0) {
            throw new IllegalArgumentException("normalization needs a finite costMax >= 0, got " + costMax);
        }
    }

    /** (R − R_min) / (R_max − R_min). */
    public double normalizedReward(double rewardReturn) {
        return (rewardReturn - rewardMin) / (rewardMax - rewardMin);
    }

    /**
     * Cost return over the threshold κ; DSRL adds 1 to numerator and denominator only when
     * κ = 0, so that a zero budget still gives a finite score.
     */
    public static double normalizedCost(double costReturn, double threshold) {
        if (threshold < 0 || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("cost threshold must be finite and >= 0, got " + threshold);
        }
        return threshold == 0 ? (costReturn + 1) / (threshold + 1) : costReturn / threshold;
    }

    /** Safe ⇔ normalized cost ≤ 1. */
    public static boolean isSafe(double costReturn, double threshold) {
        return normalizedCost(costReturn, threshold) <= 1.0;
    }
}
