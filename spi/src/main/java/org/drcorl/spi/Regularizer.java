package org.drcorl.spi;

import ai.djl.ndarray.NDArray;

/**
 * The term of the policy objective that keeps the extracted policy close to the behaviour
 * data. The policy loss the host optimizes is
 * {@code regularizer + w_r · (−β · ⟨∇_a Q̄_r, a⟩) + w_c · (β · ⟨∇_a Q̄_c, a⟩)}, with the
 * weights chosen by the {@link ConstraintHandler}; during the pretraining phase it is the
 * regularizer alone.
 *
 * <p>Built-ins: {@code diffusion} (DRCORL's score regularization: its gradient in {@code a}
 * approximates that of KL(π ‖ μ)), {@code bc} (mean squared error to the dataset's actions),
 * {@code none}.
 *
 * <p>The loss must depend on the policy only through {@link RegularizerBatch#policyActions()}:
 * the host differentiates it with respect to the actions, then back-propagates through the
 * policy once per objective the constraint handler asks for.
 */
public interface Regularizer extends NamedExtension {

    /**
     * The regularization loss of this batch: a scalar, finite, differentiable in
     * {@link RegularizerBatch#policyActions()}, created in {@link RegularizerBatch#manager()}.
     */
    NDArray loss(RegularizerBatch batch);

    /** Whether the run must train the stage-1 diffusion model for this regularizer. */
    default boolean needsBehaviorModel() {
        return false;
    }
}
