package org.drcorl.env.mujoco.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drcorl.env.mujoco.TaskTests;
import org.drcorl.env.mujoco.task.HopperVelocity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ARS improves a hopper from standing to moving, and does so alike on one or two threads. */
class ArsTrainerTest {
    private static final ArsTrainer.Settings SETTINGS = new ArsTrainer.Settings(8, 4, 0.02, 0.03, 300);

    @BeforeEach
    void needsMujoco() {
        TaskTests.assumeMujoco();
    }

    @Test
    void trainingImprovesTheObjective() {
        var objective = Objective.speed(1.0, 1e-3);
        var trainer = new ArsTrainer(HopperVelocity::new, 2);
        LinearPolicy start = LinearPolicy.zero(1.0, 11, 3);
        LinearPolicy trained = trainer.train(start, objective, SETTINGS, 20, 1, line -> {});
        double before = 0, after = 0;
        try (HopperVelocity env = new HopperVelocity()) {
            for (long seed = 0; seed < 3; seed++) {
                before += trainer.evaluate(env, start, objective, 300, 100 + seed).objective();
                ArsTrainer.Evaluation e = trainer.evaluate(env, trained, objective, 300, 100 + seed);
                after += e.objective();
                assertTrue(e.meanSpeed() > 0.1, "the trained hopper moves forward: " + e);
            }
        }
        assertTrue(after > before + 30, "objective over 3 episodes: " + before + " -> " + after);
    }

    @Test
    void sameSeedSamePolicyWhateverTheThreads() {
        var objective = Objective.speed(1.0, 1e-3);
        LinearPolicy start = LinearPolicy.zero(1.0, 11, 3);
        LinearPolicy one = new ArsTrainer(HopperVelocity::new, 1).train(start, objective, SETTINGS, 3, 5, line -> {});
        LinearPolicy two = new ArsTrainer(HopperVelocity::new, 2).train(start, objective, SETTINGS, 3, 5, line -> {});
        assertEquals(one, two);
        // several initial states per direction: still deterministic, and another policy than from one state
        var twoStarts = new ArsTrainer.Settings(8, 4, 0.02, 0.03, 300, 2);
        LinearPolicy a = new ArsTrainer(HopperVelocity::new, 1).train(start, objective, twoStarts, 3, 5, line -> {});
        LinearPolicy b = new ArsTrainer(HopperVelocity::new, 2).train(start, objective, twoStarts, 3, 5, line -> {});
        assertEquals(a, b);
        assertNotEquals(one, a);
    }
}
