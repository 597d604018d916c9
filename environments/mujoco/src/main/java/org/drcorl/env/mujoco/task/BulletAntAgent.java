package org.drcorl.env.mujoco.task;

import java.util.Locale;
import java.util.SplittableRandom;
import org.drcorl.env.mujoco.MujocoModels;
import org.drcorl.env.mujoco.ffm.MjcfSource;
import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoModel;
import org.drcorl.spi.DataConvention;

/**
 * The ant of Bullet-Safety-Gym 1.4.0 (DSRL's AntRun and AntCircle) on MuJoCo: its model
 * ({@code models/bullet_ant.xml}), its 33-value agent observation, reset pose, alive rule and
 * agent reward terms. environments/mujoco/BULLET-ANT.md is the upstream definition; the
 * citations below are to liuzuxin/Bullet-Safety-Gym at c83190c, paths under
 * {@code bullet_safety_gym/}. Observation ({@code MJCFAgent.agent_specific_observation},
 * {@code envs/agents.py:380-395}; BULLET-ANT.md §3):
 *
 * <pre>
 *  0..2   0.1·(x, y, z) of the torso, world frame
 *  3..5   0.3·(v_x, v_y, v_z), world frame, at the end of the step
 *  6..9   torso quaternion in PyBullet's order (q_x, q_y, q_z, q_w)
 * 10..12  0.15·ω, world frame
 * 13..28  per motor j (hip_1, ankle_1, …, hip_4, ankle_4): (q_j − mid_j)/(hi_j − lo_j), 0.05·q̇_j
 * 29..32  1 where the shin of leg 1..4 touches the floor (not a wall, not another leg), else 0;
 *         0 in an episode's first observation
 * </pre>
 *
 * <p>Actions are torques of 250 N·m per unit in the same motor order ({@code agents.py:347-353}).
 */
public final class BulletAntAgent {
    /** Length of the agent observation. */
    static final int OBSERVATION_DIM = 33;
    /** The torso must stay above this height (m) for the ant to be alive ({@code agents.py:446-450}). */
    static final double MIN_TORSO_HEIGHT = 0.26;
    /** Observation indices of the blocks above. */
    static final int POSITION = 0, VELOCITY = 3, ORIENTATION = 6, ANGULAR_VELOCITY = 10, JOINTS = 13, FEET = 29;
    /** The observation holds these times the position, the velocity, the angular velocity and the joint speeds. */
    static final double POSITION_SCALE = 0.1, VELOCITY_SCALE = 0.3, ANGULAR_VELOCITY_SCALE = 0.15, JOINT_SPEED_SCALE = 0.05;
    /** Bullet-Safety-Gym's speed limit of the ant in Run (m/s; {@code agents.py:432}). */
    static final double SPEED_LIMIT = 1.5;
    /** The motors (= actions, = joint observations) in PyBullet's order. */
    static final String[] MOTORS = {"hip_1", "ankle_1", "hip_2", "ankle_2", "hip_3", "ankle_3", "hip_4", "ankle_4"};
    /** PyBullet's joint limits (radians) in motor order: the ant.xml ranges, hips ±40°, ankles 30..100° / −100..−30°. */
    static final double[] LOWER = {rad(-40), rad(30), rad(-40), rad(-100), rad(-40), rad(-100), rad(-40), rad(30)};
    static final double[] UPPER = {rad(40), rad(100), rad(40), rad(-30), rad(40), rad(-30), rad(40), rad(100)};
    /** The shin geoms of legs 1..4 (PyBullet's foot links front_left_foot … right_back_foot). */
    static final String[] SHINS = {"shin_1", "shin_2", "shin_3", "shin_4"};

    private final int[] qpos = new int[8], dof = new int[8], shin = new int[4];
    private final int floor;
    private final double[] rotation = new double[9];
    /** False from a reset until the first step: PyBullet's feet flags are zeroed at reset and updated after a step. */
    private boolean feetMeasured;

    BulletAntAgent(MujocoModel model) {
        for (int j = 0; j < 8; j++) {
            int joint = model.jointId(MOTORS[j]);
            qpos[j] = model.jointQposAddress(joint);
            dof[j] = model.jointDofAddress(joint);
        }
        for (int k = 0; k < 4; k++) shin[k] = model.geomId(SHINS[k]);
        floor = model.geomId("floor");
    }

