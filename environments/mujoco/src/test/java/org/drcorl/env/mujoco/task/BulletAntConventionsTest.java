package org.drcorl.env.mujoco.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.drcorl.env.mujoco.MujocoTaskEnv;
import org.drcorl.env.mujoco.TaskTests;
import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.spi.StepResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AntRun's and AntCircle's ant follows Bullet-Safety-Gym 1.4.0's conventions as DSRL recorded them.
 * Every expected value here is written from the upstream definition (BULLET-ANT.md, which cites
 * liuzuxin/Bullet-Safety-Gym @ c83190c), not from this project's code: the PyBullet joint limits, the
 * observation's indices and scales, the motor order, the reset pose, the agent reward terms.
 */
class BulletAntConventionsTest {
    /** PyBullet's ant: hips ±40°, ankles 1 and 4 in [30°, 100°], ankles 2 and 3 in [−100°, −30°] (ant.xml:18-54). */
    private static final double HIP = Math.toRadians(40), ANKLE_LO = Math.toRadians(30), ANKLE_HI = Math.toRadians(100);
    /** Motor order hip_1, ankle_1, …, hip_4, ankle_4 (BULLET-ANT.md §1, measured motor_list). */
    private static final String[] MOTORS = {"hip_1", "ankle_1", "hip_2", "ankle_2", "hip_3", "ankle_3", "hip_4", "ankle_4"};
    private static final double G = 9.81;

    @BeforeEach
    void needsMujoco() {
        TaskTests.assumeMujoco();
    }

    private static int qposOf(MujocoTaskEnv env, String joint) {
        return env.model().jointQposAddress(env.model().jointId(joint));
    }

    private static int dofOf(MujocoTaskEnv env, String joint) {
        return env.model().jointDofAddress(env.model().jointId(joint));
    }

    @Test
    void theModelHasBulletsMassesTorqueScaleAndJointRanges() {
        try (var env = new AntRun()) {
            var m = env.model();
            assertEquals(182.2, m.totalMass(), 0.1, "PyBullet's ant weighs ~182.2 kg (density 1000)");
            assertEquals(65.450, m.bodyMass(m.bodyId("torso")), 1e-3);
            assertEquals(13.518, m.bodyMass(m.bodyId("front_left_foot")), 1e-3, "a shin");
            assertEquals(7.832, m.bodyMass(m.bodyId("aux_1")), 1e-3, "a thigh");
            assertEquals(8, m.nu());
            for (int u = 0; u < 8; u++) {
                assertEquals(250, m.actuatorGear(u, 0), "max_force 2.5 × power_coefficient 100");
                assertEquals(-1, m.actuatorControlRange(u, 0));
                assertEquals(1, m.actuatorControlRange(u, 1));
            }
            for (int k = 1; k <= 4; k++) {
                int hip = m.jointId("hip_" + k), ankle = m.jointId("ankle_" + k);
                assertEquals(-HIP, m.jointRange(hip, 0), 1e-9);
                assertEquals(HIP, m.jointRange(hip, 1), 1e-9);
                double sign = k == 2 || k == 3 ? -1 : 1;
                assertEquals(sign > 0 ? ANKLE_LO : -ANKLE_HI, m.jointRange(ankle, 0), 1e-9, "ankle_" + k);
                assertEquals(sign > 0 ? ANKLE_HI : -ANKLE_LO, m.jointRange(ankle, 1), 1e-9, "ankle_" + k);
            }
        }
    }

    /** A positive command on action index i drives motor i of hip_1, ankle_1, …, ankle_4 positively and no other much. */
    @Test
    void actionIndexIDrivesBulletsMotorI() {
        try (var env = new AntRun()) {
            for (int i = 0; i < 8; i++) {
                env.reset(3);
                // in the air, so that no contact couples the legs
                env.data().setQpos(2, 3.0);
                env.data().forward();
                double[] before = new double[8];
                for (int j = 0; j < 8; j++) before[j] = env.data().qvel(dofOf(env, MOTORS[j]));
                float[] a = new float[8];
                a[i] = 1f;
                env.step(a);
                int fastest = -1;
                double fastestSpeed = 0;
                for (int j = 0; j < 8; j++) {
                    double dv = env.data().qvel(dofOf(env, MOTORS[j])) - before[j];
                    if (Math.abs(dv) > fastestSpeed) {
                        fastestSpeed = Math.abs(dv);
                        fastest = j;
                    }
                }
                assertEquals(MOTORS[i], MOTORS[fastest], "action index " + i + " moves " + MOTORS[fastest]);
                assertTrue(env.data().qvel(dofOf(env, MOTORS[i])) - before[i] > 0, "positive command, positive joint speed at " + i);
            }
        }
    }

