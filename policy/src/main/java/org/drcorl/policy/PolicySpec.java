package org.drcorl.policy;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * What a trained policy is: its sizes and network, the task and budget it was trained for, and
 * how its scores were normalized. Fields a policy saved by an older drcorl did not record are
 * empty rather than guessed.
 *
 * @param file           the policy's metadata file ({@code NAME.json})
 * @param taskId         the task it was trained on
 * @param observationDim observation values it takes
 * @param actionDim      action values it produces
 * @param layerSizes     the network's layer sizes, input first (ReLU between layers)
 * @param tanhOutput     whether its outputs pass through tanh (in (-1, 1))
 * @param algorithm      the algorithm that trained it (e.g. {@code drcorl})
 * @param threshold      the cost budget κ it was trained for (NaN when it has none)
 * @param seed           the run's seed
 * @param steps          training steps
 * @param dataHash       the sha256 of the training data's content
 * @param actionLow      the task's action lower bounds (the simulator clips to them), if recorded
 * @param actionHigh     the task's action upper bounds, if recorded
 * @param normalization  the constants its scores were normalized with, if recorded
 * @param selectedStep   the phase-2 step whose snapshot was kept (-1: the phase-1 policy), if any
 * @param settings       everything else the run recorded with it (regularizer, handler, preset, options)
 */
public record PolicySpec(String file, String taskId, int observationDim, int actionDim, int[] layerSizes, boolean tanhOutput,
                         String algorithm, double threshold, long seed, long steps, String dataHash,
                         Optional<float[]> actionLow, Optional<float[]> actionHigh, Optional<Normalization> normalization,
                         Optional<Long> selectedStep, Map<String, String> settings) {

    /** DSRL's normalization: reward (R − R_min)/(R_max − R_min), cost C/κ; R_min etc. as recorded. */
    public record Normalization(double rewardMin, double rewardMax, double costMax) {}

    public PolicySpec {
        layerSizes = layerSizes.clone();
        settings = Map.copyOf(settings);
    }

    @Override
    public int[] layerSizes() {
        return layerSizes.clone();
    }

    /** One "key: value" line per fact, for {@code drcorl policy info}. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        line(s, "file", file);
        line(s, "task", taskId);
        line(s, "algorithm", algorithm + (Double.isNaN(threshold) ? "" : ", κ " + number(threshold)) + ", seed " + seed);
        line(s, "observation", observationDim + " values");
        line(s, "action", actionDim + " values" + actionLow.map(lo -> ", bounds " + Arrays.toString(lo) + " .. "
                + actionHigh.map(Arrays::toString).orElse("?")).orElse(", bounds not recorded")
                + (tanhOutput ? " (network output in (-1, 1) through tanh)" : ""));
        line(s, "network", "MLP " + Arrays.toString(layerSizes) + ", ReLU between layers");
        line(s, "trained", steps + " steps" + selectedStep.map(k -> k == -2 ? ", kept the BC-Safe baseline"
                : k < 0 ? ", kept the phase-1 policy" : ", kept the snapshot of phase-2 step " + k).orElse(""));
        line(s, "normalization", normalization.map(n -> "R_min " + number(n.rewardMin()) + ", R_max " + number(n.rewardMax())
                + ", C_max " + number(n.costMax())).orElse("not recorded"));
        line(s, "data sha256", dataHash);
        return s.toString();
    }

    private static void line(StringBuilder s, String key, String value) {
        s.append(String.format("%-14s %s%n", key, value));
    }

    /** Integers without ".0", others to six significant digits (134.501, not 134.50092058628798). */
    static String number(double v) {
        if (!Double.isFinite(v)) return Double.toString(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
