package org.drcorl.env.mujoco.behavior;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The shape of a fully connected network with tanh hidden layers and a linear output, its
 * parameters kept outside in one flat array (layer by layer: the weight matrix row by row, then
 * the biases) so that a trainer can treat them as one vector. Plain Java: the behaviour
 * networks are a few thousand parameters, evaluated one state at a time, where a tensor
 * library's per-call overhead would cost more than the arithmetic.
 */
final class TanhNetwork {
    private final int[] sizes;
    private final int[] offsets;
    private final int parameterCount;

    /** {@code sizes}: input, hidden layers..., output. */
    TanhNetwork(int... sizes) {
        if (sizes.length < 2) throw new IllegalArgumentException("a network needs an input and an output size");
        for (int s : sizes) if (s < 1) throw new IllegalArgumentException("layer sizes must be positive: " + Arrays.toString(sizes));
        this.sizes = sizes.clone();
        this.offsets = new int[sizes.length - 1];
        int at = 0;
        for (int l = 0; l < offsets.length; l++) {
            offsets[l] = at;
            at += sizes[l + 1] * (sizes[l] + 1);
        }
        this.parameterCount = at;
    }

    int[] sizes() {
        return sizes.clone();
    }

    int inputs() {
        return sizes[0];
    }

    int outputs() {
        return sizes[sizes.length - 1];
    }

    int parameterCount() {
        return parameterCount;
    }

    /** Activation buffers for {@link #forward}: one array per layer, the input first. */
    double[][] newActivations() {
        double[][] a = new double[sizes.length][];
        for (int l = 0; l < sizes.length; l++) a[l] = new double[sizes[l]];
        return a;
    }

    /**
     * Writes every layer's output into {@code activations} (whose first array the caller has
     * filled with the input); the network's output is the last array.
     */
    void forward(double[] p, int at, double[][] activations) {
        for (int l = 0; l < offsets.length; l++) {
            double[] in = activations[l], out = activations[l + 1];
            int n = in.length, w = at + offsets[l], b = w + out.length * n;
            boolean hidden = l < offsets.length - 1;
            for (int o = 0; o < out.length; o++) {
                double s = p[b + o];
                int row = w + o * n;
                for (int i = 0; i < n; i++) s += p[row + i] * in[i];
                out[o] = hidden ? Math.tanh(s) : s;
            }
        }
    }

    /**
     * Adds the gradient of a loss to {@code grad} (laid out as the parameters), given the loss's
     * gradient with respect to the output in {@code outputGradient} and the activations of the
     * forward pass; {@code scratch} comes from {@link #newActivations} and is overwritten (the
     * activations are not).
     */
    void backward(double[] p, int at, double[][] activations, double[] outputGradient, double[] grad, double[][] scratch) {
        double[] delta = scratch[sizes.length - 1];
        System.arraycopy(outputGradient, 0, delta, 0, delta.length);
        for (int l = offsets.length - 1; l >= 0; l--) {
            double[] in = activations[l], below = scratch[l];
            int n = in.length, w = at + offsets[l], b = w + delta.length * n;
            if (l > 0) Arrays.fill(below, 0);
            for (int o = 0; o < delta.length; o++) {
                double d = delta[o];
                if (d == 0) continue;
                grad[b + o] += d;
                int row = w + o * n;
                for (int i = 0; i < n; i++) grad[row + i] += d * in[i];
                if (l > 0) for (int i = 0; i < n; i++) below[i] += d * p[row + i];
            }
            if (l > 0) {
                for (int i = 0; i < n; i++) below[i] *= 1 - in[i] * in[i]; // tanh' from the activation
            }
            delta = below;
        }
    }

    /**
     * Random parameters: weights N(0, 1/fan-in) (tanh layers keep unit scale), the output
     * layer's scaled by {@code outputScale} (a small one starts a policy near its mean action),
     * biases zero.
     */
    void initialize(double[] p, int at, double outputScale, SplittableRandom random) {
        for (int l = 0; l < offsets.length; l++) {
            int n = sizes[l], m = sizes[l + 1], w = at + offsets[l];
            double scale = (l == offsets.length - 1 ? outputScale : 1) / Math.sqrt(n);
            for (int k = 0; k < m * n; k++) p[w + k] = scale * random.nextGaussian();
            Arrays.fill(p, w + m * n, w + m * n + m, 0);
        }
    }
}
