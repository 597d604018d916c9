package org.drcorl.env.mujoco.navigation;

import java.util.Locale;
import org.drcorl.env.mujoco.ffm.MujocoData;

/**
 * Hazardous areas ({@code assets/geoms/hazards.py:26-80}): {@code count} flat, non-colliding
 * cylinders of radius {@code size} (half height 0.01, centre 0.02 above the floor) that the agent
 * drives through. When constrained, the cost term is the sum over hazards with the agent body
 * within {@code size} (xy distance, {@code h_dist <= size}) of {@code size − distance}; after the
 * indicator that is 1 while the agent is strictly inside any hazard. Seen by the lidar at their
 * bodies' positions. Holds its scene's body ids, so one instance belongs to one environment.
 */
public final class Hazards extends StaticBodies {
    /** Centre height of a hazard ({@code pos = [x, y, 2e-2]}). */
    static final double HEIGHT = 0.02;
    private final double size;
    private final boolean constrained;

    /**
     * @param count       how many ({@code num})
     * @param size        radius (0.2)
     * @param placement   where they are drawn (the task's extents) with their keepout (Goal: 0.18)
     * @param constrained whether entering one costs ({@code is_constrained}, true by default)
     */
    public Hazards(int count, double size, Placement placement, boolean constrained) {
        super("hazards", count, placement, HEIGHT);
        if (!(size > 0) || !Double.isFinite(size)) throw new IllegalArgumentException("hazard size must be > 0, got " + size);
        this.size = size;
        this.constrained = constrained;
    }

    /** Radius of each hazard. */
    public double size() {
        return size;
    }

    @Override
    protected String geom(String geomName) {
        return String.format(Locale.ROOT, "<geom name=\"%s\" type=\"cylinder\" size=\"%s 0.01\" contype=\"0\" conaffinity=\"0\" rgba=\"0 0 1 0.25\"/>",
                geomName, size);
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
