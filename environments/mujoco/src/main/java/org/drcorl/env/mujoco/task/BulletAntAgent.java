package org.drcorl.env.mujoco.task;

import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoModel;
import org.drcorl.spi.DataConvention;

/**
 * The ant as an agent of Bullet-Safety-Gym's Run and Circle tasks: its 33-value agent
 * observation and its alive rule (torso higher than 0.26 m). The ant model is the same as
 * {@link AntVelocity}'s; the observation follows Bullet-Safety-Gym's pattern for its agents
 * (scaled planar position and velocity, angular velocity, then what is specific to the
 * robot):
 *
 * <pre>
 *  0..1   0.1·x, 0.1·y
 *  2..3   0.2·v_x, 0.2·v_y            (world frame)
 *  4..6   0.1·ω                        (torso frame)
 *  7      torso height z
 *  8..11  torso orientation quaternion (w, x, y, z)
 * 12..19  the 8 joint angles
 * 20..27  0.1 · the 8 joint velocities
 * 28      0.2·v_z
 * 29..32  foot contacts: 1 where a foot's touch sensor reads a force, else 0
 * </pre>
 *
 * <p>This is NOT the ant DSRL's AntRun/AntCircle files were recorded with: Bullet-Safety-Gym's ant
 * has another layout (0.1·xyz, 0.3·v and 0.15·ω in the world frame, the quaternion as x, y, z, w,
 * normalized joint angles interleaved with 0.05·their speeds, whole-shin contacts), another action
 * order (hip_1 first), 250 N·m per unit action and a ~182 kg body. environments/mujoco/BULLET-ANT.md
 * has the upstream definition with citations; {@link #startHeightConvention} flags such files.
 */
public final class BulletAntAgent {
    /** Length of the agent observation. */
    static final int OBSERVATION_DIM = 33;
    /** The torso must stay above this height (m) for the ant to be alive. */
    static final double MIN_TORSO_HEIGHT = 0.26;
    /** Index of 0.1·x (0.1·y follows) and of the orientation quaternion in the observation. */
    static final int POSITION = 0, ORIENTATION = 8;
    /** The observation holds this times the position. */
    static final double POSITION_SCALE = 0.1;
    /** Bullet-Safety-Gym's speed limit of the ant in Run (m/s). */
    static final double SPEED_LIMIT = 1.5;

    private final int[] touchAddress = new int[4];

    BulletAntAgent(MujocoModel model) {
        for (int i = 0; i < 4; i++) touchAddress[i] = model.sensorAddress(model.sensorId("touch_" + (i + 1)));
    }

    /** Writes the 33 agent values into obs[0..33). */
    void writeObservation(MujocoData d, float[] obs) {
        obs[POSITION] = (float) (POSITION_SCALE * d.qpos(0));
        obs[POSITION + 1] = (float) (POSITION_SCALE * d.qpos(1));
        obs[2] = (float) (0.2 * d.qvel(0));
        obs[3] = (float) (0.2 * d.qvel(1));
        for (int k = 0; k < 3; k++) obs[4 + k] = (float) (0.1 * d.qvel(3 + k));
        obs[7] = (float) d.qpos(2);
        for (int k = 0; k < 4; k++) obs[ORIENTATION + k] = (float) d.qpos(3 + k);
        for (int j = 0; j < 8; j++) {
            obs[12 + j] = (float) d.qpos(7 + j);
            obs[20 + j] = (float) (0.1 * d.qvel(6 + j));
        }
        obs[28] = (float) (0.2 * d.qvel(2));
        for (int f = 0; f < 4; f++) obs[29 + f] = d.sensor(touchAddress[f]) > 0 ? 1f : 0f;
    }

    /**
     * What every file recorded with this ant shows: episodes start with the torso at 0.75 ± 0.1 m,
     * which this layout puts at obs[7]. DSRL's AntRun and AntCircle files were recorded with
     * Bullet-Safety-Gym's ant, whose layout has 0.3·v_y there (about 0 at a start): the ant here
     * does not follow it yet (model, layout, action order; ../BULLET-ANT.md), so such a file is
     * flagged instead of silently training a policy that drives the wrong joints.
     */
    public static DataConvention startHeightConvention() {
        return new DataConvention("the torso's height z (obs[7])", DataConvention.Rows.EPISODE_STARTS, o -> o[7], 0.5, 1.0,
                "this ant (Gymnasium's model, drcorl's 33-value layout) starts at z = 0.75 ± 0.1 m; DSRL's files hold"
                        + " Bullet-Safety-Gym's ant, whose observation layout, action order and model differ and are not"
                        + " simulated here yet (environments/mujoco/BULLET-ANT.md)");
    }

    static boolean alive(MujocoData d) {
        return d.qpos(2) > MIN_TORSO_HEIGHT;
    }

    /** Turns the free joint's orientation to a heading ψ about z (the ant's forward is +x). */
    static void setHeading(MujocoData d, double yaw) {
        d.setQpos(3, Math.cos(yaw / 2));
        d.setQpos(4, 0);
        d.setQpos(5, 0);
        d.setQpos(6, Math.sin(yaw / 2));
    }
}
