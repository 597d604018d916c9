package org.drcorl.nn;

import ai.djl.ndarray.NDArray;

/** Activation functions written to stay finite in value and gradient for any input. */
public final class Activations {
    private Activations() {}

    /**
     * softplus(x) = log(1 + eˣ), computed as {@code max(x, 0) + log(1 + e^{−|x|})}: the naive
     * form overflows to ∞ for x ≳ 88 and its gradient becomes ∞/∞ = NaN, which silently
     * poisons a whole network in a few hundred steps.
     */
    public static NDArray softplus(NDArray x) {
        return x.maximum(0f).add(x.abs().neg().exp().add(1f).log());
    }

    /** Mish: x · tanh(softplus(x)). */
    public static NDArray mish(NDArray x) {
        return x.mul(softplus(x).tanh());
    }
}
