package org.drcorl.handler.slack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.drcorl.contract.FakeConstraintStep;
import org.drcorl.contract.VectorUpdate;
import org.drcorl.spi.ConstraintStep;
import org.drcorl.spi.PluginOptions;
import org.drcorl.spi.PolicyUpdate;
import org.junit.jupiter.api.Test;

class SlackRelaxationHandlerTest {

    private static SlackRelaxationHandler withOptions(Map<String, String> values) {
        SlackRelaxationHandler h = new SlackRelaxationHandler();
        PluginOptions o = new PluginOptions("constraint handler 'slack'", values);
        h.configure(o);
        o.requireAllRead();
        return h;
    }

    private static double[] values(PolicyUpdate u) {
        return ((VectorUpdate) u).values();
    }

    /** Reward and cost updates with positive entries only: they never conflict, so the band just averages. */
    private static FakeConstraintStep agreeingStep(long seed, double estimate) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] reg = new double[16], reward = new double[16], cost = new double[16];
        for (int i = 0; i < reg.length; i++) {
            reg[i] = random.nextGaussian();
            reward[i] = random.nextDouble();
            cost[i] = random.nextDouble();
        }
        return new FakeConstraintStep(seed, estimate, reg, reward, cost);
    }

    @Test
    void picksTheUpdateByZoneAroundTheLimit() {
        SlackRelaxationHandler h = withOptions(Map.of("limit", "1.0", "slack", "0.2"));
        // Just under the band, exactly at its lower edge, inside it, at its upper edge, above it.
        double[] estimates = {0.5, 0.8, 1.1, 1.2, 1.3};
        int[] zones = {-1, -1, 0, 0, 1};
        for (int i = 0; i < estimates.length; i++) {
            FakeConstraintStep step = agreeingStep(i, estimates[i]);
            double[] chosen = values(h.decide(step));
            assertEquals(zones[i], h.diagnostics().get("zone"), "zone at Ĉ = " + estimates[i]);
            double[] expected = switch (zones[i]) {
                case -1 -> values(step.rewardUpdate());
                case 1 -> values(step.costUpdate());
                default -> values(step.rewardUpdate().plus(step.costUpdate()).times(0.5));
            };
            assertArrayEquals(expected, chosen, 1e-12, "update at Ĉ = " + estimates[i]);
        }
    }

    @Test
    void withoutConflictTheBandAveragesBothUpdates() {
        // Reward and cost updates pointing the same way: no projection.
        double[] reg = {0, 0, 0}, reward = {1, 0, 0}, cost = {1, 1, 0};
        SlackRelaxationHandler h = withOptions(Map.of());
        double[] chosen = values(h.decide(new FakeConstraintStep(0, 1.0, reg, reward, cost)));
        assertArrayEquals(new double[] {1, 0.5, 0}, chosen, 1e-12);
        assertEquals(0.0, h.diagnostics().get("conflict"));
    }

    @Test
    void projectsConflictingUpdatesOntoEachOthersNormalPlane() {
        // r = (1, 0), c = (−1, 1): ⟨r, c⟩ = −1. r' = r + c/2 = (0.5, 0.5); c' = c + r = (0, 1).
        double[] reg = {0, 0}, reward = {1, 0}, cost = {-1, 1};
        SlackRelaxationHandler h = withOptions(Map.of());
        double[] chosen = values(h.decide(new FakeConstraintStep(0, 1.05, reg, reward, cost)));
        assertArrayEquals(new double[] {0.25, 0.75}, chosen, 1e-12);
        assertEquals(1.0, h.diagnostics().get("conflict"));
        assertEquals(0.0, h.diagnostics().get("zone"));
    }

    @Test
    void inTheBandTheUpdateNeverOpposesRewardOrCost() {
        SlackRelaxationHandler h = withOptions(Map.of());
        SplittableRandom random = new SplittableRandom(2024);
        int conflicts = 0;
        for (int trial = 0; trial < 500; trial++) {
            int dim = 2 + random.nextInt(64);
            double[] reg = new double[dim], reward = new double[dim], cost = new double[dim];
            // From unrelated directions (trial 0 mod 3) to nearly opposite ones (noise 1e-6).
            double noise = switch (trial % 3) { case 0 -> 1.0; case 1 -> 0.1; default -> 1e-6; };
            double scale = Math.exp(4 * random.nextGaussian()); // very different magnitudes
            for (int i = 0; i < dim; i++) {
                reg[i] = 0.1 * random.nextGaussian();
                reward[i] = random.nextGaussian();
                cost[i] = scale * (-reward[i] + noise * random.nextGaussian());
            }
            ConstraintStep step = new FakeConstraintStep(trial, 1.0 + 0.1 * random.nextDouble(-1, 1), reg, reward, cost);
            PolicyUpdate u = h.decide(step);
            PolicyUpdate r = step.rewardUpdate(), c = step.costUpdate();
            if (h.diagnostics().get("conflict") == 1.0) conflicts++;
            // Zero up to rounding: the projections are exactly orthogonal only in exact arithmetic.
            double tolerance = 1e-9 * Math.sqrt(u.squaredNorm() + 1e-300) * (Math.sqrt(r.squaredNorm()) + Math.sqrt(c.squaredNorm()));
            assertTrue(u.dot(r) >= -tolerance, "trial " + trial + ": opposes the reward update, ⟨u, r⟩ = " + u.dot(r));
            assertTrue(u.dot(c) >= -tolerance, "trial " + trial + ": opposes the cost update, ⟨u, c⟩ = " + u.dot(c));
        }
        assertTrue(conflicts > 300, "the trials should mostly be conflicting, were " + conflicts);
    }

    @Test
    void rejectsSlackOutsideZeroToLimitNamingTheOption() {
        for (Map<String, String> bad : java.util.List.of(
                Map.of("slack", "-0.1"), Map.of("slack", "1.0"), Map.of("limit", "0.5", "slack", "0.7"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withOptions(bad), bad.toString());
            assertTrue(e.getMessage().contains("'slack'"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withOptions(Map.of("limit", "0")));
        assertTrue(e.getMessage().contains("'limit'"), e.getMessage());
    }

    @Test
    void zeroSlackSwitchesExactlyAtTheLimit() {
        SlackRelaxationHandler h = withOptions(Map.of("slack", "0"));
        h.decide(FakeConstraintStep.random(0, 1.0, 8, 1, true));
        assertEquals(-1.0, h.diagnostics().get("zone"));
        h.decide(FakeConstraintStep.random(1, 1.0 + 1e-9, 8, 1, true));
        assertEquals(1.0, h.diagnostics().get("zone"));
    }
}
