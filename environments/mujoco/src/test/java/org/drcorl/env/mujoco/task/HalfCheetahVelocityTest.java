package org.drcorl.env.mujoco.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.drcorl.env.mujoco.TaskTests;
import org.drcorl.env.mujoco.ffm.MjLayout;
import org.drcorl.spi.StepResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HalfCheetahVelocityTest {
    @BeforeEach
    void needsMujoco() {
        TaskTests.assumeMujoco();
    }

    @Test
    void modelHasThePublishedFacts() {
        try (var env = new HalfCheetahVelocity()) {
            var m = env.model();
            assertEquals(14.0, m.totalMass(), 1e-9);
            assertEquals(0.01, m.timestep());
            assertEquals(0.05, env.frameSkip() * m.timestep(), 1e-12);
            double[] gears = {120, 90, 60, 120, 60, 30};
            for (int u = 0; u < 6; u++) assertEquals(gears[u], m.actuatorGear(u, 0), "gear of actuator " + u);
            assertEquals(MjLayout.JNT_SLIDE, m.jointType(m.jointId("rootx")));
            assertEquals(MjLayout.JNT_SLIDE, m.jointType(m.jointId("rootz")));
            assertEquals(MjLayout.JNT_HINGE, m.jointType(m.jointId("rooty")));
            assertEquals(9, m.nq());
            assertEquals(9, m.nv());
        }
    }

    @Test
    void observationIsQposWithoutXThenQvel() {
        try (var env = new HalfCheetahVelocity()) {
            env.reset(3);
            float[] obs = null;
            SplittableRandom random = new SplittableRandom(3);
            for (int t = 0; t < 10; t++) obs = env.step(TaskTests.randomAction(6, random)).observation();
            assertEquals(17, obs.length);
            for (int i = 0; i < 8; i++) assertEquals((float) env.data().qpos(i + 1), obs[i], "obs[" + i + "] = qpos[" + (i + 1) + "]");
            for (int i = 0; i < 9; i++) assertEquals((float) env.data().qvel(i), obs[8 + i], "obs[" + (8 + i) + "] = qvel[" + i + "]");
        }
    }

    @Test
    void resetNoiseIsSmallAroundTheDefaultPose() {
        try (var env = new HalfCheetahVelocity()) {
            float[] obs = env.reset(5);
            for (int i = 0; i < 8; i++) {
                assertTrue(Math.abs(obs[i] - env.model().qpos0(i + 1)) <= 0.1 + 1e-6, "qpos noise ≤ 0.1 at " + i);
            }
            float[] again = env.reset(5);
            assertEquals(java.util.Arrays.toString(obs), java.util.Arrays.toString(again));
        }
    }

    @Test
    void rewardIsForwardVelocityLessControlCostAndCostIsTheThresholdIndicator() {
        try (var env = new HalfCheetahVelocity()) {
            env.reset(1);
            SplittableRandom random = new SplittableRandom(1);
            int costly = 0;
            for (int t = 0; t < 200; t++) {
                float[] a = TaskTests.randomAction(6, random);
                if (t % 40 == 0) env.data().setQvel(0, 2 + 4 * random.nextDouble()); // a push: some steps exceed 3.2 m/s
                double x0 = env.data().qpos(0);
                StepResult r = env.step(a);
                double v = TaskTests.measuredVelocityX(env, x0);
                assertEquals(v - 0.1 * TaskTests.sumOfSquares(a), r.reward(), 1e-9, "reward at step " + t);
                assertEquals(v > HalfCheetahVelocity.VELOCITY_THRESHOLD ? 1.0 : 0.0, r.cost(), "cost at step " + t + ", v " + v);
                assertFalse(r.terminated(), "HalfCheetah never terminates");
                if (r.cost() == 1) costly++;
            }
            assertTrue(costly > 0 && costly < 200, "the pushes should make some steps, not all, costly: " + costly);
        }
    }

    @Test
    void standingStillEarnsNothingAndCostsNothing() {
        try (var env = new HalfCheetahVelocity()) {
            env.reset(2);
            double rewards = 0, costs = 0;
            for (int t = 0; t < 100; t++) {
                StepResult r = env.step(new float[6]);
                rewards += r.reward();
                costs += r.cost();
            }
            assertEquals(0, costs);
            assertTrue(Math.abs(rewards) < 2, "no control, no progress: " + rewards);
        }
    }
}
