package org.drcorl.env.mujoco.navigation;

import java.util.Locale;
import org.drcorl.env.mujoco.ffm.MjLayout;
import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoModel;

/**
 * Vases ({@code assets/free_geoms/vases.py:27-112}): free boxes of half side 0.1 and density 0.001
 * that the agent can push around, placed with their centre at 0.1 − 4e-5 (upstream's measured
 * sink into the floor) and a uniform yaw. Seen by the lidar at their bodies' positions. Unconstrained
 * (Goal level 1) they cost nothing. Constrained (Goal level 2) the cost term is, as upstream's
 * defaults ({@code contact_cost 1}, {@code velocity_cost 1}, {@code displace_cost 0}): the number of
 * contacts between a vase and a robot geom, plus the speed of every vase moving at
 * {@value #VELOCITY_THRESHOLD} m/s or more (the linear velocity of its body origin, which for a free
 * body is its joint's first three qvel); after the task's indicator, touching or moving a vase costs 1.
 * Holds its scene's ids, so one instance belongs to one environment.
 */
public final class Vases implements PlacedObject {
    /** Half side of a vase. */
    static final double SIZE = 0.1;
    /** How far a vase sinks into the floor ({@code sink = 4e-5}). */
    static final double SINK = 4e-5;
    /** Vase speeds below this are ignored ({@code velocity_threshold}, m/s). */
    public static final double VELOCITY_THRESHOLD = 1e-4;
    private final int count;
    private final Placement placement;
    private final boolean constrained;
    private final int[] bodies, qpos, dof;
    private boolean[] geoms = new boolean[0];

    /**
     * @param count     how many ({@code num})
     * @param placement   where they are drawn (the task's extents) with their keepout (0.15)
     * @param constrained whether touching or moving one costs ({@code is_constrained}: Goal level 1 false, level 2 true)
     */
    public Vases(int count, Placement placement, boolean constrained) {
        if (count <= 0) throw new IllegalArgumentException("vases need a positive count, got " + count);
        this.count = count;
        this.placement = placement;
        this.constrained = constrained;
        this.bodies = new int[count];
        this.qpos = new int[count];
        this.dof = new int[count];
    }

    /** Whether touching or moving a vase costs. */
    public boolean constrained() {
        return constrained;
    }

    @Override
    public String name() {
        return "vases";
    }

    @Override
    public String mjcf() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(String.format(Locale.ROOT, """
                    <body name="vase%d" pos="0 0 %s">
                      <freejoint name="vase%d"/>
                      <geom name="vase%d" type="box" size="%s %s %s" density="0.001" rgba="0 1 1 1"/>
                    </body>
                    """, i, SIZE - SINK, i, i, SIZE, SIZE, SIZE));
        }
        return s.toString();
    }

    @Override
    public boolean lidarObserved() {
        return true;
    }

    @Override
    public void bind(MujocoModel model) {
        for (int i = 0; i < count; i++) {
            String name = PlacedObject.instanceName(name(), i);
            bodies[i] = model.bodyId(name);
            int joint = model.jointId(name);
            if (model.jointType(joint) != MjLayout.JNT_FREE) throw new IllegalStateException("joint " + name + " is not free");
            qpos[i] = model.jointQposAddress(joint);
            dof[i] = model.jointDofAddress(joint);
        }
        geoms = new boolean[model.ngeom()];
        for (int i = 0; i < count; i++) geoms[model.geomId(PlacedObject.instanceName(name(), i))] = true;
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
        double[] pose = {x, y, SIZE - SINK, Math.cos(yaw / 2), 0, 0, Math.sin(yaw / 2)};
        for (int k = 0; k < 7; k++) data.setQpos(qpos[i] + k, pose[k]);
    }

    @Override
    public int positions(MujocoData data, double[] xy) {
        return PlacedObject.bodyPositions(data, bodies, xy);
    }

    /** The speed of vase {@code i}'s body origin (m/s). */
    public double speed(MujocoData data, int i) {
        int d = dof[i];
        return Math.sqrt(data.qvel(d) * data.qvel(d) + data.qvel(d + 1) * data.qvel(d + 1) + data.qvel(d + 2) * data.qvel(d + 2));
    }

    @Override
    public double cost(MujocoData data, AgentFrame agent) {
        if (!constrained) return 0;
        double sum = agent.contactsWith(data, geoms);
        for (int i = 0; i < count; i++) {
            double v = speed(data, i);
            if (v >= VELOCITY_THRESHOLD) sum += v;
        }
        return sum;
    }
}