    private static double rad(double degrees) {
        return Math.toRadians(degrees);
    }

    /**
     * The ant's model; with {@code octagon}, Bullet-Safety-Gym's Octagon world around it
     * ({@code envs/worlds.py:98-110}, {@code octagon_wall.urdf:9-21}): 8 fixed walls 0.2 × 10 × 2 m
     * centred 12 m from the origin at yaws k·45°, inner faces at 11.9 m.
     */
    static MjcfSource model(boolean octagon) {
        if (!octagon) return MujocoModels.shipped("bullet_ant.xml");
        String xml = MujocoModels.shippedText("bullet_ant.xml");
        StringBuilder walls = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            double yaw = k * Math.PI / 4;
            walls.append(String.format(Locale.ROOT,
                    "<geom name=\"wall_%d\" type=\"box\" size=\"0.1 5 1\" pos=\"%.9f %.9f 1\" euler=\"0 0 %d\""
                            + " contype=\"1\" conaffinity=\"1\" friction=\"1.2 0 0\" rgba=\"0.5 0.5 0.5 1\"/>%n",
                    k, 12 * Math.cos(yaw), 12 * Math.sin(yaw), 45 * k));
        }
        return MjcfSource.text("Bullet-Safety-Gym's ant in the Octagon", xml.replace("<!-- octagon walls -->", walls));
    }

    /**
     * Bullet's reset pose ({@code Ant.specific_reset}, {@code agents.py:452-467}): hips U(−0.1, 0.1),
     * ankles ±(π/2 + U(−0.1, 0.1)) with signs +, −, −, + (shins pointing down), every velocity 0,
     * the torso at (x, y, 0.75) turned by {@code yaw} about z, upright. The task then lets it
     * {@link #settle}.
     */
    void resetPose(MujocoData d, SplittableRandom random, double x, double y, double yaw) {
        for (int j = 0; j < 8; j++) {
            double angle = j % 2 == 0 ? random.nextDouble(-0.1, 0.1) : Math.PI / 2 + random.nextDouble(-0.1, 0.1);
            d.setQpos(qpos[j], j == 3 || j == 5 ? -angle : angle);
        }
        d.setQpos(0, x);
        d.setQpos(1, y);
        d.setQpos(2, 0.75);
        setHeading(d, yaw);
        for (int i = 0; i < d.model().nv(); i++) d.setQvel(i, 0);
    }

    /**
     * Bullet-Safety-Gym's reset ends with one environment step of passive motors (zero torque)
     * before the first observation ({@code envs/builder.py:448-472}); its feet flags stay 0
     * until the next step.
     */
    void settle(MujocoData d, int frameSkip) {
        d.forward();
        for (int u = 0; u < d.model().nu(); u++) d.setCtrl(u, 0);
        d.step(frameSkip);
        feetMeasured = false;
    }

    /** After an environment step: the feet flags now come from the contacts. */
    void stepped() {
        feetMeasured = true;
    }

    /** Writes the 33 agent values into obs[0..33). */
    void writeObservation(MujocoData d, float[] obs) {
        for (int k = 0; k < 3; k++) {
            obs[POSITION + k] = (float) (POSITION_SCALE * d.qpos(k));
            obs[VELOCITY + k] = (float) (VELOCITY_SCALE * d.qvel(k)); // a free joint's linear qvel is in the world frame
        }
        // MuJoCo's quaternion is (w, x, y, z) at qpos[3..6]; PyBullet's is (x, y, z, w)
        obs[ORIENTATION] = (float) d.qpos(4);
        obs[ORIENTATION + 1] = (float) d.qpos(5);
        obs[ORIENTATION + 2] = (float) d.qpos(6);
        obs[ORIENTATION + 3] = (float) d.qpos(3);
        // a free joint's angular qvel is in the torso's frame: rotate it to the world's
        rotationMatrix(d, rotation);
        for (int r = 0; r < 3; r++) {
            double w = 0;
            for (int c = 0; c < 3; c++) w += rotation[3 * r + c] * d.qvel(3 + c);
            obs[ANGULAR_VELOCITY + r] = (float) (ANGULAR_VELOCITY_SCALE * w);
        }
        for (int j = 0; j < 8; j++) {
            obs[JOINTS + 2 * j] = (float) (0.5 * relativePosition(d, j));
            obs[JOINTS + 2 * j + 1] = (float) (JOINT_SPEED_SCALE * d.qvel(dof[j]));
        }
        for (int k = 0; k < 4; k++) obs[FEET + k] = 0f;
        if (feetMeasured) {
            for (int c = 0, n = d.contactCount(); c < n; c++) {
                int g1 = d.contactGeom1(c), g2 = d.contactGeom2(c);
                int other = g1 == floor ? g2 : g2 == floor ? g1 : -1;
                for (int k = 0; k < 4; k++) if (other == shin[k]) obs[FEET + k] = 1f;
            }
        }
    }

    /** PyBullet's relative joint position 2(q − mid)/(hi − lo), in [−1, 1] within the limits ({@code envs/bases.py:126-132}). */
    double relativePosition(MujocoData d, int motor) {
        double mid = 0.5 * (LOWER[motor] + UPPER[motor]);
        return 2 * (d.qpos(qpos[motor]) - mid) / (UPPER[motor] - LOWER[motor]);
    }

    /**
     * The agent's reward terms ({@code MJCFAgent}, {@code agents.py:331-340, 355-378, 405-413}),
     * from the state after the step: alive +1 (−1 once fallen), −0.1 per joint beyond 99 % of its
     * half-range, electricity −2·mean|a_j · 0.1·q̇_j|, stall torque −0.1·mean a_j².
     *
     * @param action the clipped action the step applied
     */
    double specificReward(MujocoData d, float[] action) {
        int atLimit = 0;
        double electricity = 0, stall = 0;
        for (int j = 0; j < 8; j++) {
            if (Math.abs(relativePosition(d, j)) > 0.99) atLimit++;
            electricity += Math.abs(action[j] * 0.1 * d.qvel(dof[j]));
            stall += (double) action[j] * action[j];
        }
        return (alive(d) ? 1 : -1) - 0.1 * atLimit - 2.0 * electricity / 8 - 0.1 * stall / 8;
    }

    /**
     * What every file recorded with this ant shows: episodes start after one passive step from
     * 0.75 m, so obs[2] = 0.1·z ≈ 0.074 (Run, 1/30 s of fall) or ≈ 0.07 (Circle, 0.1 s; BULLET-ANT.md §4
     * measured 0.0743 and 0.0693 in PyBullet). A file in another ant's layout has something else
     * there (this project's earlier layout had 0.2·v_x, about 0), and is flagged.
     */
    public static DataConvention startHeightConvention() {
        return new DataConvention("0.1 × the torso's height z (obs[2])", DataConvention.Rows.EPISODE_STARTS, o -> o[2], 0.06, 0.08,
                "Bullet-Safety-Gym's ant starts at z = 0.75 m and falls for one passive step before its first observation,"
                        + " which holds 0.1·z at obs[2] (environments/mujoco/BULLET-ANT.md §3-4)");
    }

    /**
     * When the ant's episodes end, in its observation (for the learned model's rollouts): the torso at or
     * below {@link #MIN_TORSO_HEIGHT}, read as obs[2] = 0.1·z.
     */
    public static org.drcorl.spi.TerminationRule termination(int observationDim) {
        return org.drcorl.spi.TerminationRule.over(observationDim).within(POSITION + 2, POSITION_SCALE * MIN_TORSO_HEIGHT, Double.POSITIVE_INFINITY)
                .build("alive while the torso is above 0.26 m, obs[2] = 0.1·z > 0.026: bullet_safety_gym/envs/agents.py:446-450");
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

    /** The torso's rotation matrix (row-major, body to world) from its quaternion qpos[3..6]. */
    static void rotationMatrix(MujocoData d, double[] m) {
        double w = d.qpos(3), x = d.qpos(4), y = d.qpos(5), z = d.qpos(6);
        double n = w * w + x * x + y * y + z * z;
        double s = n > 0 ? 2 / n : 0;
        m[0] = 1 - s * (y * y + z * z);
        m[1] = s * (x * y - w * z);
        m[2] = s * (x * z + w * y);
        m[3] = s * (x * y + w * z);
        m[4] = 1 - s * (x * x + z * z);
        m[5] = s * (y * z - w * x);
        m[6] = s * (x * z - w * y);
        m[7] = s * (y * z + w * x);
        m[8] = 1 - s * (x * x + y * y);
    }
}
