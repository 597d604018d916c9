package org.drcorl.env.mujoco.navigation;

import java.util.Locale;
import org.drcorl.env.mujoco.ffm.MjLayout;
import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoModel;

/**
 * The Push tasks' box ({@code assets/free_geoms/push_box.py:26-84}, {@code world.py:304-333} at
 * safety-gymnasium v0.4.0; NAVIGATION.md §4): one free body {@code push_box} on a free joint, its centre
 * {@code size} above the floor, turned by its layout yaw, made of a box of half side {@code size} and four
 * boxes of half sides ({@code size}/2, {@code size}/2, {@code size}) centred on its vertical edges at
 * (±size, ±size, 0) (upstream's {@code col1} … {@code col4}), all of one density. Its size, density and
 * keepout depend on the robot ({@code _specific_agent_config}): Point 0.2, 0.001, keepout 0.2; Car
 * 0.125, 0.0005, keepout 0.125. Seen by the lidar at its body's position; it never costs. Its position
 * for the Push rewards is the body's 3-D {@code xpos}. Holds its scene's ids, so one instance belongs to
 * one environment.
 */
public final class PushBox implements PlacedObject {
    /** Half side, density and keepout of the Point's box (the defaults). */
    public static final double POINT_SIZE = 0.2, POINT_DENSITY = 0.001, POINT_KEEPOUT = 0.2;
    /** Half side, density and keepout of the Car's box. */
    public static final double CAR_SIZE = 0.125, CAR_DENSITY = 0.0005, CAR_KEEPOUT = 0.125;
    private final double size, density;
    private final Placement placement;
    private int body = -1, qpos = -1, dof = -1;

    /**
     * @param size      half side of the central box (also its centre's height)
     * @param density   of every part
     * @param placement where it is drawn (the task's extents) with its keepout
     */
    public PushBox(double size, double density, Placement placement) {
        if (!(size > 0) || !Double.isFinite(size)) throw new IllegalArgumentException("push box size must be > 0, got " + size);
        if (!(density > 0) || !Double.isFinite(density)) throw new IllegalArgumentException("push box density must be > 0, got " + density);
        this.size = size;
        this.density = density;
        this.placement = java.util.Objects.requireNonNull(placement, "placement");
    }

    /**
     * The box of a robot ({@code Point} or {@code Car}), drawn in [−extent, extent]² with the robot's keepout.
     *
     * @throws IllegalArgumentException for any other robot (upstream configures only the Car specially; DSRL has only these two)
     */
    public static PushBox forRobot(Robot robot, double extent) {
        return switch (robot.name()) {
            case "Point" -> new PushBox(POINT_SIZE, POINT_DENSITY, Placement.of(-extent, -extent, extent, extent, POINT_KEEPOUT));
            case "Car" -> new PushBox(CAR_SIZE, CAR_DENSITY, Placement.of(-extent, -extent, extent, extent, CAR_KEEPOUT));
            default -> throw new IllegalArgumentException("no push box settings for the robot " + robot.name());
        };
    }

    /** Half side of the central box. */
    public double size() {
        return size;
    }

    public double density() {
        return density;
    }

    @Override
    public String name() {
        return "push_box";
    }

    @Override
    public String mjcf() {
        String part = "  <geom name=\"%s\" type=\"box\" size=\"%s %s %s\" pos=\"%s %s 0\" density=\"%s\" rgba=\"1 1 0 0.25\"/>\n";
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "<body name=\"push_box\" pos=\"0 0 %s\">\n  <freejoint name=\"push_box\"/>\n", size));
        s.append(String.format(Locale.ROOT, part, "push_box", size, size, size, 0.0, 0.0, density));
        double[][] corners = {{1, 1}, {-1, 1}, {1, -1}, {-1, -1}};
        for (int c = 0; c < 4; c++) {
            s.append(String.format(Locale.ROOT, part, "col" + (c + 1), size / 2, size / 2, size, corners[c][0] * size, corners[c][1] * size, density));
        }
        return s.append("</body>\n").toString();
    }

    @Override
    public boolean lidarObserved() {
        return true;
    }

    @Override
    public void bind(MujocoModel model) {
        body = model.bodyId(name());
        int joint = model.jointId(name());
        if (model.jointType(joint) != MjLayout.JNT_FREE) throw new IllegalStateException("joint push_box is not free");
        qpos = model.jointQposAddress(joint);
        dof = model.jointDofAddress(joint);
    }

    @Override
    public Placement placement() {
        return placement;
    }

    @Override
    public int count() {
        return 1;
    }

    /** Puts the box at (x, y) on the floor, turned by {@code yaw}, at rest. */
    @Override
    public void place(MujocoModel model, MujocoData data, int i, double x, double y, double yaw) {
        java.util.Objects.checkIndex(i, 1);
        double[] pose = {x, y, size, Math.cos(yaw / 2), 0, 0, Math.sin(yaw / 2)};
        for (int k = 0; k < 7; k++) data.setQpos(qpos + k, pose[k]);
        for (int k = 0; k < 6; k++) data.setQvel(dof + k, 0);
    }

    @Override
    public int positions(MujocoData data, double[] xy) {
        xy[0] = data.xpos(body, 0);
        xy[1] = data.xpos(body, 1);
        return 1;
    }

    /** The 3-D distance from the box's body position to the point (x, y, z) (upstream's {@code dist_box}, {@code dist_box_goal}). */
    public double distance(MujocoData data, double x, double y, double z) {
        double dx = data.xpos(body, 0) - x, dy = data.xpos(body, 1) - y, dz = data.xpos(body, 2) - z;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** The box body's id in the scene. */
    public int body() {
        return body;
    }
}
