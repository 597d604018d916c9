package org.drcorl.nn;

import ai.djl.ndarray.NDArray;

/** Activation functions written to stay finite in value and gradient for any input. */
public final class Activations {
    private Activations() {}

    /**
     * softplus(x) = log(1 + eˣ), the engine's fused kernel (PyTorch's {@code softplus}: log1p(eˣ),
     * and x itself above 20, where the two agree in float32). One kernel and one backward node
     * instead of seven: in the behaviour model, which applies Mish to (B, 4H) activations, the
     * composed form cost several percent of a training step (bench/README.md). The naive
     * log(1 + eˣ) would overflow to ∞ for x ≳ 88 and its gradient become ∞/∞ = NaN; the
     * engine's form, like the earlier {@code max(x, 0) + log(1 + e^{−|x|})}, does not.
     */
    public static NDArray softplus(NDArray x) {
        return x.getNDArrayInternal().softPlus();
    }

    /** Mish: x · tanh(softplus(x)). */
    public static NDArray mish(NDArray x) {
        return x.mul(softplus(x).tanh());
    }
}
