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

    /** The engine's fused layer norm: one kernel instead of six, and its own stable backward. */
    public NDArray forward(NDArray x) {
        return ai.djl.nn.norm.LayerNorm.layerNorm(x, gamma.getShape(), gamma, beta, EPS).singletonOrThrow();
    }
}
