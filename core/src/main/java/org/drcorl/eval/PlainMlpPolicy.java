package org.drcorl.eval;

import java.util.List;
import org.drcorl.nn.Linear;
import org.drcorl.nn.Mlp;

/**
 * A copy of an MLP policy in plain Java arrays: acting needs no native engine and allocates
 * nothing per call beyond the returned action, which makes batch-1 inference (evaluation
 * rollouts, deployment) far cheaper than a DJL forward pass. Not thread-safe (it reuses its
 * scratch buffers); make one per thread.
 */
public final class PlainMlpPolicy {
    private final float[][] weights; // [layer][in * out], row-major (in, out)
    private final float[][] biases;
    private final int[] sizes;
    private final boolean tanhOutput;
    private final float[][] scratch;

    private PlainMlpPolicy(float[][] weights, float[][] biases, int[] sizes, boolean tanhOutput) {
        this.weights = weights;
        this.biases = biases;
        this.sizes = sizes;
        this.tanhOutput = tanhOutput;
        this.scratch = new float[sizes.length][];
        for (int i = 0; i < sizes.length; i++) scratch[i] = new float[sizes[i]];
    }

    /** Copies the current values of {@code mlp}'s parameters. */
    public static PlainMlpPolicy of(Mlp mlp, boolean tanhOutput) {
        List<Linear> layers = mlp.layers();
        float[][] w = new float[layers.size()][], b = new float[layers.size()][];
        int[] sizes = new int[layers.size() + 1];
        sizes[0] = layers.getFirst().in();
        for (int i = 0; i < layers.size(); i++) {
            w[i] = layers.get(i).weight().toFloatArray();
            b[i] = layers.get(i).bias().toFloatArray();
            sizes[i + 1] = layers.get(i).out();
        }
        return new PlainMlpPolicy(w, b, sizes, tanhOutput);
    }

    public int inputSize() {
        return sizes[0];
    }

    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    /** The action for one observation (a new array). */
    public float[] act(float[] observation) {
        if (observation.length != sizes[0]) {
            throw new IllegalArgumentException("observation has " + observation.length + " values, the policy expects " + sizes[0]);
        }
        System.arraycopy(observation, 0, scratch[0], 0, sizes[0]);
        int last = weights.length - 1;
        for (int l = 0; l <= last; l++) {
            float[] in = scratch[l], out = scratch[l + 1], w = weights[l];
            int nIn = sizes[l], nOut = sizes[l + 1];
            System.arraycopy(biases[l], 0, out, 0, nOut);
            for (int i = 0; i < nIn; i++) {
                float x = in[i];
                if (x == 0f) continue; // ReLU zeros are common: skip their row
                int row = i * nOut;
                for (int j = 0; j < nOut; j++) out[j] += x * w[row + j];
            }
            if (l < last) {
                for (int j = 0; j < nOut; j++) if (out[j] < 0f) out[j] = 0f;
            }
        }
        float[] action = scratch[last + 1].clone();
        if (tanhOutput) for (int j = 0; j < action.length; j++) action[j] = (float) Math.tanh(action[j]);
        return action;
    }
}