    /** The observation of a hand-set state, value by value (BULLET-ANT.md §3). */
    @Test
    void observationFollowsBulletsLayoutAndScales() {
        try (var env = new AntRun()) {
            env.reset(0);
            MujocoData d = env.data();
            d.setQpos(0, 1.0);
            d.setQpos(1, -2.0);
            d.setQpos(2, 0.7);
            // yaw +90°: MuJoCo's (w, x, y, z) = (cos 45°, 0, 0, sin 45°)
            double c = Math.cos(Math.PI / 4), s = Math.sin(Math.PI / 4);
            d.setQpos(3, c);
            d.setQpos(4, 0);
            d.setQpos(5, 0);
            d.setQpos(6, s);
            double[] q = {0.3, 1.2, -0.2, -1.2, 0.0, -1.5, 0.1, 0.6};
            double[] qd = {1, -2, 3, -4, 5, -6, 7, -8};
            for (int j = 0; j < 8; j++) {
                d.setQpos(qposOf(env, MOTORS[j]), q[j]);
                d.setQvel(dofOf(env, MOTORS[j]), qd[j]);
            }
            d.setQvel(0, 0.5);
            d.setQvel(1, -1.0);
            d.setQvel(2, 2.0);
            // angular velocity in the torso's frame (a free joint's qvel): 1 rad/s about the torso's x axis,
            // which points along world +y after the yaw of 90°
            d.setQvel(3, 1.0);
            d.setQvel(4, 0);
            d.setQvel(5, 0);
            d.forward();
            var agent = new BulletAntAgent(env.model());
            float[] o = new float[33];
            agent.writeObservation(d, o);

            assertEquals(0.1, o[0], 1e-6, "0.1·x");
            assertEquals(-0.2, o[1], 1e-6, "0.1·y");
            assertEquals(0.07, o[2], 1e-6, "0.1·z");
            assertEquals(0.15, o[3], 1e-6, "0.3·v_x");
            assertEquals(-0.3, o[4], 1e-6, "0.3·v_y");
            assertEquals(0.6, o[5], 1e-6, "0.3·v_z");
            assertEquals(0, o[6], 1e-7, "q_x first (PyBullet's order)");
            assertEquals(0, o[7], 1e-7);
            assertEquals(s, o[8], 1e-7, "q_z");
            assertEquals(c, o[9], 1e-7, "q_w last");
            assertEquals(0, o[10], 1e-6, "0.15·ω, world frame");
            assertEquals(0.15, o[11], 1e-6, "the torso's x axis is world +y");
            assertEquals(0, o[12], 1e-6);
            // (q − mid)/(hi − lo): hips q/1.396263; ankle_1,4 (q − 1.134464)/1.221730; ankle_2,3 (q + 1.134464)/1.221730
            double[] expected = {0.3 / 1.396263, (1.2 - 1.134464) / 1.221730, -0.2 / 1.396263, (-1.2 + 1.134464) / 1.221730,
                    0.0, (-1.5 + 1.134464) / 1.221730, 0.1 / 1.396263, (0.6 - 1.134464) / 1.221730};
            for (int j = 0; j < 8; j++) {
                assertEquals(expected[j], o[13 + 2 * j], 1e-6, MOTORS[j] + " position at obs[" + (13 + 2 * j) + "]");
                assertEquals(0.05 * qd[j], o[14 + 2 * j], 1e-6, MOTORS[j] + " speed at obs[" + (14 + 2 * j) + "]");
            }
            for (int k = 29; k < 33; k++) assertEquals(0, o[k], "no step yet: feet flags 0");
        }
    }

