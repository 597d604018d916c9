package org.drcorl.data;

/**
 * One episode of an {@link OfflineDataset}: transitions {@code start .. start + length - 1}.
 *
 * @param index        position of the episode in the dataset
 * @param start        index of its first transition
 * @param length       number of transitions
 * @param rewardReturn undiscounted sum of rewards
 * @param costReturn   undiscounted sum of costs
 * @param truncated    true when the episode ended on a timeout or without any flag (the trailing
 *                     run of a dataset), false when it ended on a terminal
 */
public record EpisodeInfo(int index, int start, int length, double rewardReturn, double costReturn,
                          boolean truncated) {

    /** Index one past the last transition. */
    public int end() {
        return start + length;
    }
}
