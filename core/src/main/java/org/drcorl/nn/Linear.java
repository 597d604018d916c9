package org.drcorl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * An affine layer {@code y = x W + b} over tensors registered in a {@link Parameters},
 * initialized like PyTorch's {@code nn.Linear}: weight and bias uniform in ±1/√fan_in.
 */
public record Linear(NDArray weight, NDArray bias, int in, int out) {

    public static Linear create(Parameters params, String name, int in, int out, SplittableRandom random) {
        double bound = 1.0 / Math.sqrt(in);
        NDArray w = params.addUniform(name + ".weight", new Shape(in, out), bound, random);
        NDArray b = params.addUniform(name + ".bias", new Shape(out), bound, random);
        return new Linear(w, b, in, out);
    }

    public NDArray forward(NDArray x) {
        return x.matMul(weight).add(bias);
    }
}
