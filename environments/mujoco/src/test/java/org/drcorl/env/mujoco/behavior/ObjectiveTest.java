package org.drcorl.env.mujoco.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drcorl.env.mujoco.TaskTests;
import org.drcorl.env.mujoco.task.HopperVelocity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The training objectives against the velocity and action of a real step. */
class ObjectiveTest {

    @BeforeEach
    void needsMujoco() {
        TaskTests.assumeMujoco();
    }

    @Test
    void objectivesFollowTheirFormulas() {
        try (HopperVelocity env = new HopperVelocity()) {
            env.reset(3);
            float[] action = {0.5f, -1f, 0.25f};
            double norm = 0.25 + 1 + 0.0625;
            for (int t = 0; t < 20; t++) {
                var step = env.step(action);
                double v = env.velocityX();
                assertEquals(1 + v - 0.1 * norm, Objective.run(0.1).reward(env, step, action), 1e-12);
                double slow = -5, fast = 10; // v is above one target and below the other
                assertTrue(slow < v && v < fast, "v = " + v);
                assertEquals(1 + slow - (v - slow) - 1e-3 * norm, Objective.hold(slow, 1e-3).reward(env, step, action), 1e-9);
                assertEquals(1 + v - 1e-3 * norm, Objective.hold(fast, 1e-3).reward(env, step, action), 1e-12);
                assertEquals(slow - 0.5 * (v - slow) - 1e-3 * norm, Objective.speed(slow, 1e-3).reward(env, step, action), 1e-9);
                assertEquals(v - 1e-3 * norm, Objective.speed(fast, 1e-3).reward(env, step, action), 1e-12);
                assertEquals(step.reward() - 1 - 2 * step.cost(), Objective.penalized(1, 2).reward(env, step, action), 1e-12);
                if (step.done()) break;
            }
            assertTrue(env.velocityX() != 0, "the hopper moved");
        }
    }
}
