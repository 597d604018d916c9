package org.drcorl.env.mujoco.behavior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The linear policy's arithmetic and its text form. */
class LinearPolicyTest {
    private final LinearPolicy policy = new LinearPolicy(0.75, new double[] {1, -2, 0.5}, new double[] {2, 0.5, 1},
            new double[][] {{0.5, 0, 0}, {0, 0.25, 1}});

    @Test
    void actsOnTheNormalizedObservationAndClips() {
        double[] out = new double[2];
        policy.act(new float[] {2, -1, 0.5f}, out);
        // row 0: 0.5·(2 − 1)/2 = 0.25; row 1: 0.25·(−1 + 2)/0.5 + 1·0 = 0.5
        assertArrayEquals(new double[] {0.25, 0.5}, out, 1e-12);
        policy.act(new float[] {100, 100, 100}, out);
        assertArrayEquals(new double[] {1, 1}, out, 0, "actions are clipped to [-1, 1]");
        policy.act(new float[] {-100, -100, -100}, out);
        assertArrayEquals(new double[] {-1, -1}, out, 0);
    }

    @Test
    void textRoundTripsSeveralPolicies() {
        LinearPolicy other = LinearPolicy.zero(1.5, 3, 2);
        String text = "# a comment\n" + policy.toText() + "\n" + other.toText();
        List<LinearPolicy> parsed = LinearPolicy.parseAll("test", List.of(text.split("\n")));
        assertEquals(2, parsed.size());
        assertEquals(policy, parsed.get(0));
        assertEquals(other, parsed.get(1));
        assertEquals(0.75, parsed.get(0).target());
    }

    @Test
    void aBaseGaitIsCorrectedByTheFeedbackAndRoundTrips() {
        Gait gait = new Gait(1, 2.0, new double[] {0.5, 0.2}, new double[] {0, Math.PI / 2}, new double[] {0.1, 0});
        LinearPolicy onGait = new LinearPolicy(2, policy.mean(), policy.std(), policy.weights(), gait, 0.05);
        double[] out = new double[2], expected = new double[2];
        float[] obs = {2, -1, 0.5f};
        for (int step : new int[] {0, 3, 7}) {
            onGait.act(obs, step, out);
            gait.actionAt(step * 0.05, 1.0, expected);
            assertArrayEquals(new double[] {expected[0] + 0.25, expected[1] + 0.5}, out, 1e-12, "gait + feedback at step " + step);
        }
        List<LinearPolicy> parsed = LinearPolicy.parseAll("test", List.of((onGait.toText() + policy.toText()).split("\n")));
        assertEquals(2, parsed.size());
        assertEquals(onGait.base().toLine(), parsed.get(0).base().toLine());
        assertArrayEquals(onGait.weights()[1], parsed.get(0).weights()[1], 0);
        assertEquals(0.05, parsed.get(0).stepSeconds());
        assertEquals(policy, parsed.get(1));
    }

    @Test
    void badTextIsRefusedNamingTheSource() {
        var cut = assertThrows(IllegalArgumentException.class,
                () -> LinearPolicy.parseAll("hopper.txt", List.of("policy 1.0 3 2", "0 0 0", "1 1 1", "0 0 0")));
        assertTrue(cut.getMessage().contains("hopper.txt") && cut.getMessage().contains("cut short"), cut.getMessage());
        var wrong = assertThrows(IllegalArgumentException.class,
                () -> LinearPolicy.parseAll("hopper.txt", List.of("policy 1.0 3 1", "0 0 0", "1 1", "0 0 0")));
        assertTrue(wrong.getMessage().contains("expected 3"), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LinearPolicy.parseAll("empty.txt", List.of("# nothing")));
        assertThrows(IllegalArgumentException.class,
                () -> new LinearPolicy(1, new double[] {0}, new double[] {0}, new double[][] {{1}}), "a zero std is refused");
    }

    @Test
    void shippedPoliciesLoad() {
        for (String file : List.of("hopper.txt", "swimmer.txt", "walker2d.txt", "ant_calm.txt", "ant_fast.txt")) {
            List<FeedbackPolicy> policies = FeedbackPolicy.shipped(file);
            assertTrue(policies.size() >= 2, file + " holds policies for several targets");
        }
    }
}
