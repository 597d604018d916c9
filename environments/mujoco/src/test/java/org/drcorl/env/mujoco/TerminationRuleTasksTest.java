package org.drcorl.env.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.drcorl.env.mujoco.task.AntVelocity;
import org.drcorl.env.mujoco.task.HalfCheetahVelocity;
import org.drcorl.env.mujoco.task.HopperVelocity;
import org.drcorl.env.mujoco.task.SwimmerVelocity;
import org.drcorl.env.mujoco.task.Walker2dVelocity;
import org.drcorl.spi.SafeEnv;
import org.drcorl.spi.StepResult;
import org.drcorl.spi.TerminationRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MuJoCo tasks' declared termination rules (what the learned model's rollouts end episodes by)
 * are upstream's bounds, and say what the simulators do where episodes end: random actions topple
 * Hopper and Walker2d within tens of steps, and on every step of their episodes the rule applied to
 * the observation the step returns is healthy exactly when the environment did not terminate
 * (MujocoTaskProviderContractTest checks every task's rule the same way on shorter episodes).
 */
class TerminationRuleTasksTest {
    private final MujocoTaskProvider provider = new MujocoTaskProvider();

    @ParameterizedTest
    @ValueSource(strings = {"OfflineHopperVelocityGymnasium-v1", "OfflineWalker2dVelocityGymnasium-v1"})
    void theRuleEndsAnEpisodeExactlyWhereTheSimulatorDoesAlsoWhereItFalls(String task) {
        TaskTests.assumeMujoco();
        TerminationRule rule = provider.termination(task).orElseThrow();
        SplittableRandom random = new SplittableRandom(3);
        int steps = 0, terminations = 0;
        try (SafeEnv env = provider.create(task)) {
            assertEquals(env.spec().observationDim(), rule.observationDim(), task);
            for (int episode = 0; episode < 20; episode++) {
                float[] obs = env.reset(100 + episode);
                assertTrue(rule.healthy(obs), task + ": a reset state is healthy");
                for (int t = 0; t < 200; t++) {
                    StepResult r = env.step(TaskTests.randomAction(env.spec().actionDim(), random));
                    steps++;
                    assertEquals(!r.terminated(), rule.healthy(r.observation()),
                            task + ", episode " + episode + ", step " + t + ": the rule " + rule + " against the simulator");
                    if (r.terminated()) {
                        terminations++;
                        break;
                    }
                    if (r.truncated()) break;
                }
            }
        }
        assertTrue(steps > 300, task + ": " + steps + " steps checked");
        assertTrue(terminations >= 10, task + ": random actions topple the walker (" + terminations + " of 20 episodes)");
    }

    /** An observation of {@code dim} zeros but for {@code obs[index] = value}, healthy by the rule or not, and why. */
    private record Case(TerminationRule rule, int dim, int index, float value, boolean healthy, String what) {}

    @Test
    void theRulesAreUpstreamsHealthyBounds() {
        TerminationRule hopper = HopperVelocity.TERMINATION, walker = Walker2dVelocity.TERMINATION, ant = AntVelocity.TERMINATION;
        TerminationRule antRun = provider.termination("OfflineAntRun-v0").orElseThrow();
        // the torso stands at 1.25 m in the walkers' cases on other dimensions (obs[0] = 0 would have fallen)
        for (Case c : new Case[] {
                new Case(hopper, 11, 0, 1.25f, true, "standing"),
                new Case(hopper, 11, 0, 0.7f, false, "z = 0.7 has fallen (healthy_z_range is open)"),
                new Case(hopper, 11, 0, 0.71f, true, "z = 0.71 stands"),
                new Case(hopper, 11, 1, 0.21f, false, "pitch beyond 0.2 rad"),
                new Case(hopper, 11, 1, -0.19f, true, "pitch within 0.2 rad"),
                new Case(hopper, 11, 3, 100f, false, "a joint angle at 100 (healthy_state_range)"),
                new Case(hopper, 11, 8, 50f, true, "a velocity: clipped to ±10 in the observation, never read"),
                new Case(walker, 17, 0, 2.0f, false, "z = 2 is out (healthy_z_range (0.8, 2))"),
                new Case(walker, 17, 0, 0.81f, true, "z = 0.81 is in"),
                new Case(walker, 17, 0, 0.8f, false, "z = 0.8 is out"),
                new Case(walker, 17, 1, 0.99f, true, "pitch within 1 rad"),
                new Case(walker, 17, 1, -1.0f, false, "pitch at 1 rad (healthy_angle_range)"),
                new Case(ant, 27, 0, 0.2f, true, "the ant's bounds are closed: z = 0.2 is healthy"),
                new Case(ant, 27, 0, 1.0f, true, "z = 1 is healthy"),
                new Case(ant, 27, 0, 0.19f, false, "z below 0.2 ends it"),
                new Case(ant, 27, 0, 1.01f, false, "z above 1 ends it"),
                new Case(antRun, 33, 2, 0.027f, true, "the Bullet ant's torso at 0.27 m"),
                new Case(antRun, 33, 2, 0.025f, false, "the Bullet ant's torso at 0.25 m has fallen")}) {
            float[] obs = new float[c.dim()];
            if (c.rule() != ant && c.rule() != antRun && c.index() != 0) obs[0] = 1.25f;
            if (c.rule() == ant && c.index() != 0) obs[0] = 0.75f;
            obs[c.index()] = c.value();
            assertEquals(c.healthy(), c.rule().healthy(obs), c.what() + ": " + c.rule());
        }
        assertTrue(HalfCheetahVelocity.TERMINATION.isNever() && SwimmerVelocity.TERMINATION.isNever());
        assertFalse(hopper.isNever());
        assertTrue(provider.termination("OfflinePointGoal1Gymnasium-v0").isEmpty(), "Goal declares no rule: the model learns it");
        assertTrue(provider.termination("OfflinePointCircle1Gymnasium-v0").orElseThrow().isNever());
    }
}
