package org.drcorl.env.bullet.behavior;

/**
 * Low-level controller of one agent kind: reads the agent's state from its observation and
 * returns the action that steers its planar velocity toward a target. Behaviour policies are
 * written in terms of target velocities and so work for every agent.
 */
interface VelocityController {

    /** Position x (m): every Bullet agent's observation starts with 0.1·x, 0.1·y. */
    default double x(float[] observation) {
        return 10.0 * observation[0];
    }

    /** Position y (m). */
    default double y(float[] observation) {
        return 10.0 * observation[1];
    }

    /** The action (length = the agent's action dimension, in [−1, 1]) toward velocity (vx, vy). */
    float[] act(float[] observation, double targetVx, double targetVy);

    /** Fastest planar speed (m/s) the agent sustains comfortably; policies scale their targets by it. */
    double cruiseSpeed();

    /**
     * How far (m) the agent typically runs past a line where its guide starts to stop it;
     * careful policies keep this much extra distance from the strip's edge.
     */
    double overshoot();

    static float clip(double value) {
        return (float) Math.max(-1.0, Math.min(1.0, value));
    }
}
