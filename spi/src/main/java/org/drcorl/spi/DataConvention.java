package org.drcorl.spi;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A statistic that data recorded under a task's conventions shows: the mean, over a dataset's
 * rows (or over its episodes' first rows), of a function of the observation, within
 * [{@code low}, {@code high}]. A file whose mean falls outside was recorded under other
 * conventions (a heading of the opposite sign, a rescaled observation, another start state):
 * its dimensions match, so nothing else would notice, but a policy trained on it misbehaves in
 * the task. {@code drcorl dataset info|validate} and {@code drcorl run} warn about such files.
 *
 * <p>Pick statistics that data of the task's own behaviour policies and of DSRL's files share
 * by construction (a sign, a start value), not ones that depend on how well the data's policies
 * drive.
 *
 * @param statistic     what is averaged, in words, with the observation index (e.g. "cos ψ, obs[5]")
 * @param rows          which rows are averaged
 * @param ofObservation the value of one row, from its observation
 * @param low           smallest mean that fits ({@code Double.NEGATIVE_INFINITY}: no lower bound)
 * @param high          largest mean that fits ({@code Double.POSITIVE_INFINITY}: no upper bound)
 * @param why           the convention behind the bounds and where it comes from (file and class)
 */
public record DataConvention(String statistic, Rows rows, ToDoubleFunction<float[]> ofObservation, double low,
                             double high, String why) {

    /** The rows a statistic averages over. */
    public enum Rows {
        ALL("all rows"),
        EPISODE_STARTS("episodes' first rows");

        private final String words;

        Rows(String words) {
            this.words = words;
        }

        @Override
        public String toString() {
            return words;
        }
    }

    public DataConvention {
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(ofObservation, "ofObservation");
        Objects.requireNonNull(why, "why");
        if (Double.isNaN(low) || Double.isNaN(high) || !(low <= high)) {
            throw new IllegalArgumentException("data convention '" + statistic + "': bounds [" + low + ", " + high + "] are empty");
        }
    }

    /** Whether a measured mean fits the convention. */
    public boolean holds(double mean) {
        return mean >= low && mean <= high;
    }

    /** The bounds in words: {@code "< 0"}, {@code "> 0.5"} or {@code "in [a, b]"}. */
    public String expected() {
        if (low == Double.NEGATIVE_INFINITY) return "< " + high;
        if (high == Double.POSITIVE_INFINITY) return "> " + low;
        return "in [" + low + ", " + high + "]";
    }
}
