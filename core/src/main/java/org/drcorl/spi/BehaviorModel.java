package org.drcorl.spi;

import ai.djl.ndarray.NDArray;

/**
 * The trained behaviour model of stage 1: a conditional diffusion model of the dataset's
 * actions given states, exposed through its noise predictor ε_ψ(a_t, t, s) (equivalently its
 * score, {@code −ε/σ_t}). Calls never build an autograd graph into ψ and run with dropout off:
 * to a regularizer the model is a frozen function.
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
}
