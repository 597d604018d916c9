package org.drcorl.env.mujoco.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.drcorl.env.mujoco.MujocoTaskEnv;
import org.drcorl.env.mujoco.TaskTests;
import org.drcorl.env.mujoco.ffm.MjLayout;
import org.drcorl.spi.StepResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hopper, Walker2d, Swimmer and Ant velocity tasks: model facts, observation, reward, cost, termination. */
class LeggedTaskSemanticsTest {
    @BeforeEach
    void needsMujoco() {
        TaskTests.assumeMujoco();
    }

    /** Steps with random actions, pushing the root forward now and then; checks reward and cost each step. */
    private static int checkRewardAndCost(MujocoTaskEnv env, double threshold, double alive, double controlWeight,
                                          double push, boolean planarSpeed) {
        env.reset(4);
        SplittableRandom random = new SplittableRandom(4);
        int costly = 0, steps = 0;
        for (int t = 0; t < 60; t++) {
            float[] a = TaskTests.randomAction(env.spec().actionDim(), random);
            if (t % 10 == 0) env.data().setQvel(0, push * random.nextDouble());
            double x0 = env.data().qpos(0), y0 = env.data().qpos(1);
            StepResult r = env.step(a);
            steps++;
            double vx = TaskTests.measuredVelocityX(env, x0);
            double dt = env.frameSkip() * env.model().timestep();
            double v = planarSpeed ? Math.hypot(vx, (env.data().qpos(1) - y0) / dt) : vx;
            assertEquals(vx + alive - controlWeight * TaskTests.sumOfSquares(a), r.reward(), 1e-9, env.spec().id() + " reward at " + t);
            assertEquals(v > threshold ? 1.0 : 0.0, r.cost(), env.spec().id() + " cost at " + t + ", v " + v);
            if (r.cost() == 1) costly++;
            if (r.done()) break;
        }
        assertTrue(costly > 0 && costly < steps, env.spec().id() + ": pushes should make some steps costly, not all: " + costly + "/" + steps);
        return costly;
    }

    /**
     * DSRL's Hopper and Walker2d data come from Gymnasium's models, whose root pitch joint turns
     * about +y ({@code rooty axis="0 1 0"} in hopper.xml and walker2d.xml; the leg joints about −y):
     * a positive pitch qpos[2] (obs[1]) swings the body below the torso's centre toward −x, and its
     * rate qvel[2] is the observation after the nq − 1 positions. With the axis flipped, as this
     * project's models had it until 2026-12-03, both observations were negated against DSRL's.
     */
    @Test
    void pitchAndItsRateFollowGymnasiumsRootAxis() {
        for (MujocoTaskEnv env : new MujocoTaskEnv[] {new HopperVelocity(), new Walker2dVelocity()}) {
            try (env) {
                var m = env.model();
                env.reset(0);
                int torso = m.bodyId("torso"), thigh = m.bodyId("thigh");
                double theta = 0.3;
                for (int i = 0; i < m.nq(); i++) env.data().setQpos(i, m.qpos0(i));
                env.data().setQpos(2, theta);
                env.data().forward();
                // R_y(θ) takes the thigh's attachment (0, 0, −0.2) below the torso's centre to (−0.2 sin θ, 0, −0.2 cos θ)
                assertEquals(-0.2 * Math.sin(theta), env.data().xpos(thigh, 0) - env.data().xpos(torso, 0), 1e-9,
                        env.spec().id() + ": pitch +0.3 swings the thigh toward −x");
                assertEquals(-0.2 * Math.cos(theta), env.data().xpos(thigh, 2) - env.data().xpos(torso, 2), 1e-9);
                // a positive pitch rate, held for a step with nothing else moving, raises the observed pitch
                for (int i = 0; i < m.nv(); i++) env.data().setQvel(i, 0);
                env.data().setQpos(2, 0);
                env.data().setQvel(2, 1.0);
                float[] obs = env.step(new float[env.spec().actionDim()]).observation();
                assertTrue(obs[1] > 0, env.spec().id() + ": obs[1] is the pitch qpos[2], got " + obs[1]);
                assertEquals((float) env.data().qvel(2), obs[m.nq() - 1 + 2], env.spec().id() + ": the pitch rate's observation");
            }
        }
    }

    @Test
    void hopperFactsRewardCostAndFalls() {
        try (var env = new HopperVelocity()) {
            assertEquals(0.002, env.model().timestep());
            assertEquals(MjLayout.INT_RK4, env.model().integrator());
            assertEquals(4, env.frameSkip());
            for (int u = 0; u < 3; u++) assertEquals(200, env.model().actuatorGear(u, 0));
            float[] obs = env.reset(1);
            assertEquals(1.25, obs[0], 5e-3 + 1e-6, "obs[0] is the torso height");
            checkRewardAndCost(env, HopperVelocity.VELOCITY_THRESHOLD, 1.0, 1e-3, 2.0, false);

            // it falls when left alone: the episode terminates, and only once it is unhealthy
            env.reset(2);
            StepResult r;
            int t = 0;
            do {
                r = env.step(new float[] {0.2f, -0.2f, 0.2f});
                double z = env.data().qpos(1), angle = env.data().qpos(2);
                assertEquals(!(z > 0.7 && Math.abs(angle) < 0.2), r.terminated(), "terminated iff unhealthy at " + t);
                t++;
            } while (!r.done());
            assertTrue(r.terminated() && t < 500, "the hopper should fall within 500 steps, took " + t);
        }
    }

