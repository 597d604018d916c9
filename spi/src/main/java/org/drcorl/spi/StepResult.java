package org.drcorl.spi;

/**
 * The outcome of one environment step.
 *
 * @param observation the next observation (owned by the caller; the env does not reuse it)
 * @param reward      the step reward
 * @param cost        the step cost; 0 or 1 in every DSRL task
 * @param terminated  the episode ended by the task's own rule (a fall, a crash)
 * @param truncated   the episode reached {@link TaskSpec#maxEpisodeSteps()}
 */
public record StepResult(float[] observation, double reward, double cost, boolean terminated, boolean truncated) {
    public boolean done() {
        return terminated || truncated;
    }
}
