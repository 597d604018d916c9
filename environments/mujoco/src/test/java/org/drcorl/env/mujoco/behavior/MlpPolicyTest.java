package org.drcorl.env.mujoco.behavior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The network policy's arithmetic and its text form. */
class MlpPolicyTest {
    private static final int[] SIZES = {3, 4, 2};

    private static MlpPolicy random(double target, long seed) {
        TanhNetwork net = new TanhNetwork(SIZES);
        double[] p = new double[net.parameterCount()];
        net.initialize(p, 0, 3, new SplittableRandom(seed));
        return new MlpPolicy(target, new double[] {1, -2, 0.5}, new double[] {2, 0.5, 1}, SIZES, p);
    }

    @Test
    void actsOnTheNormalizedClippedObservation() {
        // one hidden unit per input, identity-like: out_0 = tanh(x_0), out_1 = 2·tanh(x_1)
        int[] sizes = {2, 2, 2};
        double[] p = {1, 0, 0, 1, 0, 0, /* layer 2 */ 1, 0, 0, 2, 0, 0};
        MlpPolicy policy = new MlpPolicy(1, new double[] {1, 0}, new double[] {2, 4}, sizes, p);
        double[] out = new double[2];
        policy.act(new float[] {2, 1}, 0, out);
        assertArrayEquals(new double[] {Math.tanh(0.5), 2 * Math.tanh(0.25)}, out, 1e-12);
        policy.act(new float[] {1, 1000}, 0, out);
        assertEquals(1, out[1], 0, "actions are clipped to [-1, 1]");
        double[] clipped = new double[2];
        MlpPolicy.normalize(new float[] {1e6f, -1e6f}, new double[] {0, 0}, new double[] {1, 1}, clipped);
        assertArrayEquals(new double[] {10, -10}, clipped, 0, "normalized observations are clipped to ±10 as in training");
    }

    @Test
    void textRoundTripsSeveralPolicies() {
        MlpPolicy a = random(0.5, 1), b = random(2.25, 2);
        List<MlpPolicy> parsed = MlpPolicy.parseAll("test", List.of(("# comment\n" + a.toText() + "\n" + b.toText()).split("\n")));
        assertEquals(2, parsed.size());
        assertEquals(a.toText(), parsed.get(0).toText());
        assertEquals(b.toText(), parsed.get(1).toText());
        assertEquals(2.25, parsed.get(1).target());
        double[] x = new double[2], y = new double[2];
        float[] obs = {0.3f, -1.5f, 2f};
        a.act(obs, 0, x);
        parsed.get(0).act(obs, 0, y);
        assertArrayEquals(x, y, 1e-6, "the text keeps 7 significant digits");
    }

    @Test
    void aPolicyFileMayMixLinearPoliciesAndNetworks() {
        LinearPolicy linear = LinearPolicy.zero(1.25, 3, 2);
        MlpPolicy a = random(0.5, 1), b = random(2.5, 2);
        String text = a.toText() + "# a linear one\n" + linear.toText() + b.toText();
        List<FeedbackPolicy> parsed = FeedbackPolicy.parseAll("mixed.txt", List.of(text.split("\n")));
        assertEquals(List.of(0.5, 1.25, 2.5), parsed.stream().map(FeedbackPolicy::target).toList());
        assertEquals(linear, parsed.get(1));
        assertEquals(b.toText(), parsed.get(2).toText());
        assertEquals(a.withTarget(3).toText().replace("mlp 3.0000", "mlp 0.5000"), a.toText(), "withTarget changes only the label");
    }

    @Test
    void badFilesAreRefusedWithTheirName() {
        String text = random(1, 1).toText();
        String[] lines = text.split("\n");
        var cut = IllegalArgumentException.class;
        var e = assertThrows(cut, () -> MlpPolicy.parseAll("walker.txt", List.of(lines).subList(0, lines.length - 1)));
        assertTrue(e.getMessage().contains("walker.txt"), e.getMessage());
        assertThrows(cut, () -> MlpPolicy.parseAll("walker.txt", List.of("policy 1 3 2", "0 0 0")), "a linear policy header");
        assertThrows(cut, () -> MlpPolicy.parseAll("walker.txt", List.of("# nothing")));
        lines[3] = lines[3] + " 7";
        assertThrows(cut, () -> MlpPolicy.parseAll("walker.txt", List.of(lines)), "a row one number too long");
        assertThrows(cut, () -> new MlpPolicy(1, new double[3], new double[] {1, 0, 1}, SIZES, new double[26]), "zero std");
        assertThrows(cut, () -> new MlpPolicy(1, new double[3], new double[] {1, 1, 1}, SIZES, new double[25]), "too few parameters");
        assertThrows(IllegalArgumentException.class, () -> FeedbackPolicy.shipped("no-such.txt"));
        // errors deep in a policy still name the file and the policy
        String[] badTarget = text.replaceFirst("mlp 1.0000", "mlp fast").split("\n");
        e = assertThrows(cut, () -> MlpPolicy.parseAll("walker.txt", List.of(badTarget)));
        assertTrue(e.getMessage().startsWith("walker.txt: policy 0"), e.getMessage());
        String[] nanMean = text.replaceFirst("\n[^\n]*\n", "\nNaN 0 0\n").split("\n");
        e = assertThrows(cut, () -> MlpPolicy.parseAll("walker.txt", List.of(nanMean)));
        assertTrue(e.getMessage().startsWith("walker.txt: policy 0") && e.getMessage().contains("finite"), e.getMessage());
    }
}
