package org.drcorl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/** Layer normalization over the last axis with learned scale and shift (PyTorch's init: 1 and 0, ε 1e-5). */
public record LayerNorm(NDArray gamma, NDArray beta) {
    private static final float EPS = 1e-5f;

    public static LayerNorm create(Parameters params, String name, int width) {
        float[] ones = new float[width];
        Arrays.fill(ones, 1f);
        return new LayerNorm(params.add(name + ".gamma", ones, new Shape(width)),
                params.add(name + ".beta", new float[width], new Shape(width)));
    }

    public NDArray forward(NDArray x) {
        NDArray mean = x.mean(new int[] {-1}, true);
        NDArray centered = x.sub(mean);
        NDArray variance = centered.square().mean(new int[] {-1}, true);
        return centered.div(variance.add(EPS).sqrt()).mul(gamma).add(beta);
    }
}
