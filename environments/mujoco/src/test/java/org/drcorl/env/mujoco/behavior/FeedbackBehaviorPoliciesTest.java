package org.drcorl.env.mujoco.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** How a family mixes its policies, on stand-in policies whose action is their speed / 10. */
class FeedbackBehaviorPoliciesTest {
    private record Constant(double target) implements FeedbackPolicy {
        @Override
        public int actionDim() {
            return 1;
        }

        @Override
        public void act(float[] obs, int step, double[] out) {
            out[0] = target / 10;
        }

        @Override
        public Constant withTarget(double newTarget) {
            return new Constant(newTarget);
        }

        @Override
        public String toText() {
            return "constant " + target;
        }
    }

    private static final List<Constant> POLICIES = List.of(new Constant(3), new Constant(1), new Constant(4), new Constant(2));

    /** The distinct actions an episode's policy plays over {@code steps} steps. */
    private static Set<Float> actions(FeedbackBehaviorPolicies family, int episode, int episodes, int steps) {
        var policy = family.policyFor(episode, episodes, new SplittableRandom(episode));
        Set<Float> seen = new HashSet<>();
        for (int t = 0; t < steps; t++) seen.add(policy.act(new float[] {0})[0]);
        return seen;
    }

    @Test
    void wholeEpisodesPlayOnePolicyFasterForLargerAlpha() {
        var family = new FeedbackBehaviorPolicies(POLICIES, 2.5, 0, 0, FeedbackBehaviorPolicies.Mixing.WHOLE_EPISODES);
        for (int i = 0; i < 4; i++) {
            assertEquals(Set.of((float) ((i + 1) / 10.0)), actions(family, i, 4, 500), "episode " + i + " of 4");
        }
        assertTrue(family.policyFor(0, 4, new SplittableRandom(1)).label().startsWith("careful("));
        assertTrue(family.policyFor(3, 4, new SplittableRandom(1)).label().startsWith("reckless("));
    }

    @Test
    void burstsMixTheFastestCalmPolicyWithFastOnes() {
        var family = new FeedbackBehaviorPolicies(POLICIES, 2.5, 0, 0);
        assertEquals(Set.of(0.1f), actions(family, 0, 30, 500), "the most careful episode plays the slowest calm policy only");
        Set<Float> reckless = actions(family, 29, 30, 1000);
        assertTrue(reckless.contains(0.3f) || reckless.contains(0.4f), "a reckless episode bursts: " + reckless);
        assertTrue(!reckless.contains(0.1f), "and its calm segments play the fastest calm policy: " + reckless);
    }

    @Test
    void needsPoliciesOnBothSidesOfTheSplit() {
        assertThrows(IllegalArgumentException.class, () -> new FeedbackBehaviorPolicies(POLICIES, 0.5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FeedbackBehaviorPolicies(POLICIES, 2.5, 0.2, 0.1));
    }
}