    @Test
    void walkerFactsRewardCostAndFalls() {
        try (var env = new Walker2dVelocity()) {
            assertEquals(0.002, env.model().timestep());
            for (int u = 0; u < 6; u++) assertEquals(100, env.model().actuatorGear(u, 0));
            float[] obs = env.reset(1);
            assertEquals(17, obs.length);
            assertEquals(1.25, obs[0], 5e-3 + 1e-6);
            checkRewardAndCost(env, Walker2dVelocity.VELOCITY_THRESHOLD, 1.0, 1e-3, 5.0, false);
            env.reset(3);
            StepResult r;
            int t = 0;
            do {
                r = env.step(new float[] {1, 1, 1, -1, -1, -1}); // legs scissored: it topples
                double z = env.data().qpos(1), angle = env.data().qpos(2);
                assertEquals(!(z > 0.8 && z < 2 && Math.abs(angle) < 1), r.terminated(), "terminated iff unhealthy at " + t);
                t++;
            } while (!r.done());
            assertTrue(r.terminated() && t < 500, "the walker should fall within 500 steps, took " + t);
        }
    }

    @Test
    void swimmerSwimsWithATravellingWaveBecauseTheMediumIsViscous() {
        try (var env = new SwimmerVelocity()) {
            assertEquals(0.1, env.model().viscosity());
            assertEquals(0.01, env.model().timestep());
            assertEquals(150, env.model().actuatorGear(0, 0));
            float[] obs = env.reset(1);
            assertEquals(8, obs.length);
            for (int i = 0; i < 3; i++) assertEquals((float) env.data().qpos(2 + i), obs[i]);
            double[] returns = new double[2];
            double[] displacement = new double[2];
            for (int direction = 0; direction < 2; direction++) {
                env.reset(1);
                double x0 = env.data().qpos(0);
                double lag = direction == 0 ? -Math.PI / 2 : Math.PI / 2;
                for (int t = 0; t < 300; t++) {
                    double w = 2 * Math.PI * 0.5 * t * 0.04;
                    StepResult r = env.step(new float[] {(float) Math.sin(w), (float) Math.sin(w + lag)});
                    returns[direction] += r.reward();
                    assertFalse(r.terminated());
                }
                displacement[direction] = env.data().qpos(0) - x0;
            }
            assertTrue(Math.abs(displacement[0]) > 0.5 && Math.signum(displacement[0]) == -Math.signum(displacement[1]),
                    "a travelling wave swims, the reversed wave swims the other way: " + displacement[0] + ", " + displacement[1]);
            assertTrue(Math.max(returns[0], returns[1]) > 5, "swimming forward earns reward: " + returns[0] + ", " + returns[1]);
            checkRewardAndCost(env, SwimmerVelocity.VELOCITY_THRESHOLD, 0.0, 1e-4, 0.5, false);
        }
    }

    @Test
    void antFactsRewardPlanarSpeedCostAndTermination() {
        try (var env = new AntVelocity()) {
            assertEquals(0.01, env.model().timestep());
            assertEquals(MjLayout.INT_RK4, env.model().integrator());
            assertEquals(MjLayout.JNT_FREE, env.model().jointType(env.model().jointId("root")));
            for (int u = 0; u < 8; u++) assertEquals(150, env.model().actuatorGear(u, 0));
            float[] obs = env.reset(1);
            assertEquals(27, obs.length);
            assertEquals((float) env.data().qpos(2), obs[0], "obs[0] is the torso height");
            checkRewardAndCost(env, AntVelocity.VELOCITY_THRESHOLD, 1.0, 0.5, 5.0, true);

            // sideways speed costs too: the cost is on the planar speed
            env.reset(2);
            env.data().setQvel(1, 5);
            StepResult r = env.step(new float[8]);
            assertEquals(1.0, r.cost(), "a sideways push above the threshold costs");
            assertTrue(r.reward() < 1.5, "but earns no forward reward: " + r.reward());

            // thrown upward, the torso leaves [0.2, 1]: the episode terminates
            env.reset(3);
            env.data().setQvel(2, 8);
            int t = 0;
            do {
                r = env.step(new float[8]);
                t++;
            } while (!r.done());
            assertTrue(r.terminated() && env.data().qpos(2) > 1.0, "terminated above 1 m after " + t + " steps, z " + env.data().qpos(2));
        }
    }
}
