package org.drcorl.eval;

import java.util.List;
import org.drcorl.spi.NormalizationConstants;

/**
 * DSRL's scores of one policy (one algorithm, budget and seed) over its evaluation episodes:
 * mean undiscounted returns, normalized reward {@code (R − R_min)/(R_max − R_min)} and
 * normalized cost {@code C/κ}.
 */
public record PolicyScore(String algorithm, double threshold, long seed, double rewardReturn, double costReturn,
                          double normalizedReward, double normalizedCost, int episodes) {

    public static PolicyScore of(String algorithm, double threshold, long seed, List<EpisodeStats> episodes,
                                 NormalizationConstants constants) {
        double r = episodes.stream().mapToDouble(EpisodeStats::rewardReturn).average().orElse(Double.NaN);
        double c = episodes.stream().mapToDouble(EpisodeStats::costReturn).average().orElse(Double.NaN);
        return new PolicyScore(algorithm, threshold, seed, r, c, constants.normalizedReward(r),
                NormalizationConstants.normalizedCost(c, threshold), episodes.size());
    }

    /** Safe ⇔ normalized cost ≤ 1. */
    public boolean safe() {
        return normalizedCost <= 1.0;
    }
}
