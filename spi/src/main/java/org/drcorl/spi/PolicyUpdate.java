package org.drcorl.spi;

/**
 * A proposed change of the policy's parameters: the optimizer's step (after Adam's
 * normalization) for one combination of objectives, or a linear combination of such steps.
 * It behaves as a vector in parameter space, so a handler can compare, project and mix
 * updates (PCGrad, averaging) without seeing a tensor.
 *
 * <p>Updates are immutable and valid only during the {@link ConstraintHandler#decide} call that
 * received them. The host applies the one the handler returns and advances the optimizer's
 * moment estimates once, with the same linear combination of the underlying gradients.
 */
public interface PolicyUpdate {

    /** Inner product ⟨this, other⟩ over all parameters. */
    double dot(PolicyUpdate other);

    /** ⟨this, this⟩. */
    default double squaredNorm() {
        return dot(this);
    }

    PolicyUpdate plus(PolicyUpdate other);

    PolicyUpdate times(double factor);

    default PolicyUpdate minus(PolicyUpdate other) {
        return plus(other.times(-1.0));
    }

    /** This update with its component along {@code direction} removed (unchanged if {@code direction} is zero). */
    default PolicyUpdate withoutComponentAlong(PolicyUpdate direction) {
        double norm2 = direction.squaredNorm();
        if (norm2 == 0.0) return this;
        return minus(direction.times(dot(direction) / norm2));
    }
}
