package org.drcorl.env.mujoco.navigation;

import org.drcorl.env.mujoco.ffm.MujocoData;

/**
 * The agent body's state after an environment step, read once and shared by the reward, the
 * costs and the lidar: its position ({@code xpos}), rotation ({@code xmat}, row-major) and
 * world-frame linear velocity ({@code J·qvel}, Safety-Gymnasium's {@code agent.vel}). Mutable and
 * reused every step, so a step allocates nothing; read it, do not keep it.
 */
public final class AgentFrame {
    private final int body;
    final double[] position = new double[3];
    final double[] rotation = new double[9];
    final double[] velocity = new double[3];

    AgentFrame(int body) {
        this.body = body;
    }

    /** Reads the agent's state from the last forward pass. */
    void update(MujocoData data) {
        data.readXpos(body, position);
        data.readXmat(body, rotation);
        data.bodyLinearVelocity(body, velocity);
    }

    /** World x of the agent body. */
    public double x() {
        return position[0];
    }

    /** World y of the agent body. */
    public double y() {
        return position[1];
    }

    /** World velocity of the agent body's origin along x. */
    public double velocityX() {
        return velocity[0];
    }

    /** World velocity of the agent body's origin along y. */
    public double velocityY() {
        return velocity[1];
    }

    /** The agent body's yaw: the heading of its x axis in the world (atan2(R10, R00)). */
    public double yaw() {
        return Math.atan2(rotation[3], rotation[0]);
    }
}
