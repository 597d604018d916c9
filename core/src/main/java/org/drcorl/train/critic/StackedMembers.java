package org.drcorl.train.critic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.List;
import java.util.SplittableRandom;
import org.drcorl.nn.Parameters;

/**
 * What the ensembles of small networks here ({@link FqeEnsemble}, {@link DynamicsEnsemble}) share:
 * members held as one network of stacked weights ({@code [M, in, out]} per layer, so a forward pass
 * is one batched matrix product per layer whatever M is), and the Bayesian bootstrap that makes
 * the members differ on the same batch.
 */
final class StackedMembers {
    private StackedMembers() {}

    /** A stacked layer {@code {weight [M, in, out], bias [M, 1, out]}}, each member drawn with PyTorch's nn.Linear bound U(±1/√in). */
    static NDArray[] layer(Parameters params, String name, int members, int in, int out, SplittableRandom init) {
        double bound = 1.0 / Math.sqrt(in);
        return new NDArray[] {
                params.addUniform(name + ".weight", new Shape(members, in, out), bound, init),
                params.addUniform(name + ".bias", new Shape(members, 1, out), bound, init)};
    }

    /** Every member's output for {@code input} ((B, in), broadcast over the members, or (M, B, in)): ReLU between layers; (M, B, out). */
    static NDArray forward(List<NDArray[]> layers, NDArray input) {
        NDArray h = input;
        for (int l = 0; l < layers.size(); l++) {
            h = h.matMul(layers.get(l)[0]).add(layers.get(l)[1]);
            if (l + 1 < layers.size()) h = Activation.relu(h);
        }
        return h;
    }

    /** Bayesian bootstrap weights: an Exp(1) draw per member and sample, (M, B). */
    static NDArray bootstrapWeights(SplittableRandom random, NDManager manager, int members, int batch) {
        float[] w = new float[members * batch];
        for (int i = 0; i < w.length; i++) w[i] = (float) -Math.log(1.0 - random.nextDouble());
        return manager.create(w, new Shape(members, batch));
    }
}
