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

    @Test
    void theRulesAreGymnasiumsHealthyBounds() {
        float[] hopper = new float[11];
        hopper[0] = 1.25f;
        assertTrue(HopperVelocity.TERMINATION.healthy(hopper));
        hopper[0] = 0.7f;
        assertFalse(HopperVelocity.TERMINATION.healthy(hopper), "z = 0.7 has fallen (healthy_z_range is open)");
        hopper[0] = 0.71f;
        assertTrue(HopperVelocity.TERMINATION.healthy(hopper), "z = 0.71 stands");
        hopper[0] = 1.25f;
        hopper[1] = 0.21f;
        assertFalse(HopperVelocity.TERMINATION.healthy(hopper), "pitch beyond 0.2 rad");
        hopper[1] = -0.19f;
        assertTrue(HopperVelocity.TERMINATION.healthy(hopper), "pitch within 0.2 rad");
        hopper[1] = 0;
        hopper[3] = 100;
        assertFalse(HopperVelocity.TERMINATION.healthy(hopper), "a joint angle at 100 (healthy_state_range)");
        hopper[3] = 0;
        hopper[8] = 50; // a velocity: clipped to ±10 in the observation, never read
        assertTrue(HopperVelocity.TERMINATION.healthy(hopper));
        float[] walker = new float[17];
        walker[0] = 1.25f;
        assertTrue(Walker2dVelocity.TERMINATION.healthy(walker));
        walker[0] = 2.0f;
        assertFalse(Walker2dVelocity.TERMINATION.healthy(walker), "z = 2 is out (healthy_z_range (0.8, 2))");
        walker[0] = 0.81f;
        assertTrue(Walker2dVelocity.TERMINATION.healthy(walker), "z = 0.81 is in");
        walker[0] = 0.8f;
        assertFalse(Walker2dVelocity.TERMINATION.healthy(walker), "z = 0.8 is out");
        walker[0] = 1.25f;
        walker[1] = 0.99f;
        assertTrue(Walker2dVelocity.TERMINATION.healthy(walker), "pitch within 1 rad");
        walker[1] = -1.0f;
        assertFalse(Walker2dVelocity.TERMINATION.healthy(walker), "pitch at 1 rad (healthy_angle_range)");
        float[] ant = new float[27];
        ant[0] = 0.2f;
        assertTrue(AntVelocity.TERMINATION.healthy(ant), "the ant's bounds are closed: z = 0.2 is healthy");
        ant[0] = 1.0f;
        assertTrue(AntVelocity.TERMINATION.healthy(ant), "z = 1 is healthy");
        ant[0] = 0.19f;
        assertFalse(AntVelocity.TERMINATION.healthy(ant), "z below 0.2 ends it");
        ant[0] = 1.01f;
        assertFalse(AntVelocity.TERMINATION.healthy(ant), "z above 1 ends it");
        assertTrue(HalfCheetahVelocity.TERMINATION.isNever() && SwimmerVelocity.TERMINATION.isNever());
        assertFalse(HopperVelocity.TERMINATION.isNever());
        assertTrue(provider.termination("OfflinePointGoal1Gymnasium-v0").isEmpty(), "Goal declares no rule: the model learns it");
        assertTrue(provider.termination("OfflinePointCircle1Gymnasium-v0").orElseThrow().isNever());
        float[] antRun = new float[33];
        antRun[2] = 0.027f;
        assertTrue(provider.termination("OfflineAntRun-v0").orElseThrow().healthy(antRun), "torso at 0.27 m");
        antRun[2] = 0.025f;
        assertFalse(provider.termination("OfflineAntRun-v0").orElseThrow().healthy(antRun), "torso at 0.25 m has fallen");
    }
}