    /**
     * Run's reset (tasks.py:616-622, agents.py:452-467, builder.py:448-472): xy within ±0.01, z 0.75,
     * identity orientation, hips within ±0.1, ankles ±(π/2 ± 0.1) with signs +, −, −, +, velocities 0,
     * then one passive step of 1/30 s. The shins start 0.1 m above the floor, so that step is a free
     * fall: z = 0.75 − g/2·(1/30)², v_z = −g/30, and nothing else moves.
     */
    @Test
    void runResetsToBulletsPoseAfterOnePassiveStep() {
        try (var env = new AntRun()) {
            for (long seed = 0; seed < 10; seed++) {
                float[] o = env.reset(seed);
                double dt = 1.0 / 30;
                assertTrue(Math.abs(o[0]) <= 0.001 + 1e-9 && Math.abs(o[1]) <= 0.001 + 1e-9, "xy within ±0.01");
                assertEquals(0.1 * (0.75 - G / 2 * dt * dt), o[2], 2e-4, "0.1·z after a free fall of one step");
                assertEquals(0.3 * -G * dt, o[5], 1e-3, "0.3·v_z after a free fall of one step");
                assertEquals(0, o[3], 1e-6);
                assertEquals(0, o[4], 1e-6);
                assertEquals(0, o[6], 1e-9, "yaw exactly 0: identity (0, 0, 0, 1)");
                assertEquals(0, o[7], 1e-9);
                assertEquals(0, o[8], 1e-9);
                assertEquals(1, o[9], 1e-9);
                for (int k = 10; k < 13; k++) assertEquals(0, o[k], 1e-6, "no angular velocity");
                double[] sign = {1, -1, -1, 1};
                for (int j = 0; j < 8; j++) {
                    double angle = env.data().qpos(qposOf(env, MOTORS[j]));
                    if (j % 2 == 0) assertTrue(Math.abs(angle) <= 0.1 + 1e-6, MOTORS[j] + " = " + angle);
                    else assertEquals(sign[j / 2] * Math.PI / 2, angle, 0.1 + 1e-6, MOTORS[j]);
                    assertEquals(0, o[14 + 2 * j], 1e-6, MOTORS[j] + " at rest");
                }
                for (int k = 29; k < 33; k++) assertEquals(0, o[k], "feet flags are 0 in the reset observation");
            }
        }
    }

    /** Circle's reset (tasks.py:497-523): 2 ≤ ‖xy‖ ≤ 4, facing the clockwise tangent, the same pose, one passive 0.1 s step. */
    @Test
    void circleResetsOnTheInnerRingFacingClockwiseAfterOnePassiveStep() {
        try (var env = new AntCircle()) {
            for (long seed = 0; seed < 10; seed++) {
                float[] o = env.reset(seed);
                double x = 10 * o[0], y = 10 * o[1], r = Math.hypot(x, y);
                assertTrue(r >= 2 - 1e-4 && r <= 4 + 1e-4, "start radius " + r);
                assertEquals(0.1 * (0.75 - G / 2 * 0.01), o[2], 1e-3, "0.1·z after a free fall of 0.1 s");
                double qz = o[8], qw = o[9];
                double yaw = 2 * Math.atan2(qz, qw);
                assertEquals(y / r, Math.cos(yaw), 1e-4, "heading along (y, −x)/r");
                assertEquals(-x / r, Math.sin(yaw), 1e-4);
                for (int k = 29; k < 33; k++) assertEquals(0, o[k]);
                assertEquals((r - 7) / 10, o[33], 1e-5);
            }
        }
    }

    /** The agent terms (agents.py:331-413) computed by hand for a hand-set state. */
    @Test
    void agentRewardTermsOfAKnownState() {
        try (var env = new AntRun()) {
            env.reset(0);
            MujocoData d = env.data();
            double[] q = {0.70, 1.2, 0.0, -1.2, 0.0, -1.7, 0.0, 1.0};
            for (int j = 0; j < 8; j++) {
                d.setQpos(qposOf(env, MOTORS[j]), q[j]);
                d.setQvel(dofOf(env, MOTORS[j]), 0);
            }
            d.setQvel(dofOf(env, "hip_1"), 2.0);
            d.setQvel(dofOf(env, "ankle_3"), -4.0);
            d.setQpos(2, 0.5);
            var agent = new BulletAntAgent(env.model());
            float[] a = {0.5f, 0, 0, 0, 0, -0.25f, 0, 0};
            // hip_1 at 0.70 rad: 2·0.70/1.396263 = 1.0027 > 0.99, at its limit; ankle_3 at −1.7: −0.926, not
            double atLimit = -0.1 * 1;
            double electricity = -2.0 * (Math.abs(0.5 * 0.1 * 2.0) + Math.abs(-0.25 * 0.1 * -4.0)) / 8;
            double stall = -0.1 * (0.25 + 0.0625) / 8;
            assertEquals(1 + atLimit + electricity + stall, agent.specificReward(d, a), 1e-9);
            d.setQpos(2, 0.25); // fallen: alive −1
            assertEquals(-1 + atLimit + electricity + stall, agent.specificReward(d, a), 1e-9);
        }
    }

