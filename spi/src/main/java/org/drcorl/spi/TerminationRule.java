package org.drcorl.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * When a task's episode ends early, as a function of the observation it ends on: the episode
 * goes on while every dimension stays strictly inside (low, high), and ends on the first
 * observation that reaches or leaves a bound (an infinite bound never ends it). This is how
 * Gymnasium's locomotion tasks define "healthy" (Hopper's torso height and pitch, Walker2d's,
 * Ant's height), and what the model-based methods (MBPO, MOPO, MOReL) hand their learned
 * models: a rollout in a learned model should end where the task would, not where a classifier
 * trained on a few hundred terminal rows guesses it does.
 *
 * <p>The learned model's judgement of a policy (the offline selection) ends each simulated
 * episode by this rule when the task declares one; without one, the model's own termination
 * head decides. Declare it only where the task's termination is a function of the observation
 * alone, as recorded in its datasets (a DSRL file of the same task must mean the same).
 *
 * @param low  per observation dimension, the bound below which the episode ends ({@code -∞}: none)
 * @param high per observation dimension, the bound above which the episode ends ({@code +∞}: none)
 * @param why  the rule in words and where it comes from (file and function upstream)
 */
public record TerminationRule(float[] low, float[] high, String why) {

    public TerminationRule {
        Objects.requireNonNull(why, "why");
        if (low.length != high.length) {
            throw new IllegalArgumentException("termination rule: " + low.length + " lower bounds but " + high.length + " upper bounds");
        }
        for (int i = 0; i < low.length; i++) {
            if (Float.isNaN(low[i]) || Float.isNaN(high[i]) || !(low[i] < high[i])) {
                throw new IllegalArgumentException("termination rule: bounds (" + low[i] + ", " + high[i] + ") of obs[" + i + "] are empty");
            }
        }
        low = low.clone();
        high = high.clone();
    }

    /** A task whose episodes never end early (only the time limit ends them). */
    public static TerminationRule never(int observationDim, String why) {
        return new Builder(observationDim).build(why);
    }

    /** A rule built bound by bound; every dimension starts unbounded. */
    public static Builder over(int observationDim) {
        return new Builder(observationDim);
    }

    /** Whether an episode that reached this observation goes on. */
    public boolean healthy(float[] observation) {
        if (observation.length != low.length) {
            throw new IllegalArgumentException("termination rule of " + low.length + " dimensions given an observation of " + observation.length);
        }
        for (int i = 0; i < low.length; i++) {
            if (!(observation[i] > low[i] && observation[i] < high[i])) return false;
        }
        return true;
    }

    /** Whether no observation ever ends an episode. */
    public boolean isNever() {
        for (int i = 0; i < low.length; i++) {
            if (low[i] != Float.NEGATIVE_INFINITY || high[i] != Float.POSITIVE_INFINITY) return false;
        }
        return true;
    }

    public int observationDim() {
        return low.length;
    }

    @Override
    public float[] low() {
        return low.clone();
    }

    @Override
    public float[] high() {
        return high.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TerminationRule r && Arrays.equals(low, r.low) && Arrays.equals(high, r.high) && why.equals(r.why);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(low) + Arrays.hashCode(high)) + why.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("TerminationRule[");
        boolean any = false;
        for (int i = 0; i < low.length; i++) {
            if (low[i] == Float.NEGATIVE_INFINITY && high[i] == Float.POSITIVE_INFINITY) continue;
            if (any) s.append(", ");
            s.append(low[i]).append(" < obs[").append(i).append("] < ").append(high[i]);
            any = true;
        }
        return s.append(any ? "" : "never").append("]").toString();
    }

    /** Builds a rule bound by bound. */
    public static final class Builder {
        private final float[] low, high;

        private Builder(int observationDim) {
            if (observationDim <= 0) throw new IllegalArgumentException("termination rule: observation dimension must be positive, got " + observationDim);
            low = new float[observationDim];
            high = new float[observationDim];
            Arrays.fill(low, Float.NEGATIVE_INFINITY);
            Arrays.fill(high, Float.POSITIVE_INFINITY);
        }

        /** The episode goes on while {@code low < obs[index] < high}. */
        public Builder within(int index, double low, double high) {
            Objects.checkIndex(index, this.low.length);
            this.low[index] = (float) low;
            this.high[index] = (float) high;
            return this;
        }

        /** The same bounds on obs[from] … obs[to − 1]. */
        public Builder within(int from, int to, double low, double high) {
            for (int i = from; i < to; i++) within(i, low, high);
            return this;
        }

        public TerminationRule build(String why) {
            return new TerminationRule(low, high, why);
        }
    }
}
