package org.drcorl.env.mujoco.navigation;

import java.util.Locale;
import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoModel;

/**
 * The goal ({@code assets/geoms/goal.py:26-77}): a non-colliding cylinder of radius {@code size}
 * and half height {@code size}/2, centred {@code size}/2 + 0.01 above the floor. It is reached
 * while the agent body is within {@code size} of it (xy distance, {@code dist_goal() <= size}).
 * Seen by the lidar at its body's position; it costs nothing. Re-placing it moves the body
 * ({@code body_pos}, as upstream's {@code _set_goal}). Holds its scene's body id, so one instance
 * belongs to one environment.
 *
 * <p>Upstream's {@code reward_distance} and {@code reward_goal} (both 1) are the task's.
 */
public final class Goal implements PlacedObject {
    private final double size;
    private final Placement placement;
    private int body = -1;

    /**
     * @param size      radius, also the reach distance (0.3)
     * @param placement where it is drawn (the task's extents) with its keepout (Goal tasks: 0.305)
     */
    public Goal(double size, Placement placement) {
        if (!(size > 0) || !Double.isFinite(size)) throw new IllegalArgumentException("goal size must be > 0, got " + size);
        this.size = size;
        this.placement = placement;
    }

    /** Radius: the agent has reached the goal within this xy distance. */
    public double size() {
        return size;
    }

    /** The agent body's xy distance to the goal ({@code dist_goal}). */
    public double distance(MujocoData data, AgentFrame agent) {
        return Math.hypot(agent.x() - data.xpos(body, 0), agent.y() - data.xpos(body, 1));
    }

    /** Whether the agent is within {@link #size()} of the goal ({@code goal_achieved}). */
    public boolean reached(MujocoData data, AgentFrame agent) {
        return distance(data, agent) <= size;
    }

    @Override
    public String name() {
        return "goal";
    }

    @Override
    public String mjcf() {
        return String.format(Locale.ROOT, """
                <body name="goal" pos="0 0 %s">
                  <geom name="goal" type="cylinder" size="%s %s" contype="0" conaffinity="0" rgba="0 1 0 0.25"/>
                </body>
                """, height(), size, size / 2);
    }

    /** The goal body's centre height, {@code size}/2 + 0.01 (its xpos z: it is static). */
    double height() {
        return size / 2 + 0.01;
    }

    @Override
    public boolean lidarObserved() {
        return true;
    }

    @Override
    public void bind(MujocoModel model) {
        body = model.bodyId("goal");
    }

    @Override
    public Placement placement() {
        return placement;
    }

    @Override
    public int count() {
        return 1;
    }

    @Override
    public void place(MujocoModel model, MujocoData data, int i, double x, double y, double yaw) {
        model.setBodyPose(body, x, y, height(), Math.cos(yaw / 2), 0, 0, Math.sin(yaw / 2));
    }

    @Override
    public int positions(MujocoData data, double[] xy) {
        xy[0] = data.xpos(body, 0);
        xy[1] = data.xpos(body, 1);
        return 1;
    }
}