    /**
     * Run's reward is Φ(s′) − Φ(s) + the agent terms; its speed cost and Circle's reward use the
     * torso's velocity at the end of the step (getBaseVelocity), here qvel.
     */
    @Test
    void runAndCircleRewardsAddTheAgentTermsAndUseTheEndOfStepVelocity() {
        SplittableRandom random = new SplittableRandom(5);
        try (var env = new AntRun()) {
            env.reset(5);
            int costly = 0;
            for (int t = 0; t < 60; t++) {
                if (t % 6 == 0) env.data().setQvel(0, 3 * random.nextDouble());
                double x0 = env.data().qpos(0), y0 = env.data().qpos(1);
                float[] a = TaskTests.randomAction(8, random);
                StepResult r = env.step(a);
                MujocoData d = env.data();
                double x = d.qpos(0), y = d.qpos(1);
                double progress = -60 * Math.hypot(x - 1000, y) + 60 * Math.hypot(x0 - 1000, y0);
                assertEquals(progress + handAgentTerms(env, a), r.reward(), 1e-6, "reward at " + t);
                boolean speeding = Math.hypot(d.qvel(0), d.qvel(1)) > 1.5;
                assertEquals(speeding || Math.abs(y) > 2 ? 1.0 : 0.0, r.cost(), "cost at " + t);
                if (r.cost() > 0) costly++;
                if (r.done()) break;
            }
            assertTrue(costly > 0, "some pushes pass 1.5 m/s");
        }
        try (var env = new AntCircle()) {
            env.reset(5);
            for (int t = 0; t < 30; t++) {
                if (t % 5 == 0) env.data().setQvel(1, 3 * random.nextDouble(-1, 1));
                float[] a = TaskTests.randomAction(8, random);
                StepResult r = env.step(a);
                MujocoData d = env.data();
                double x = d.qpos(0), y = d.qpos(1);
                double circle = 0.1 * (x * -d.qvel(1) + y * d.qvel(0)) / (1 + Math.abs(Math.hypot(x, y) - 7));
                assertEquals(circle + 0.01 * handAgentTerms(env, a), r.reward(), 1e-6, "reward at " + t);
                if (r.done()) break;
            }
        }
    }

    /** alive ± 1, −0.1 per joint past 99 % of its half-range, −2·mean|a·0.1·q̇|, −0.1·mean a², with PyBullet's limits. */
    private static double handAgentTerms(MujocoTaskEnv env, float[] a) {
        double[] lo = {-HIP, ANKLE_LO, -HIP, -ANKLE_HI, -HIP, -ANKLE_HI, -HIP, ANKLE_LO};
        double[] hi = {HIP, ANKLE_HI, HIP, -ANKLE_LO, HIP, -ANKLE_LO, HIP, ANKLE_HI};
        double r = env.data().qpos(2) > 0.26 ? 1 : -1;
        for (int j = 0; j < 8; j++) {
            double clipped = Math.max(-1, Math.min(1, a[j]));
            double q = env.data().qpos(qposOf(env, MOTORS[j])), qd = env.data().qvel(dofOf(env, MOTORS[j]));
            double p = 2 * (q - (lo[j] + hi[j]) / 2) / (hi[j] - lo[j]);
            if (Math.abs(p) > 0.99) r -= 0.1;
            r -= 2.0 * Math.abs(clipped * 0.1 * qd) / 8;
            r -= 0.1 * clipped * clipped / 8;
        }
        return r;
    }

