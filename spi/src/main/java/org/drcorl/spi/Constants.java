package org.drcorl.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;

/**
 * Arithmetic of an array with a constant that is safe inside a gradient computation. Use these
 * instead of DJL's {@code x.mul(2f)}, {@code x.div(n)}, {@code x.maximum(0f)},
 * {@code x.minimum(c)}, {@code x.pow(p)} and their in-place forms wherever {@code x} may carry
 * a gradient (a loss, a critic's value, anything computed inside a {@code GradientCollector}).
 *
 * <p>Why: DJL 0.33's PyTorch engine turns the number into a 0-d tensor that borrows the memory
 * of a Java direct buffer ({@code torch::from_blob}), runs the operation and closes that tensor
 * at once. The autograd graph keeps the tensor for the backward pass (a product's gradient needs
 * the other factor; so do a quotient's, a maximum's, a power's), but nothing keeps the Java
 * buffer: when a garbage collection between the forward and the backward pass frees it, the
 * backward pass reads freed memory, and the gradient is silently wrong (NaN, or another
 * number). How often depends on the heap, so two runs of the same seed can differ. Seen here:
 * identical runs that diverged after 2 to 70 steps under a small young generation, and a NaN
 * gradient in about one step in 700 without it.
 *
 * <p>The constants made here are tensors the engine allocates and owns ({@code torch::full}), so
 * the graph's reference keeps them alive. The values are bit for bit those of DJL's number forms
 * (the same kernel, with a 0-d operand of the array's type). Sums and differences with a number
 * ({@code add}, {@code sub}) are safe as they are: their backward pass needs no operand.
 */
public final class Constants {
    private Constants() {}

    /** {@code x · c}. */
    public static NDArray mul(NDArray x, double c) {
        return with(x, c, NDArray::mul);
    }

    /** {@code x / c}. */
    public static NDArray div(NDArray x, double c) {
        return with(x, c, NDArray::div);
    }

    /** {@code max(x, c)} element-wise. */
    public static NDArray maximum(NDArray x, double c) {
        return with(x, c, NDArray::maximum);
    }

    /** {@code min(x, c)} element-wise. */
    public static NDArray minimum(NDArray x, double c) {
        return with(x, c, NDArray::minimum);
    }

    /** {@code x^p} element-wise. */
    public static NDArray pow(NDArray x, double p) {
        return with(x, p, NDArray::pow);
    }

    /** {@code x ← x · c} in place; returns {@code x}. */
    public static NDArray muli(NDArray x, double c) {
        return with(x, c, NDArray::muli);
    }

    /** {@code x ← x / c} in place; returns {@code x}. */
    public static NDArray divi(NDArray x, double c) {
        return with(x, c, NDArray::divi);
    }

    /** A 0-d constant of {@code x}'s type, device and manager, owned by the engine. */
    private static NDArray with(NDArray x, double c, BinaryOperator<NDArray> op) {
        // closing our handle is safe: a graph that saved the constant holds its own reference to engine memory
        try (NDArray constant = x.getManager().full(new Shape(), (float) c, x.getDataType())) {
            return op.apply(x, constant);
        }
    }
}
