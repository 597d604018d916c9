package org.drcorl.env.mujoco.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drcorl.env.mujoco.TaskTests;
import org.drcorl.spi.StepResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AntRun and AntCircle: Bullet-Safety-Gym's Run and Circle task semantics (goal, lane, speed limit,
 * circle, strip, fall); the ant's own conventions are pinned by {@link BulletAntConventionsTest}.
 */
class AntBulletTasksTest {
    @BeforeEach
    void needsMujoco() {
        TaskTests.assumeMujoco();
    }

    @Test
    void runRewardsProgressTowardTheGoalAndCostsLeavingTheLaneOrSpeeding() {
        try (var env = new AntRun()) {
            assertEquals(1.0 / 30, env.frameSkip() * env.model().timestep(), 1e-12);
            float[] obs = env.reset(1);
            assertEquals(33, obs.length);
            assertEquals((float) (0.1 * env.data().qpos(0)), obs[0]);
            assertEquals((float) (0.1 * env.data().qpos(2)), obs[2], "obs[2] is 0.1 × the torso height");

            env.data().setQvel(0, 1.0); // forward, below the speed limit
            double x0 = env.data().qpos(0), y0 = env.data().qpos(1);
            StepResult r = env.step(new float[8]);
            double x1 = env.data().qpos(0), y1 = env.data().qpos(1);
            double expected = -60 * Math.hypot(x1 - 1000, y1) + 60 * Math.hypot(x0 - 1000, y0);
            // no action, no joint at a limit: the agent's terms are only alive = +1
            assertEquals(expected + 1, r.reward(), 1e-6);
            assertTrue(expected > 0, "moving toward the goal earns: " + expected);
            assertEquals(0.0, r.cost(), "in the lane, below the limit");

            env.data().setQvel(0, 3.0); // above 1.5 m/s
            assertEquals(1.0, env.step(new float[8]).cost(), "speeding costs");
            env.reset(2);
            env.data().setQpos(1, 2.5); // out of the lane |y| <= 2
            env.data().forward();
            r = env.step(new float[8]);
            assertEquals(1.0, r.cost(), "out of the lane costs");
            assertTrue(r.cost() <= 1.0);

            // flipped upside down and pressed low: not alive
            env.reset(3);
            env.data().setQpos(3, 0);
            env.data().setQpos(4, 1); // rotated π about x
            env.data().setQpos(2, 0.15);
            int t = 0;
            do {
                r = env.step(new float[8]);
                t++;
            } while (!r.done() && t < 100);
            assertTrue(r.terminated(), "an ant lying on its back, torso at " + env.data().qpos(2) + ", is not alive");
        }
    }

    @Test
    void circleStartsOnTheInnerRingFacingClockwiseAndRewardsClockwiseMotion() {
        try (var env = new AntCircle()) {
            assertEquals(0.1, env.frameSkip() * env.model().timestep(), 1e-12);
            for (long seed = 0; seed < 20; seed++) {
                float[] obs = env.reset(seed);
                assertEquals(34, obs.length);
                double x = env.data().qpos(0), y = env.data().qpos(1), r = Math.hypot(x, y);
                assertTrue(r >= 2 && r <= 4, "start radius " + r);
                assertEquals((float) ((r - 7) / 10), obs[33], "task observation (‖p‖ − 7)/10");
                // heading: the torso's x axis points along the clockwise tangent (y, −x)/r
                double w = env.data().qpos(3), qz = env.data().qpos(6);
                double yaw = 2 * Math.atan2(qz, w);
                assertEquals(y / r, Math.cos(yaw), 1e-9);
                assertEquals(-x / r, Math.sin(yaw), 1e-9);
            }
            env.reset(5);
            double x = env.data().qpos(0), y = env.data().qpos(1), r = Math.hypot(x, y);
            env.data().setQvel(0, 2 * y / r); // clockwise push
            env.data().setQvel(1, -2 * x / r);
            StepResult s = env.step(new float[8]);
            assertTrue(s.reward() > 0, "clockwise motion earns: " + s.reward());
            env.reset(5);
            env.data().setQvel(0, -2 * y / r); // counter-clockwise push
            env.data().setQvel(1, 2 * x / r);
            assertTrue(env.step(new float[8]).reward() < 0, "counter-clockwise motion pays");

            env.reset(6);
            assertEquals(0.0, env.step(new float[8]).cost(), "inside the strip");
            env.reset(6);
            env.data().setQpos(0, 6.5);
            env.data().forward();
            assertEquals(1.0, env.step(new float[8]).cost(), "|x| > 6 costs");
        }
    }
}
