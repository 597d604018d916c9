package org.drcorl.env.mujoco.navigation;

import java.util.Locale;
import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoModel;

/**
 * Hazardous areas ({@code assets/geoms/hazards.py:26-80}): {@code count} flat, non-colliding
 * cylinders of radius {@code size} (half height 0.01, centre 0.02 above the floor) that the agent
 * drives through. When constrained, the cost term is the sum over hazards with the agent body
 * within {@code size} (xy distance, {@code h_dist <= size}) of {@code size − distance}; after the
 * indicator that is 1 while the agent is strictly inside any hazard. Seen by the lidar at their
 * bodies' positions. Holds its scene's body ids, so one instance belongs to one environment.
 */
public final class Hazards implements PlacedObject {
    /** Centre height of a hazard ({@code pos = [x, y, 2e-2]}). */
    static final double HEIGHT = 0.02;
    private final int count;
    private final double size;
    private final Placement placement;
    private final boolean constrained;
    private final int[] bodies;

    /**
     * @param count       how many ({@code num})
     * @param size        radius (0.2)
     * @param placement   where they are drawn (the task's extents) with their keepout (Goal: 0.18)
     * @param constrained whether entering one costs ({@code is_constrained}, true by default)
     */
    public Hazards(int count, double size, Placement placement, boolean constrained) {
        if (count <= 0) throw new IllegalArgumentException("hazards need a positive count, got " + count);
        if (!(size > 0) || !Double.isFinite(size)) throw new IllegalArgumentException("hazard size must be > 0, got " + size);
        this.count = count;
        this.size = size;
        this.placement = placement;
        this.constrained = constrained;
        this.bodies = new int[count];
    }

    /** Radius of each hazard. */
    public double size() {
        return size;
    }

    @Override
    public String name() {
        return "hazards";
    }

    @Override
    public String mjcf() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(String.format(Locale.ROOT, """
                    <body name="hazard%d" pos="0 0 %s">
                      <geom name="hazard%d" type="cylinder" size="%s 0.01" contype="0" conaffinity="0" rgba="0 0 1 0.25"/>
                    </body>
                    """, i, HEIGHT, i, size));
        }
        return s.toString();
    }

    @Override
    public boolean lidarObserved() {
        return true;
    }

    @Override
    public void bind(MujocoModel model) {
        for (int i = 0; i < count; i++) bodies[i] = model.bodyId(PlacedObject.instanceName(name(), i));
    }

    @Override
    public Placement placement() {
        return placement;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public void place(MujocoModel model, MujocoData data, int i, double x, double y, double yaw) {
        model.setBodyPose(bodies[i], x, y, HEIGHT, Math.cos(yaw / 2), 0, 0, Math.sin(yaw / 2));
    }

    @Override
    public int positions(MujocoData data, double[] xy) {
        return PlacedObject.bodyPositions(data, bodies, xy);
    }

    @Override
    public double cost(MujocoData data, AgentFrame agent) {
        if (!constrained) return 0;
        double sum = 0;
        for (int body : bodies) {
            double d = Math.hypot(agent.x() - data.xpos(body, 0), agent.y() - data.xpos(body, 1));
            if (d <= size) sum += size - d;
        }
        return sum;
    }
}
