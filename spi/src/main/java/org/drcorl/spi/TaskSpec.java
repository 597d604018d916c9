package org.drcorl.spi;

import java.util.Arrays;
import java.util.List;

/**
 * Everything the framework needs to know about a task without running it.
 *
 * @param id              the task id, DSRL's where the task is one of DSRL's (e.g. {@code OfflineCarCircle-v0})
 * @param family          the task family, e.g. {@code bullet} or {@code mujoco}
 * @param description     one line for {@code drcorl tasks}
 * @param observationDim  length of every observation
 * @param actionDim       length of every action
 * @param actionLow       per-dimension lower bound; actions are clipped to it
 * @param actionHigh      per-dimension upper bound
 * @param maxEpisodeSteps T: episodes are truncated after this many steps
 * @param costThresholds  the evaluation budgets κ (episode cost), e.g. 10, 20, 40
 * @param normalization   reward/cost normalization; for our own simulators this comes from the
 *                        collected dataset, which overrides the value here when present
 */
public record TaskSpec(
        String id,
        String family,
        String description,
        int observationDim,
        int actionDim,
        float[] actionLow,
        float[] actionHigh,
        int maxEpisodeSteps,
        List<Double> costThresholds,
        NormalizationConstants normalization) {

    public TaskSpec {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("task id is empty");
        if (observationDim <= 0 || actionDim <= 0) {
            throw new IllegalArgumentException("task " + id + ": dimensions must be positive, got obs "
                    + observationDim + ", act " + actionDim);
        }
        if (actionLow.length != actionDim || actionHigh.length != actionDim) {
            throw new IllegalArgumentException("task " + id + ": action bounds must have " + actionDim + " entries");
        }
        for (int i = 0; i < actionDim; i++) {
            if (!(actionLow[i] < actionHigh[i])) {
                throw new IllegalArgumentException("task " + id + ": action bound " + i + " is empty");
            }
        }
        if (maxEpisodeSteps <= 0) throw new IllegalArgumentException("task " + id + ": maxEpisodeSteps must be positive");
        actionLow = actionLow.clone();
        actionHigh = actionHigh.clone();
        costThresholds = List.copyOf(costThresholds);
    }

    /** Bounds [−1, 1] in every dimension, as in every DSRL task. */
    public static float[] symmetricBounds(int dim, float bound) {
        float[] b = new float[dim];
        Arrays.fill(b, bound);
        return b;
    }

    @Override
    public float[] actionLow() {
        return actionLow.clone();
    }

    @Override
    public float[] actionHigh() {
        return actionHigh.clone();
    }

    /** A copy with other normalization constants (those measured on a dataset). */
    public TaskSpec withNormalization(NormalizationConstants constants) {
        return new TaskSpec(id, family, description, observationDim, actionDim, actionLow, actionHigh,
                maxEpisodeSteps, costThresholds, constants);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskSpec t && id.equals(t.id) && family.equals(t.family)
                && description.equals(t.description) && observationDim == t.observationDim
                && actionDim == t.actionDim && Arrays.equals(actionLow, t.actionLow)
                && Arrays.equals(actionHigh, t.actionHigh) && maxEpisodeSteps == t.maxEpisodeSteps
                && costThresholds.equals(t.costThresholds) && java.util.Objects.equals(normalization, t.normalization);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(id, family, observationDim, actionDim, maxEpisodeSteps);
    }

    @Override
    public String toString() {
        return "TaskSpec[" + id + ", family " + family + ", obs " + observationDim + ", act " + actionDim
                + ", T " + maxEpisodeSteps + ", thresholds " + costThresholds + "]";
    }
}
