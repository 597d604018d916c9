package org.drcorl.env.mujoco.navigation;

import java.util.Locale;
import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoModel;

/**
 * Static objects of one kind (hazards, pillars, buttons): {@link #count()} bodies without joints, each
 * holding one geom of the same name ({@code hazard0}, {@code hazard1}, … as upstream names them),
 * resting at a fixed height and moved by the layout through the model's {@code body_pos}/{@code body_quat}.
 * Seen by the lidar at the bodies' positions. What a kind adds is its geom's markup and its cost; the
 * ids it binds to belong to one compiled scene, so an instance belongs to one environment.
 */
abstract class StaticBodies implements PlacedObject {
    private final String name;
    private final int count;
    private final Placement placement;
    private final double height;
    /** Each instance's body id and geom id in the bound scene. */
    protected final int[] bodies, geoms;

    /**
     * @param name      the kind's plural name ({@link #name()})
     * @param count     how many ({@code num}); must be positive
     * @param placement where they are drawn, with their keepout
     * @param height    the resting height of each body's centre
     */
    protected StaticBodies(String name, int count, Placement placement, double height) {
        if (count <= 0) throw new IllegalArgumentException(name + " need a positive count, got " + count);
        this.name = name;
        this.count = count;
        this.placement = java.util.Objects.requireNonNull(placement, "placement");
        this.height = height;
        this.bodies = new int[count];
        this.geoms = new int[count];
    }

    /** The geom element of the instance named {@code geomName}, placed at its body's origin. */
    protected abstract String geom(String geomName);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String mjcf() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String instance = PlacedObject.instanceName(name, i);
            s.append(String.format(Locale.ROOT, "<body name=\"%s\" pos=\"0 0 %s\">%n  %s%n</body>%n", instance, height, geom(instance)));
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
            String instance = PlacedObject.instanceName(name, i);
            bodies[i] = model.bodyId(instance);
            geoms[i] = model.geomId(instance);
        }
    }

    /** A mask over the bound scene's geoms that is true at this kind's geoms (for {@link AgentFrame#contactsWith}). */
    protected final boolean[] geomMask(MujocoModel model) {
        boolean[] mask = new boolean[model.ngeom()];
        for (int g : geoms) mask[g] = true;
        return mask;
    }

    @Override
    public final Placement placement() {
        return placement;
    }

    @Override
    public final int count() {
        return count;
    }

    @Override
    public final void place(MujocoModel model, MujocoData data, int i, double x, double y, double yaw) {
        model.setBodyPose(bodies[i], x, y, height, Math.cos(yaw / 2), 0, 0, Math.sin(yaw / 2));
    }

    @Override
    public final int positions(MujocoData data, double[] xy) {
        return PlacedObject.bodyPositions(data, bodies, xy);
    }
}
