package org.drcorl.env.mujoco.navigation;

import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoModel;

/**
 * The agent body's state after an environment step, read once and shared by the reward, the
 * costs and the lidar: its position ({@code xpos}), rotation ({@code xmat}, row-major) and
 * world-frame linear velocity ({@code J·qvel}, Safety-Gymnasium's {@code agent.vel}). Mutable and
 * reused every step, so a step allocates nothing; read it, do not keep it.
 */
public final class AgentFrame {
    private final int body;
    /** By geom id: whether the geom is the robot's ({@link Robot#geomNames}). */
    private final boolean[] agentGeom;
    final double[] position = new double[3];
    final double[] rotation = new double[9];
    final double[] velocity = new double[3];

    AgentFrame(int body, boolean[] agentGeom) {
        this.body = body;
        this.agentGeom = agentGeom.clone();
    }

    /** The frame of {@code robot}'s agent body in a compiled scene, knowing the robot's geoms. */
    static AgentFrame of(MujocoModel model, Robot robot) {
        boolean[] mine = new boolean[model.ngeom()];
        for (String g : robot.geomNames()) mine[model.geomId(g)] = true;
        return new AgentFrame(model.bodyId(Robot.AGENT), mine);
    }

    /** Whether geom {@code geom} belongs to the robot. */
    public boolean isAgentGeom(int geom) {
        return geom >= 0 && geom < agentGeom.length && agentGeom[geom];
    }

    /**
     * How many of the last collision pass's contacts pair a robot geom with a geom marked in
     * {@code objectGeom} (by id): upstream's contact costs scan {@code data.contact[:ncon]} for a
     * pair holding an object's geom and an agent geom, +1 per contact ({@code vases.py}, {@code buttons.py},
     * {@code gremlins.py}; NAVIGATION.md §4).
     */
    public int contactsWith(MujocoData data, boolean[] objectGeom) {
        int n = 0, count = data.contactCount();
        for (int c = 0; c < count; c++) {
            int g1 = data.contactGeom1(c), g2 = data.contactGeom2(c);
            if ((marked(objectGeom, g1) || marked(objectGeom, g2)) && (isAgentGeom(g1) || isAgentGeom(g2))) n++;
        }
        return n;
    }

    private static boolean marked(boolean[] mask, int geom) {
        return geom >= 0 && geom < mask.length && mask[geom];
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
