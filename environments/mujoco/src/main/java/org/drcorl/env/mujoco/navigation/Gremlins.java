package org.drcorl.env.mujoco.navigation;

import java.util.Locale;
import org.drcorl.env.mujoco.ffm.MjLayout;
import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoModel;

/**
 * Gremlins ({@code assets/mocaps/gremlins.py:26-106}, {@code world.py:347-380}; NAVIGATION.md §4):
 * each a free box {@code gremlin<i>obj} (half side {@value #SIZE}, density 0.001) welded
 * ({@code solref 0.02 1.5}) to a mocap body {@code gremlin<i>mocap}. Before every substep each mocap
 * is put at (travel·sin t, travel·cos t, {@value #SIZE}), t the simulation time, the same for every
 * gremlin. Upstream compiles the mocap body at the origin and the box at its layout point (x, y,
 * {@value #SIZE}) with its yaw, so the weld's relative pose is that point and yaw: each box is pulled
 * round a circle of radius travel about its layout point, at height about 0.2, all in lockstep.
 *
 * <p>Here the scene is compiled once with every box at the origin, and {@link #place} writes what
 * upstream's compiler would have: the box's free-joint pose and the weld's relative pose
 * ({@code eq_data} 3-5 position, 6-9 quaternion). Seen by the lidar at the boxes' positions; the cost
 * term is the number of contacts between a box and a robot geom. Holds its scene's ids, so one
 * instance belongs to one environment.
 */
public final class Gremlins implements PlacedObject {
    /** Half side of a gremlin box, also its compile height ({@code size}). */
    public static final double SIZE = 0.1;
    private final int count;
    private final double travel;
    private final Placement placement;
    private final int[] bodies, qpos, mocaps, welds;
    private boolean[] geoms = new boolean[0];

    /**
     * @param count     how many ({@code num}: Button1 4, Button2 6)
     * @param travel    radius of the circle each travels (Button: 0.35)
     * @param placement where they are drawn (the task's extents) with their keepout (Button: 0.4)
     */
    public Gremlins(int count, double travel, Placement placement) {
        if (count <= 0) throw new IllegalArgumentException("gremlins need a positive count, got " + count);
        if (!(travel >= 0) || !Double.isFinite(travel)) throw new IllegalArgumentException("gremlin travel must be >= 0, got " + travel);
        this.count = count;
        this.travel = travel;
        this.placement = placement;
        this.bodies = new int[count];
        this.qpos = new int[count];
        this.mocaps = new int[count];
        this.welds = new int[count];
    }

    /** Radius of each gremlin's circle. */
    public double travel() {
        return travel;
    }

    @Override
    public String name() {
        return "gremlins";
    }

    @Override
    public String mjcf() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(String.format(Locale.ROOT, """
                    <body name="gremlin%1$dobj" pos="0 0 %2$s">
                      <freejoint name="gremlin%1$dobj"/>
                      <geom name="gremlin%1$dobj" type="box" size="%2$s %2$s %2$s" density="0.001" rgba="0.5 0 1 1"/>
                    </body>
                    <body name="gremlin%1$dmocap" mocap="true">
                      <geom name="gremlin%1$dmocap" type="box" size="%2$s %2$s %2$s" pos="0 0 %2$s" contype="0" conaffinity="0" rgba="0.05 0 0.1 0.1"/>
                    </body>
                    """, i, SIZE));
        }
        return s.toString();
    }

    @Override
    public String equalityMjcf() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append(String.format(Locale.ROOT, "<weld name=\"gremlin%1$dmocap\" body1=\"gremlin%1$dmocap\" body2=\"gremlin%1$dobj\" solref=\".02 1.5\"/>%n", i));
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
            String obj = "gremlin" + i + "obj", mocap = "gremlin" + i + "mocap";
            bodies[i] = model.bodyId(obj);
            int joint = model.jointId(obj);
            if (model.jointType(joint) != MjLayout.JNT_FREE) throw new IllegalStateException("joint " + obj + " is not free");
            qpos[i] = model.jointQposAddress(joint);
            mocaps[i] = model.bodyMocapId(model.bodyId(mocap));
            if (mocaps[i] < 0) throw new IllegalStateException("body " + mocap + " is not a mocap body");
            welds[i] = model.equalityId(mocap);
            geoms[model.geomId(obj)] = true;
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

    /** The box at (x, y, {@value #SIZE}) turned by yaw, and its weld's relative pose set to the same, as upstream compiles it. */
    @Override
    public void place(MujocoModel model, MujocoData data, int i, double x, double y, double yaw) {
        double[] pose = {x, y, SIZE, Math.cos(yaw / 2), 0, 0, Math.sin(yaw / 2)};
        for (int k = 0; k < 7; k++) {
            data.setQpos(qpos[i] + k, pose[k]);
            model.setEqualityData(welds[i], 3 + k, pose[k]);
        }
    }

    @Override
    public int positions(MujocoData data, double[] xy) {
        return PlacedObject.bodyPositions(data, bodies, xy);
    }

    @Override
    public boolean movesMocaps() {
        return true;
    }

    @Override
    public void beforeSubstep(MujocoData data) {
        double t = data.time(), x = travel * Math.sin(t), y = travel * Math.cos(t);
        for (int m : mocaps) data.setMocapPos(m, x, y, SIZE);
    }

    @Override
    public double cost(MujocoData data, AgentFrame agent) {
        return agent.contactsWith(data, geoms);
    }
}
