package org.drcorl.env.mujoco.navigation;

import java.util.Locale;
import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoModel;

/**
 * Pillars ({@code assets/geoms/pillars.py:26-72} at safety-gymnasium v0.4.0; NAVIGATION.md §4): static,
 * colliding cylinders of radius {@value #SIZE} and half height {@value #HEIGHT}, standing on the floor
 * (centre {@value #HEIGHT} up), each turned by its layout yaw. The robot bumps into them; they do not
 * move. Seen by the lidar at their bodies' positions. When constrained, the cost term is the number of
 * contacts between a pillar geom and a robot geom (upstream's {@code cost = 1} per contact), so after the
 * task's indicator touching a pillar costs 1 per step; unconstrained (Push level 1) they cost nothing.
 * Holds its scene's ids, so one instance belongs to one environment.
 */
public final class Pillars implements PlacedObject {
    /** Radius and half height of a pillar ({@code size = 0.2}, {@code height = 0.5}). */
    public static final double SIZE = 0.2, HEIGHT = 0.5;
    private final int count;
    private final Placement placement;
    private final boolean constrained;
    private final int[] bodies;
    private boolean[] geoms = new boolean[0];

    /**
     * @param count       how many ({@code num})
     * @param placement   where they are drawn (the task's extents) with their keepout (default 0.3)
     * @param constrained whether touching one costs ({@code is_constrained}: Push level 1 false, level 2 true)
     */
    public Pillars(int count, Placement placement, boolean constrained) {
        if (count <= 0) throw new IllegalArgumentException("pillars need a positive count, got " + count);
        this.count = count;
        this.placement = java.util.Objects.requireNonNull(placement, "placement");
        this.constrained = constrained;
        this.bodies = new int[count];
    }

    /** Whether touching a pillar costs. */
    public boolean constrained() {
        return constrained;
    }

    @Override
    public String name() {
        return "pillars";
    }

    @Override
    public String mjcf() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(String.format(Locale.ROOT, """
                    <body name="pillar%d" pos="0 0 %s">
                      <geom name="pillar%d" type="cylinder" size="%s %s" rgba="0.5 0.5 1 1"/>
                    </body>
                    """, i, HEIGHT, i, SIZE, HEIGHT));
        }
        return s.toString();
    }

    @Override
    public boolean lidarObserved() {
        return true;
    }

    @Override
    public void bind(MujocoModel model) {
        geoms = new boolean[model.ngeom()];
        for (int i = 0; i < count; i++) {
            String name = PlacedObject.instanceName(name(), i);
            bodies[i] = model.bodyId(name);
            geoms[model.geomId(name)] = true;
        }
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
        return constrained ? agent.contactsWith(data, geoms) : 0;
    }
}
