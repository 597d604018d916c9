package org.drcorl.env.mujoco.navigation;

import java.util.Locale;
import org.drcorl.env.mujoco.ffm.MujocoData;

/**
 * The Circle tasks' boundary walls ({@code assets/geoms/sigwalls.py:26-90}): 2 walls at
 * x = ±{@code locateFactor} or 4 walls adding y = ±{@code locateFactor}, thin non-colliding boxes
 * (half sizes 0.05 × 3.5 × 0.3, centre height 0.25; the y walls turned by 90°) that the agent
 * passes through. They are not seen by the lidar. When constrained (levels 1 and 2) the cost is
 * 1 while the agent body's |x| exceeds {@code locateFactor} (with 4 walls: or its |y|), strictly,
 * read from its position after the step; at level 0 they are scenery.
 *
 * @param walls        2 (level 1) or 4 (level 2)
 * @param locateFactor distance of each wall from the origin (1.125)
 * @param constrained  whether crossing costs ({@code is_constrained})
 */
public record Sigwalls(int walls, double locateFactor, boolean constrained) implements NavigationObject {

    /** Upstream's {@code locate_factor}. */
    public static final double LOCATE_FACTOR = 1.125;

    public Sigwalls {
        if (walls != 2 && walls != 4) throw new IllegalArgumentException("sigwalls come as 2 or 4 walls, got " + walls);
        if (!(locateFactor >= 0) || !Double.isFinite(locateFactor)) {
            throw new IllegalArgumentException("sigwall locate factor must be >= 0, got " + locateFactor);
        }
    }

    /** Upstream's walls: 2 or 4 at ±1.125, constrained. */
    public static Sigwalls constrained(int walls) {
        return new Sigwalls(walls, LOCATE_FACTOR, true);
    }

    @Override
    public String name() {
        return "sigwalls";
    }

    @Override
    public String mjcf() {
        // upstream's locations in order: (+f, 0), (−f, 0), (0, +f), (0, −f); the third and fourth turned by π/2
        double f = locateFactor, turn = Math.sqrt(0.5);
        double[][] at = {{f, 0, 1, 0}, {-f, 0, 1, 0}, {0, f, turn, turn}, {0, -f, turn, turn}};
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < walls; i++) {
            s.append(String.format(Locale.ROOT, """
                    <body name="sigwall%d" pos="%s %s 0.25" quat="%s 0 0 %s">
                      <geom name="sigwall%d" type="box" size="0.05 3.5 0.3" contype="0" conaffinity="0" rgba="1 0 0 0.1"/>
                    </body>
                    """, i, at[i][0], at[i][1], at[i][2], at[i][3], i));
        }
        return s.toString();
    }

    @Override
    public boolean lidarObserved() {
        return false;
    }

    @Override
    public double cost(MujocoData data, AgentFrame agent) {
        if (!constrained) return 0;
        boolean out = Math.abs(agent.x()) > locateFactor || (walls == 4 && Math.abs(agent.y()) > locateFactor);
        return out ? 1 : 0;
    }
}
