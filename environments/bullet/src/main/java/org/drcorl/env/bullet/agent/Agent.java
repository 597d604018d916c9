package org.drcorl.env.bullet.agent;

/**
 * A simulated robot of Bullet-Safety-Gym: its state, its response to an action, its part of
 * the observation, its own reward term and whether it is still alive. Tasks (Circle, Run) see
 * an agent only through this interface, so every task works with every agent.
 *
 * <p>Coordinates: world frame, z up, metres, seconds, radians; heading ψ is measured from +x
 * counter-clockwise. Implementations are deterministic: the same calls give the same state
 * bit for bit.
 */
public interface Agent {

    /** Number of action components; each is already clipped to [−1, 1] when it arrives here. */
    int actionDim();

    /** Length of the agent part of the observation. */
    int observationDim();

    /** v_lim of the Run task: the planar speed above which a step costs. */
    double speedLimit();

    /** Longest integration sub-step (seconds) at which this agent's dynamics stay accurate. */
    double maxSubstep();

    /** Puts the agent at rest at planar position (x, y) with its base yawed to {@code heading}. */
    void reset(double x, double y, double heading);

    /**
     * The yaw the original loads this agent's model with ({@code init_orientation} in
     * Bullet-Safety-Gym's agents.py): tasks add it to the heading they reset to, as the
     * original's tasks add {@code agent.init_rpy[2]}. Zero except for the race car.
     */
    default double initialYaw() {
        return 0.0;
    }

    /** Called once before the sub-steps of an environment step (clears per-step counters). */
    default void beginStep() {}

    /** Advances the dynamics by {@code dt} seconds under {@code action}. */
    void integrate(float[] action, double dt);

    double x();

    double y();

    /** World-frame planar velocity. */
    double vx();

    double vy();

    /**
     * Enforces the wall {@code n · p ≤ limit} (unit normal n pointing out of the arena): moves
     * the agent back onto it and removes the velocity component into the wall, an inelastic stop.
     */
    void stopAtWall(double nx, double ny, double limit);

    /** Writes the agent observation into {@code out[offset, offset + observationDim())}. */
    void writeObservation(float[] out, int offset);

    /** The agent-specific reward term of the step just taken with {@code action}. */
    double specificReward(float[] action);

    /** False once the agent has failed (a flipped drone); the episode then terminates. */
    default boolean alive() {
        return true;
    }
}
