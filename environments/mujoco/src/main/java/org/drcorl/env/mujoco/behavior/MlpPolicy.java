package org.drcorl.env.mujoco.behavior;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A neural feedback policy as {@link PpoTrainer} trains it: the mean action of a Gaussian
 * policy, {@code a = clip(net(clip((s − μ)/σ, ±10)), −1, 1)}, with a tanh network and the
 * observation statistics frozen at the end of training. Walking and running fast need more than
 * a linear map of the state (the fastest linear walker ARS found here walks 1 m/s); a small
 * network trained by PPO runs.
 */
public final class MlpPolicy implements FeedbackPolicy {
    /** Normalized observations are clipped to this many standard deviations, in training and here. */
    static final double OBSERVATION_CLIP = 10;
    /** Significant digits of the text form: a network's actions change by ~1e-6 through it. */
    private static final int DIGITS = 7;

    private final double target;
    private final double[] mean;
    private final double[] std;
    private final TanhNetwork net;
    private final double[] parameters;

    /**
     * @param target     what the policy does: the mean speed it measured (m/s)
     * @param mean       μ per observation entry
     * @param std        σ per observation entry (positive)
     * @param sizes      the network's layer sizes: observation, hidden..., action
     * @param parameters the network's parameters in {@link TanhNetwork}'s layout
     */
    public MlpPolicy(double target, double[] mean, double[] std, int[] sizes, double[] parameters) {
        this.net = new TanhNetwork(sizes);
        if (mean.length != net.inputs() || std.length != net.inputs()) {
            throw new IllegalArgumentException("the network takes " + net.inputs() + " observation entries, the statistics have "
                    + mean.length + " and " + std.length);
        }
        if (parameters.length != net.parameterCount()) {
            throw new IllegalArgumentException("a network of sizes " + Arrays.toString(sizes) + " has " + net.parameterCount()
                    + " parameters, got " + parameters.length);
        }
        for (double s : std) if (!(s > 0 && s < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("observation std must be positive and finite, got " + s);
        for (double m : mean) if (!Double.isFinite(m)) throw new IllegalArgumentException("observation mean must be finite, got " + m);
        for (double v : parameters) if (!Double.isFinite(v)) throw new IllegalArgumentException("a network parameter is not finite");
        this.target = target;
        this.mean = mean.clone();
        this.std = std.clone();
        this.parameters = parameters.clone();
    }

    @Override
    public double target() {
        return target;
    }

    @Override
    public int actionDim() {
        return net.outputs();
    }

    public int observationDim() {
        return net.inputs();
    }

    @Override
    public MlpPolicy withTarget(double newTarget) {
        return new MlpPolicy(newTarget, mean, std, net.sizes(), parameters);
    }

    /** Thread-safe (a shipped policy serves every episode of a collection): allocates its layers' small buffers per call. */
    @Override
    public void act(float[] obs, int step, double[] out) {
        double[][] activations = net.newActivations();
        normalize(obs, mean, std, activations[0]);
        net.forward(parameters, 0, activations);
        double[] a = activations[activations.length - 1];
        for (int i = 0; i < a.length; i++) out[i] = Math.max(-1, Math.min(1, a[i]));
    }

    /** {@code clip((obs − μ)/σ, ±10)} into {@code out}: the network's input. */
    static void normalize(float[] obs, double[] mean, double[] std, double[] out) {
        for (int j = 0; j < out.length; j++) {
            out[j] = Math.max(-OBSERVATION_CLIP, Math.min(OBSERVATION_CLIP, (obs[j] - mean[j]) / std[j]));
        }
    }

    /**
     * The policy as text: a header {@code mlp TARGET SIZE SIZE ...} (observation, hidden layers,
     * action), then μ and σ on a line each, then per layer one line per output unit: its weights,
     * then its bias.
     */
    @Override
    public String toText() {
        int[] sizes = net.sizes();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "mlp %.4f", target));
        for (int s : sizes) b.append(' ').append(s);
        b.append('\n');
        PolicyText.appendLine(b, mean, 0, mean.length, DIGITS);
        PolicyText.appendLine(b, std, 0, std.length, DIGITS);
        int at = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            int n = sizes[l], m = sizes[l + 1], bias = at + m * n;
            for (int o = 0; o < m; o++) {
                PolicyText.appendLine(b, parameters, at + o * n, n, DIGITS);
                b.setCharAt(b.length() - 1, ' ');
                b.append(String.format(Locale.ROOT, "%." + DIGITS + "g", parameters[bias + o])).append('\n');
            }
            at = bias + m;
        }
        return b.toString();
    }

    /** Every policy of a text in {@link #toText} form; lines starting with # are comments. */
    public static List<MlpPolicy> parseAll(String source, List<String> lines) {
        List<String> content = PolicyText.content(lines);
        List<MlpPolicy> policies = new ArrayList<>();
        int i = 0;
        while (i < content.size()) {
            try {
                String[] header = content.get(i).split("\\s+");
                if (header.length < 4 || !header[0].equals("mlp")) {
                    throw new IllegalArgumentException(source + ": expected 'mlp TARGET OBS HIDDEN... ACT', got '" + content.get(i) + "'");
                }
                int[] sizes = new int[header.length - 2];
                try {
                    for (int k = 0; k < sizes.length; k++) sizes[k] = Integer.parseInt(header[k + 2]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(source + ": bad layer size in '" + content.get(i) + "'");
                }
                TanhNetwork net = new TanhNetwork(sizes);
                int units = 0;
                for (int k = 1; k < sizes.length; k++) units += sizes[k];
                if (i + 3 + units > content.size()) throw new IllegalArgumentException(source + ": policy " + policies.size() + " is cut short");
                double[] mean = PolicyText.numbers(source, content.get(i + 1), sizes[0]), std = PolicyText.numbers(source, content.get(i + 2), sizes[0]);
                double[] p = new double[net.parameterCount()];
                int line = i + 3, at = 0;
                for (int l = 0; l + 1 < sizes.length; l++) {
                    int n = sizes[l], m = sizes[l + 1], bias = at + m * n;
                    for (int o = 0; o < m; o++) {
                        double[] row = PolicyText.numbers(source, content.get(line++), n + 1);
                        System.arraycopy(row, 0, p, at + o * n, n);
                        p[bias + o] = row[n];
                    }
                    at = bias + m;
                }
                policies.add(new MlpPolicy(Double.parseDouble(header[1]), mean, std, sizes, p));
                i = line;
            } catch (IllegalArgumentException e) { // a bad number or shape deep down: say which file and policy
                if (e.getMessage() != null && e.getMessage().startsWith(source)) throw e;
                throw new IllegalArgumentException(source + ": policy " + policies.size() + ": " + e.getMessage(), e);
            }
        }
        if (policies.isEmpty()) throw new IllegalArgumentException(source + " holds no policy");
        return policies;
    }
}
