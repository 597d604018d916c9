package org.drcorl.eval;

import java.util.List;
import org.drcorl.nn.Linear;
import org.drcorl.nn.Mlp;
import org.drcorl.policy.MlpPolicy;

/**
 * A copy of a training network as a plain-Java {@link MlpPolicy}: acting needs no native engine
 * and {@link #act(float[], float[])} allocates nothing, which makes batch-1 inference (evaluation
 * rollouts, deployment) far cheaper than a DJL forward pass (a few µs instead of ~100 µs of
 * engine round trips). The arithmetic lives in {@link MlpPolicy} (module drcorl-policy), the
 * same code a user's project runs on an exported policy. Not thread-safe; make one per thread.
 */
public final class PlainMlpPolicy {
    private final MlpPolicy policy;

    private PlainMlpPolicy(MlpPolicy policy) {
        this.policy = policy;
    }

    /** Copies the current values of {@code mlp}'s parameters. */
    public static PlainMlpPolicy of(Mlp mlp, boolean tanhOutput) {
        List<Linear> layers = mlp.layers();
        float[][] w = new float[layers.size()][];
        float[][] b = new float[layers.size()][];
        int[] sizes = new int[layers.size() + 1];
        sizes[0] = layers.getFirst().in();
        for (int i = 0; i < layers.size(); i++) {
            Linear layer = layers.get(i);
            w[i] = layer.weight().toFloatArray(); // row-major (in, out)
            b[i] = layer.bias().toFloatArray();
            sizes[i + 1] = layer.out();
        }
        return new PlainMlpPolicy(MlpPolicy.of(sizes, w, b, tanhOutput));
    }

    /** The plain-Java policy itself (what {@code drcorl export} and a user's project run). */
    public MlpPolicy policy() {
        return policy;
    }

    public int inputSize() {
        return policy.inputSize();
    }

    public int outputSize() {
        return policy.outputSize();
    }

    /** The action for one observation (a new array; {@link #act(float[], float[])} allocates nothing). */
    public float[] act(float[] observation) {
        return policy.act(observation);
    }

    /** Writes the action for {@code observation} into {@code action}; allocates nothing. */
    public void act(float[] observation, float[] action) {
        policy.act(observation, action);
    }

    /**
     * Actions for {@code count} observations stored one after another in {@code observations},
     * written one after another into {@code actions}; allocates nothing after the first call
     * (see {@link MlpPolicy#actBatch}).
     */
    public void actBatch(float[] observations, int count, float[] actions) {
        policy.actBatch(observations, count, actions);
    }
}
