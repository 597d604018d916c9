package org.drcorl.env.bullet.task;

import java.util.SplittableRandom;
import org.drcorl.env.bullet.agent.Agent;

/**
 * The task part of a Bullet-Safety-Gym environment (Circle or Run): where the agent starts,
 * what the world's boundary is, and the reward, cost and task observation of a step. Works
 * with any {@link Agent}.
 */
public interface BulletTask {

    /** Length of the task part of the observation, appended after the agent part. */
    int observationDim();

    /** The physical boundary. */
    Arena arena();

    /** Draws the initial pose from {@code random} and resets the agent to it. */
    void place(Agent agent, SplittableRandom random);

    /** Called before the physics of a step, to remember what the reward compares against. */
    void beginStep(Agent agent);

    /** The step's reward, given the agent's state after the step and its specific reward term. */
    double reward(Agent agent, double agentSpecificReward);

    /** The step's cost, 0 or 1. */
    double cost(Agent agent);

    /** Writes the task observation into {@code out[offset, offset + observationDim())}. */
    void writeObservation(Agent agent, float[] out, int offset);
}
