package org.drcorl.env.mujoco.navigation;

import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoModel;

/**
 * An object the layout puts somewhere new every episode (hazards, vases, the goal, …): it takes
 * {@link #count()} entries of the layout table, each drawn from its {@link #placement()} and kept
 * clear of the others by the keepouts ({@code base_task.py:258-269}, {@code random_generator.py:129-156};
 * {@link Layout}). Its instances are moved in the compiled scene rather than rebuilt: static bodies
 * through the model's {@code body_pos}/{@code body_quat}, free bodies through their joint's qpos.
 */
public interface PlacedObject extends NavigationObject {

    /** Where each instance may be drawn, with its keepout radius. */
    Placement placement();

    /** Instances (layout entries) this object has: {@code num}, or 1 for a unique object. */
    int count();

    /**
     * Puts instance {@code i} at (x, y) on its resting height, turned by {@code yaw} about z. Runs
     * after {@code mj_resetData} (or mid-episode, for a goal re-placed) and before {@code mj_forward}.
     */
    void place(MujocoModel model, MujocoData data, int i, double x, double y, double yaw);

    /** Writes every instance's current world (x, y), interleaved, into {@code xy}; returns {@link #count()}. */
    int positions(MujocoData data, double[] xy);

    @Override
    default int instances() {
        return count();
    }

    @Override
    default int lidarPositions(MujocoData data, double[] xy) {
        return positions(data, xy);
    }

    /** The world (x, y) of each of {@code bodies}, interleaved, into {@code xy}: one body per instance. */
    static int bodyPositions(MujocoData data, int[] bodies, double[] xy) {
        for (int i = 0; i < bodies.length; i++) {
            xy[2 * i] = data.xpos(bodies[i], 0);
            xy[2 * i + 1] = data.xpos(bodies[i], 1);
        }
        return bodies.length;
    }

    /** Names of a multi-instance kind's bodies, upstream's {@code hazard0}, {@code hazard1}, …: the kind's name less its plural s. */
    static String instanceName(String kind, int i) {
        return kind.substring(0, kind.length() - 1) + i;
    }
}
