package org.drcorl.env.mujoco.navigation;

import java.util.Locale;
import org.drcorl.env.mujoco.ffm.MujocoData;

/**
 * The Circle tasks' target circle ({@code assets/geoms/circle.py:26-58}): a flat, non-colliding
 * cylinder of radius {@code radius} at the origin, for looks; what matters is that the lidar sees
 * the constant point (0, 0) ({@code Circle.pos} returns [0, 0, 0] whatever the layout drew) and
 * that the reward peaks at {@code radius}. It costs nothing.
 *
 * @param radius where the reward peaks (1.5)
 */
public record Circle(double radius) implements NavigationObject {

    /** Upstream's circle. */
    public static final Circle DEFAULT = new Circle(1.5);

    public Circle {
        if (!(radius > 0) || !Double.isFinite(radius)) throw new IllegalArgumentException("circle radius must be > 0, got " + radius);
    }

    @Override
    public String name() {
        return "circle";
    }

    @Override
    public String mjcf() {
        return String.format(Locale.ROOT, """
                <body name="circle" pos="0 0 0.01">
                  <geom name="circle" type="cylinder" size="%s 0.01" contype="0" conaffinity="0" rgba="0 1 0 0.1"/>
                </body>
                """, radius);
    }

    @Override
    public boolean lidarObserved() {
        return true;
    }

    @Override
    public int lidarPositions(MujocoData data, double[] xy) {
        xy[0] = 0;
        xy[1] = 0;
        return 1;
    }
}
