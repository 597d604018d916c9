package org.drcorl.env.mujoco.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.drcorl.env.mujoco.TaskTests;
import org.drcorl.env.mujoco.task.HopperVelocity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PPO teaches a hopper to move within a few updates, and does so alike on one or two threads. */
class PpoTrainerTest {

    @BeforeEach
    void needsMujoco() {
        TaskTests.assumeMujoco();
    }

    @Test
    void trainingMakesTheHopperMoveForward() {
        List<PpoTrainer.Snapshot> snapshots = new ArrayList<>();
        var settings = PpoTrainer.Settings.mujoco(4, 1000);
        MlpPolicy trained = new PpoTrainer(HopperVelocity::new, 2).train(Objective.task(0), settings, 10 * 2048, 1, 1,
                snapshots::add, line -> {});
        assertEquals(10, snapshots.size());
        PpoTrainer.Snapshot first = snapshots.getFirst(), last = snapshots.getLast();
        assertTrue(last.meanTaskReturn() > 2 * first.meanTaskReturn() && last.meanLength() > 1.5 * first.meanLength(),
                "training episodes improve: " + first + " -> " + last);
        assertTrue(last.meanSpeed() > 0.3, "the hopper moves forward: " + last);
        assertEquals(last.policy().toText(), trained.toText());
        // the deterministic policy moves forward too (its label is the training episodes' speed)
        try (HopperVelocity env = new HopperVelocity()) {
            PolicyEvaluator.Episode e = PolicyEvaluator.play(env, trained, 300, 7);
            assertTrue(e.meanSpeed() * e.steps() * 0.008 > 0.2, "the trained hopper moves forward: " + e);
        }
    }

    @Test
    void sameSeedSamePolicyWhateverTheThreads() {
        var settings = new PpoTrainer.Settings(3, 100, 2, 4, 3e-4, 0.99, 0.95, 0.2, 0.5, 60, new int[] {16});
        MlpPolicy one = new PpoTrainer(HopperVelocity::new, 1).train(Objective.task(0), settings, 600, 9, 1, null, null);
        MlpPolicy two = new PpoTrainer(HopperVelocity::new, 2).train(Objective.task(0), settings, 600, 9, 1, null, null);
        assertEquals(one.toText(), two.toText());
        MlpPolicy four = new PpoTrainer(HopperVelocity::new, 4).train(Objective.task(0), settings, 600, 9, 1, null, null);
        assertEquals(one.toText(), four.toText(), "more threads than environments");
        MlpPolicy other = new PpoTrainer(HopperVelocity::new, 2).train(Objective.task(0), settings, 600, 10, 1, null, null);
        assertTrue(!other.toText().equals(one.toText()), "another seed trains another policy");
    }
}
