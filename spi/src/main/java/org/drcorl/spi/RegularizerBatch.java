package org.drcorl.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * What a {@link Regularizer} sees at one policy update.
 *
 * <p>All arrays live in {@link #manager()}, which is closed after the step: create your
 * temporaries there and nothing leaks.
 */
public interface RegularizerBatch {

    /** (B, stateDim) dataset states. */
    NDArray states();

    /** (B, actionDim) the dataset's actions at those states (behaviour cloning targets). */
    NDArray dataActions();

    /** (B, actionDim) the policy's actions π_θ(s), in [−1, 1]; the loss must be differentiable in them. */
    NDArray policyActions();

    /**
     * The stage-1 diffusion model.
     *
     * @throws IllegalStateException if the run trained none, which happens only when the
     *     regularizer says it does not {@linkplain Regularizer#needsBehaviorModel() need one}
     */
    BehaviorModel behaviorModel();

    /** The run's seeded random source. */
    TrainingRandom random();

    /** The per-step manager that owns the arrays above. */
    NDManager manager();

    /** Index of this policy update, from 0. */
    long step();
}
