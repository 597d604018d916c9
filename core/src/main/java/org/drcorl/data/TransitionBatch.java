package org.drcorl.data;

import ai.djl.ndarray.NDArray;

/**
 * A minibatch of transitions on the device; every array lives in the manager of the step
 * that sampled it.
 *
 * @param states      (B, obs)
 * @param actions     (B, act)
 * @param rewards     (B, 1), already scaled for the reward critic
 * @param costs       (B, 1)
 * @param nextStates  (B, obs)
 * @param notDone     (B, 1): 1 − terminal (a time-out still bootstraps)
 */
public record TransitionBatch(NDArray states, NDArray actions, NDArray rewards, NDArray costs,
                              NDArray nextStates, NDArray notDone) {

    public long size() {
        return states.getShape().get(0);
    }
}
