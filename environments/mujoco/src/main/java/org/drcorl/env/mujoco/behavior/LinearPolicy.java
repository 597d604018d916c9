package org.drcorl.env.mujoco.behavior;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A linear feedback policy, {@code a = clip(W·(s − μ)/σ, −1, 1)}, as Augmented Random Search
 * trains it ({@link ArsTrainer}): μ and σ are the observation statistics seen while training,
 * frozen with the weights. Hopping and walking need feedback (an open-loop gait falls over
 * within a second); a linear map of the normalized state is enough for it.
 *
 * <p>With a {@code base} gait the policy is a gait with a feedback correction,
 * {@code a = clip(gait(t) + W·(s − μ)/σ)} (a "policy-modulated trajectory generator"): ARS
 * then starts from a gait that already walks instead of from standing still, which is what
 * makes it work for the ant.
 *
 * @param target      what the policy does: the mean speed it measured (m/s)
 * @param mean        μ per observation entry
 * @param std         σ per observation entry (positive)
 * @param weights     W, one row per action entry
 * @param base        the open-loop gait the feedback corrects, or null for none
 * @param stepSeconds the task's environment step (s), the gait's clock; ignored without a base
 */
public record LinearPolicy(double target, double[] mean, double[] std, double[][] weights, Gait base, double stepSeconds) implements FeedbackPolicy {

    /** A policy without a base gait. */
    public LinearPolicy(double target, double[] mean, double[] std, double[][] weights) {
        this(target, mean, std, weights, null, 0);
    }

    public LinearPolicy {
        if (base != null && base.actuators() != weights.length) {
            throw new IllegalArgumentException("the base gait drives " + base.actuators() + " actuators, the weights " + weights.length);
        }
        if (base != null && !(stepSeconds > 0)) throw new IllegalArgumentException("a base gait needs a positive step duration");
        if (mean.length != std.length) throw new IllegalArgumentException("mean and std differ in length");
        for (double[] row : weights) {
            if (row.length != mean.length) throw new IllegalArgumentException("a weight row has " + row.length
                    + " entries for an observation of " + mean.length);
        }
        for (double s : std) if (!(s > 0)) throw new IllegalArgumentException("observation std must be positive, got " + s);
        mean = mean.clone();
        std = std.clone();
        double[][] w = new double[weights.length][];
        for (int i = 0; i < w.length; i++) w[i] = weights[i].clone();
        weights = w;
    }

    /** The zero policy for these dimensions, with unit statistics: where a search starts. */
    public static LinearPolicy zero(double target, int observationDim, int actionDim) {
        double[] std = new double[observationDim];
        Arrays.fill(std, 1);
        return new LinearPolicy(target, new double[observationDim], std, new double[actionDim][observationDim]);
    }

    public int observationDim() {
        return mean.length;
    }

    @Override
    public int actionDim() {
        return weights.length;
    }

    /** The action for {@code obs} at the episode's first step (a policy without base gait ignores the step). */
    public void act(float[] obs, double[] out) {
        act(obs, 0, out);
    }

    /** The action for {@code obs} at {@code step} of the episode, written into {@code out}; allocates nothing. */
    @Override
    public void act(float[] obs, int step, double[] out) {
        if (base != null) base.actionAt(step * stepSeconds, 1.0, out);
        for (int i = 0; i < weights.length; i++) {
            double[] row = weights[i];
            double a = base == null ? 0 : out[i];
            for (int j = 0; j < row.length; j++) a += row[j] * ((obs[j] - mean[j]) / std[j]);
            out[i] = Math.max(-1, Math.min(1, a));
        }
    }

    @Override
    public LinearPolicy withTarget(double newTarget) {
        return withWeights(newTarget, weights);
    }

    /** The same statistics and base with other weights. */
    LinearPolicy withWeights(double target, double[][] w) {
        return new LinearPolicy(target, mean, std, w, base, stepSeconds);
    }

    /** A zero feedback on top of {@code gait}: where ARS starts a gait-based policy. */
    public static LinearPolicy onGait(double target, int observationDim, Gait gait, double stepSeconds) {
        LinearPolicy zero = zero(target, observationDim, gait.actuators());
        return new LinearPolicy(target, zero.mean, zero.std, zero.weights, gait, stepSeconds);
    }

    /**
     * The policy as text: a header line {@code policy TARGET OBS ACT} (with a base gait:
     * {@code policy TARGET OBS ACT gait STEP_SECONDS}, then the gait's line), then μ, σ and W's
     * rows, one per line.
     */
    @Override
    public String toText() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "policy %.4f %d %d", target, observationDim(), actionDim()));
        if (base != null) b.append(String.format(Locale.ROOT, " gait %.6f%n%s", stepSeconds, base.toLine()));
        b.append('\n');
        PolicyText.appendLine(b, mean, 0, mean.length, 6);
        PolicyText.appendLine(b, std, 0, std.length, 6);
        for (double[] row : weights) PolicyText.appendLine(b, row, 0, row.length, 6);
        return b.toString();
    }

    /** Every policy of a text in {@link #toText} form; lines starting with # are comments. */
    public static List<LinearPolicy> parseAll(String source, List<String> lines) {
        List<String> content = PolicyText.content(lines);
        List<LinearPolicy> policies = new ArrayList<>();
        int i = 0;
        while (i < content.size()) {
            try {
                String[] header = content.get(i).split("\\s+");
                boolean gait = header.length == 6 && header[4].equals("gait");
                if (!(header.length == 4 || gait) || !header[0].equals("policy")) {
                    throw new IllegalArgumentException(source + ": expected 'policy TARGET OBS ACT [gait STEP_SECONDS]', got '"
                            + content.get(i) + "'");
                }
                int obs = Integer.parseInt(header[2]), act = Integer.parseInt(header[3]), at = i + 1;
                if (at + (gait ? 1 : 0) + 2 + act > content.size()) {
                    throw new IllegalArgumentException(source + ": policy " + policies.size() + " is cut short");
                }
                Gait base = gait ? Gait.parse(content.get(at++)) : null;
                double[] mean = PolicyText.numbers(source, content.get(at), obs), std = PolicyText.numbers(source, content.get(at + 1), obs);
                double[][] w = new double[act][];
                for (int r = 0; r < act; r++) w[r] = PolicyText.numbers(source, content.get(at + 2 + r), obs);
                policies.add(new LinearPolicy(Double.parseDouble(header[1]), mean, std, w, base,
                        gait ? Double.parseDouble(header[5]) : 0));
                i = at + 2 + act;
            } catch (IllegalArgumentException e) { // a bad number or shape deep down: say which file and policy
                if (e.getMessage() != null && e.getMessage().startsWith(source)) throw e;
                throw new IllegalArgumentException(source + ": policy " + policies.size() + ": " + e.getMessage(), e);
            }
        }
        if (policies.isEmpty()) throw new IllegalArgumentException(source + " holds no policy");
        return policies;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearPolicy p && target == p.target && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std)
                && Arrays.deepEquals(weights, p.weights) && java.util.Objects.equals(base, p.base) && stepSeconds == p.stepSeconds;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean) * 31 + Arrays.deepHashCode(weights);
    }
}
