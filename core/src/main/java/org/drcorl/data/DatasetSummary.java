package org.drcorl.data;

import java.util.Arrays;
import java.util.List;
import org.drcorl.spi.NormalizationConstants;

/**
 * The numbers that describe a dataset at a glance.
 *
 * @param transitions    N
 * @param obsDim         observation length
 * @param actDim         action length
 * @param episodes       episode count
 * @param minEpisodeLength shortest episode (0 without episodes)
 * @param maxEpisodeLength longest episode
 * @param rewardReturns  min/mean/max of the episode reward returns
 * @param costReturns    min/mean/max of the episode cost returns
 * @param safeShares     for each threshold κ, the share of episodes with cost return ≤ κ
 */
public record DatasetSummary(int transitions, int obsDim, int actDim, int episodes, int minEpisodeLength,
                             int maxEpisodeLength, Stats rewardReturns, Stats costReturns,
                             List<SafeShare> safeShares) {

    public DatasetSummary {
        safeShares = List.copyOf(safeShares);
    }

    /** Min, mean and max of a set of values (all NaN when the set is empty). */
    public record Stats(double min, double mean, double max) {
        static Stats of(double[] values) {
            if (values.length == 0) return new Stats(Double.NaN, Double.NaN, Double.NaN);
            return new Stats(Arrays.stream(values).min().orElseThrow(), Arrays.stream(values).average().orElseThrow(),
                    Arrays.stream(values).max().orElseThrow());
        }
    }

    /**
     * @param threshold     the cost budget κ
     * @param safeEpisodes  episodes with cost return ≤ κ
     * @param share         safeEpisodes / episodes (NaN without episodes)
     */
    public record SafeShare(double threshold, int safeEpisodes, double share) {}

    public static DatasetSummary of(OfflineDataset dataset, List<Double> thresholds) {
        double[] costs = dataset.episodeCostReturns();
        List<SafeShare> shares = thresholds.stream().map(kappa -> {
            int safe = (int) Arrays.stream(costs).filter(c -> NormalizationConstants.isSafe(c, kappa)).count();
            return new SafeShare(kappa, safe, costs.length == 0 ? Double.NaN : (double) safe / costs.length);
        }).toList();
        int[] lengths = dataset.episodes().stream().mapToInt(EpisodeInfo::length).toArray();
        return new DatasetSummary(dataset.size(), dataset.obsDim(), dataset.actDim(), dataset.episodeCount(),
                Arrays.stream(lengths).min().orElse(0), Arrays.stream(lengths).max().orElse(0),
                Stats.of(dataset.episodeRewardReturns()), Stats.of(costs), shares);
    }
}
