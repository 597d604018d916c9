package org.drcorl.spi;

import java.util.List;

/**
 * DSRL's published facts about one of its tasks.
 *
 * @param id              DSRL's dataset id, e.g. {@code OfflineCarCircle-v0}
 * @param family          {@code bullet} or {@code safety-gymnasium}
 * @param rewardMin       R_min
 * @param rewardMax       R_max
 * @param costMax         C_max
 * @param maxEpisodeSteps T
 * @param obsDim          observation length
 * @param actDim          action length
 * @param costThresholds  the evaluation budgets κ
 */
public record DsrlTaskConstants(String id, String family, double rewardMin, double rewardMax, double costMax,
                                int maxEpisodeSteps, int obsDim, int actDim, List<Double> costThresholds) {

    public DsrlTaskConstants {
        costThresholds = List.copyOf(costThresholds);
    }

    /** The constants normalized scores are computed with. */
    public NormalizationConstants normalization() {
        return new NormalizationConstants(rewardMin, rewardMax, costMax);
    }
}
