package org.drcorl.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.drcorl.spi.SafeEnv;
import org.drcorl.spi.StepResult;
import org.drcorl.spi.TaskProvider;
import org.drcorl.spi.TaskSpec;
import org.junit.jupiter.api.Test;

/**
 * The contract every task plugin keeps, checked for every task it lists. A plugin's test
 * extends this class and returns its provider:
 *
 * <pre>{@code
 * class MyTaskProviderContractTest extends TaskProviderContract {
 *     protected TaskProvider provider() { return new MyTaskProvider(); }
 * }
 * }</pre>
 *
 * Actions are drawn uniformly from the spec's bounds by a fixed seed, so the checks are
 * reproducible. Override {@link #probeSteps()} to shorten episodes that are slow to simulate.
 */
public abstract class TaskProviderContract {

    /** The provider under test; called once per test. */
    protected abstract TaskProvider provider();

    /** Steps taken by checks that do not need a whole episode. */
    protected int probeSteps() {
        return 50;
    }

    private List<TaskSpec> specs() {
        List<TaskSpec> specs = provider().tasks();
        assertFalse(specs.isEmpty(), "provider lists no tasks");
        return specs;
    }

    private static float[] randomAction(TaskSpec spec, SplittableRandom random) {
        float[] low = spec.actionLow(), high = spec.actionHigh();
        float[] a = new float[spec.actionDim()];
        for (int i = 0; i < a.length; i++) a[i] = (float) random.nextDouble(low[i], high[i]);
        return a;
    }

    private static void assertFinite(TaskSpec spec, float[] obs, String when) {
        assertEquals(spec.observationDim(), obs.length, spec.id() + ": observation length " + when);
        for (int i = 0; i < obs.length; i++) {
            assertTrue(Float.isFinite(obs[i]), spec.id() + ": observation[" + i + "] not finite " + when);
        }
    }

    @Test
    void specsAreConsistent() {
        TaskProvider provider = provider();
        Set<String> ids = new HashSet<>();
        for (TaskSpec spec : specs()) {
            assertTrue(ids.add(spec.id()), "duplicate task id " + spec.id());
            assertEquals(provider.family(), spec.family(), spec.id() + ": family");
            assertTrue(spec.observationDim() > 0 && spec.actionDim() > 0, spec.id() + ": dimensions");
            assertTrue(spec.maxEpisodeSteps() > 0, spec.id() + ": maxEpisodeSteps");
            assertFalse(spec.costThresholds().isEmpty(), spec.id() + ": no cost thresholds");
            for (double k : spec.costThresholds()) assertTrue(k >= 0 && Double.isFinite(k), spec.id() + ": threshold " + k);
            try (SafeEnv env = provider.create(spec.id())) {
                assertEquals(spec, env.spec(), spec.id() + ": the environment's spec differs from the listed one");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> provider.create("no-such-task-" + ids.size()));
    }

    @Test
    void resetAndStepGiveFiniteValuesAndBinaryCost() {
        for (TaskSpec spec : specs()) {
            try (SafeEnv env = provider().create(spec.id())) {
                SplittableRandom random = new SplittableRandom(1);
                assertFinite(spec, env.reset(7), "after reset");
                for (int t = 0; t < probeSteps(); t++) {
                    StepResult r = env.step(randomAction(spec, random));
                    assertFinite(spec, r.observation(), "at step " + t);
                    assertTrue(Double.isFinite(r.reward()), spec.id() + ": reward not finite at step " + t);
                    assertTrue(r.cost() == 0.0 || r.cost() == 1.0, spec.id() + ": cost " + r.cost() + " not in {0, 1}");
                    if (r.done()) env.reset(8 + t);
                }
            }
        }
    }

    private static List<StepResult> rollout(SafeEnv env, long seed, long actionSeed, int steps, List<float[]> firstObs) {
        firstObs.add(env.reset(seed));
        SplittableRandom random = new SplittableRandom(actionSeed);
        List<StepResult> out = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            StepResult r = env.step(randomAction(env.spec(), random));
            out.add(r);
            if (r.done()) break;
        }
        return out;
    }

    @Test
    void sameSeedAndActionsGiveTheSameTrajectoryBitForBit() {
        for (TaskSpec spec : specs()) {
            List<float[]> obsA = new ArrayList<>(), obsB = new ArrayList<>();
            List<StepResult> a, b;
            try (SafeEnv env = provider().create(spec.id())) {
                a = rollout(env, 42, 3, probeSteps(), obsA);
            }
            try (SafeEnv env = provider().create(spec.id())) {
                rollout(env, 99, 4, 5, new ArrayList<>()); // a different episode first: no state may leak
                b = rollout(env, 42, 3, probeSteps(), obsB);
            }
            assertArrayEquals(obsA.getFirst(), obsB.getFirst(), spec.id() + ": initial observation");
            assertEquals(a.size(), b.size(), spec.id() + ": episode length");
            for (int t = 0; t < a.size(); t++) {
                StepResult x = a.get(t), y = b.get(t);
                assertArrayEquals(x.observation(), y.observation(), spec.id() + ": observation at step " + t);
                assertEquals(Double.doubleToRawLongBits(x.reward()), Double.doubleToRawLongBits(y.reward()),
                        spec.id() + ": reward at step " + t);
                assertEquals(x.cost(), y.cost(), spec.id() + ": cost at step " + t);
                assertEquals(x.terminated(), y.terminated(), spec.id() + ": terminated at step " + t);
                assertEquals(x.truncated(), y.truncated(), spec.id() + ": truncated at step " + t);
            }
        }
    }

