package org.drcorl.spi;

import ai.djl.ndarray.NDArray;

/**
 * The trained behaviour model of stage 1: a conditional diffusion model of the dataset's
 * actions given states, exposed through its noise predictor ε_ψ(a_t, t, s) (equivalently its
 * score, {@code −ε/σ_t}) and through samples of actions. Calls never build an autograd graph
 * into ψ and run with dropout off: to a regularizer the model is a frozen function.
 */
public interface BehaviorModel {

    VpSdeSchedule schedule();

    int stateDim();

    int actionDim();

    /**
     * ε_ψ(a_t, t, s).
     *
     * @param noisyActions (B, actionDim)
     * @param times        (B, 1) diffusion times in (0, 1]
     * @param states       (B, stateDim)
     * @return (B, actionDim) predicted noise, without gradient history
     */
    NDArray predictNoise(NDArray noisyActions, NDArray times, NDArray states);

    /**
     * Actions drawn from the model for {@code states}, clipped to [−1, 1]: what a regularizer
     * that wants behaviour samples (rather than the score) uses, so it carries no sampler of its own.
     *
     * @param states (B, stateDim)
     * @param steps  denoising steps (more: closer to the model's distribution, slower)
     * @param random the run's seeded random source (the initial noise)
     * @return (B, actionDim), without gradient history
     */
    NDArray sample(NDArray states, int steps, TrainingRandom random);
}