    /** Feet flags (agents.py:359-364): a shin touching the floor, not a wall. */
    @Test
    void feetFlagsAreShinFloorContactsOnly() {
        try (var env = new AntCircle()) {
            float[] o = env.reset(1);
            for (int t = 0; t < 3; t++) {
                o = env.step(new float[8]).observation();
                for (int k = 29; k < 33; k++) assertEquals(1f, o[k], "standing at step " + t + ": shin " + (k - 28) + " on the floor");
            }
            // Bullet zeroes the flags at reset and sets them only after a step: settled while its shins
            // touch the floor (never the case after the tasks' resets, whose passive step is a free fall), none
            var settled = new BulletAntAgent(env.model());
            settled.stepped();
            settled.settle(env.data(), env.frameSkip());
            settled.writeObservation(env.data(), o);
            for (int k = 29; k < 33; k++) assertEquals(0f, o[k], "reset observation: flag " + (k - 28));
            env.data().setQpos(2, 1.5); // lifted: no shin touches anything
            env.data().forward();
            o = env.step(new float[8]).observation();
            for (int k = 29; k < 33; k++) assertEquals(0f, o[k], "in the air: flag " + (k - 28));

            // in the air, shin 1 pushed into the east wall: leg 1 (on the torso's (+,+) diagonal) turned to point at it
            env.reset(1);
            MujocoData d = env.data();
            BulletAntAgent.setHeading(d, -Math.PI / 4);
            d.setQpos(qposOf(env, "hip_1"), 0);
            d.setQpos(qposOf(env, "ankle_1"), Math.toRadians(30)); // shin 1 nearly level: its tip ~1.14 m out
            d.setQpos(0, 11.9 - 1.0);
            d.setQpos(1, 0);
            d.setQpos(2, 1.5);
            d.forward(); // the collision pass of this state
            int shin1 = env.model().geomId("shin_1"), wall = env.model().geomId("wall_0");
            boolean touchesWall = false;
            for (int c = 0; c < d.contactCount(); c++) {
                int g1 = d.contactGeom1(c), g2 = d.contactGeom2(c);
                touchesWall |= (g1 == shin1 && g2 == wall) || (g1 == wall && g2 == shin1);
            }
            assertTrue(touchesWall, "the setup puts shin 1 against the wall");
            var agent = new BulletAntAgent(env.model());
            agent.stepped();
            agent.writeObservation(d, o);
            for (int k = 29; k < 33; k++) assertEquals(0f, o[k], "a shin on a wall is not a foot contact: flag " + (k - 28));
            d.setQpos(2, 0.34); // the same pose lowered until shin 1 also reaches the floor
            d.forward();
            agent.writeObservation(d, o);
            assertEquals(1f, o[29], "shin 1 on the floor");
        }
    }

    /** Octagon (worlds.py:98-110, octagon_wall.urdf:9-21): 8 walls, yaw k·45°, inner faces 11.9 m from the centre; Run has none. */
    @Test
    void circleHasBulletsOctagonWallsAndRunNone() {
        try (var env = new AntCircle()) {
            env.reset(0);
            MujocoData d = env.data();
            int torso = env.model().geomId("torso");
            for (int k = 0; k < 8; k++) {
                int wall = env.model().geomId("wall_" + k);
                double yaw = k * Math.PI / 4, r = 11.9 - 0.25 + 0.005; // the torso's sphere 5 mm into the face
                d.setQpos(0, r * Math.cos(yaw));
                d.setQpos(1, r * Math.sin(yaw));
                d.setQpos(2, 1.0);
                d.forward();
                double distance = Double.NaN;
                for (int c = 0; c < d.contactCount(); c++) {
                    int g1 = d.contactGeom1(c), g2 = d.contactGeom2(c);
                    if ((g1 == torso && g2 == wall) || (g1 == wall && g2 == torso)) distance = d.contactDistance(c);
                }
                assertEquals(-0.005, distance, 1e-6, "wall " + k + ": inner face at 11.9 m");
            }
            assertThrows(IllegalArgumentException.class, () -> env.model().geomId("wall_8"));
        }
        try (var env = new AntRun()) {
            assertThrows(IllegalArgumentException.class, () -> env.model().geomId("wall_0"), "Plane200 has no walls");
        }
    }
}