    @Test
    void differentSeedsGiveDifferentInitialObservations() {
        for (TaskSpec spec : specs()) {
            try (SafeEnv env = provider().create(spec.id())) {
                float[] first = env.reset(1);
                float[] second = env.reset(2);
                assertFalse(java.util.Arrays.equals(first, second), spec.id() + ": seeds 1 and 2 start identically");
            }
        }
    }

    @Test
    void invalidActionsAreRejectedNamingTheTask() {
        for (TaskSpec spec : specs()) {
            try (SafeEnv env = provider().create(spec.id())) {
                env.reset(0);
                float[] nan = new float[spec.actionDim()];
                nan[nan.length - 1] = Float.NaN;
                var e1 = assertThrows(IllegalArgumentException.class, () -> env.step(nan), spec.id() + ": NaN action");
                assertTrue(e1.getMessage().contains(spec.id()), "message does not name the task: " + e1.getMessage());
                float[] wrong = new float[spec.actionDim() + 1];
                var e2 = assertThrows(IllegalArgumentException.class, () -> env.step(wrong), spec.id() + ": long action");
                assertTrue(e2.getMessage().contains(spec.id()), "message does not name the task: " + e2.getMessage());
            }
        }
    }

    @Test
    void outOfRangeActionsAreClipped() {
        for (TaskSpec spec : specs()) {
            float[] low = spec.actionLow(), high = spec.actionHigh();
            float[] wild = new float[spec.actionDim()], clipped = new float[spec.actionDim()];
            for (int i = 0; i < wild.length; i++) {
                boolean up = i % 2 == 0;
                wild[i] = up ? high[i] + 5f : (i % 3 == 0 ? Float.NEGATIVE_INFINITY : low[i] - 3f);
                clipped[i] = up ? high[i] : low[i];
            }
            try (SafeEnv a = provider().create(spec.id()); SafeEnv b = provider().create(spec.id())) {
                a.reset(5);
                b.reset(5);
                for (int t = 0; t < 5; t++) {
                    StepResult ra = a.step(wild), rb = b.step(clipped);
                    assertArrayEquals(rb.observation(), ra.observation(), spec.id() + ": clipped action at step " + t);
                    assertEquals(rb.reward(), ra.reward(), spec.id() + ": reward at step " + t);
                    if (ra.done()) break;
                }
            }
        }
    }

    @Test
    void episodesEndExactlyAtMaxEpisodeStepsUnlessTerminated() {
        for (TaskSpec spec : specs()) {
            try (SafeEnv env = provider().create(spec.id())) {
                env.reset(11);
                SplittableRandom random = new SplittableRandom(11);
                for (int t = 1; t <= spec.maxEpisodeSteps(); t++) {
                    StepResult r = env.step(randomAction(spec, random));
                    assertFalse(r.terminated() && r.truncated(), spec.id() + ": both terminated and truncated");
                    if (r.terminated()) break;
                    assertEquals(t == spec.maxEpisodeSteps(), r.truncated(), spec.id() + ": truncated at step " + t);
                    if (t == spec.maxEpisodeSteps()) {
                        float[] zero = new float[spec.actionDim()];
                        assertThrows(IllegalStateException.class, () -> env.step(zero),
                                spec.id() + ": step after the episode ended");
                    }
                }
            }
        }
    }

    @Test
    void stepAfterDoneOrBeforeResetIsIllegalState() {
        for (TaskSpec spec : specs()) {
            float[] zero = new float[spec.actionDim()];
            try (SafeEnv env = provider().create(spec.id())) {
                assertThrows(IllegalStateException.class, () -> env.step(zero), spec.id() + ": step before reset");
                env.reset(3);
                StepResult r = null;
                SplittableRandom random = new SplittableRandom(3);
                for (int t = 0; t < spec.maxEpisodeSteps() && (r == null || !r.done()); t++) {
                    r = env.step(randomAction(spec, random));
                }
                if (r == null || !r.done()) fail(spec.id() + ": no episode end within maxEpisodeSteps");
                assertThrows(IllegalStateException.class, () -> env.step(zero), spec.id() + ": step after done");
                assertFinite(spec, env.reset(4), "after a reset that follows a finished episode");
            }
        }
    }

    /**
     * A declared termination rule (what the learned model's rollouts end episodes by) has the task's
     * observation size, finds every reset healthy, and agrees with the environment on every step of
     * random-action episodes: healthy exactly where the step did not terminate.
     */
    @Test
    void aDeclaredTerminationRuleAgreesWithTheEnvironment() {
        for (TaskSpec spec : specs()) {
            var declared = provider().termination(spec.id());
            if (declared.isEmpty()) continue;
            org.drcorl.spi.TerminationRule rule = declared.get();
            assertEquals(spec.observationDim(), rule.observationDim(), spec.id() + ": the termination rule's size");
            try (SafeEnv env = provider().create(spec.id())) {
                SplittableRandom random = new SplittableRandom(5);
                for (int episode = 0; episode < 3; episode++) {
                    assertTrue(rule.healthy(env.reset(20 + episode)), spec.id() + ": a reset observation ends the episode by " + rule);
                    for (int t = 0; t < probeSteps(); t++) {
                        StepResult r = env.step(randomAction(spec, random));
                        assertEquals(!r.terminated(), rule.healthy(r.observation()),
                                spec.id() + ", episode " + episode + ", step " + t + ": " + rule + " against the environment's termination");
                        if (r.done()) break;
                    }
                }
            }
        }
    }

    @Test
    void closeIsIdempotent() {
        for (TaskSpec spec : specs()) {
            SafeEnv env = provider().create(spec.id());
            env.reset(0);
            env.close();
            env.close();
            assertNotEquals(null, env.spec(), spec.id() + ": spec after close");
        }
    }
}
