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
public final class Pillars extends StaticBodies {
    /** Radius and half height of a pillar ({@code size = 0.2}, {@code height = 0.5}). */
    public static final double SIZE = 0.2, HEIGHT = 0.5;
    private final boolean constrained;
    private boolean[] touched = new boolean[0];

    /**
     * @param count       how many ({@code num})
     * @param placement   where they are drawn (the task's extents) with their keepout (default 0.3)
     * @param constrained whether touching one costs ({@code is_constrained}: Push level 1 false, level 2 true)
     */
    public Pillars(int count, Placement placement, boolean constrained) {
        super("pillars", count, placement, HEIGHT);
        this.constrained = constrained;
    }

    /** Whether touching a pillar costs. */
    public boolean constrained() {
        return constrained;
    }

    @Override
    protected String geom(String geomName) {
        return String.format(Locale.ROOT, "<geom name=\"%s\" type=\"cylinder\" size=\"%s %s\" rgba=\"0.5 0.5 1 1\"/>", geomName, SIZE, HEIGHT);
    }

    @Override
    public void bind(MujocoModel model) {
        super.bind(model);
        touched = geomMask(model);
    }

    @Override
    public double cost(MujocoData data, AgentFrame agent) {
        return constrained ? agent.contactsWith(data, touched) : 0;
    }
}
