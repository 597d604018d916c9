package org.drcorl.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainedPolicyTest {
    @TempDir
    Path tmp;

    private static final int[] SIZES = {5, 16, 16, 2};

    /** The network by the definition: tanh(W2ᵀ relu(W1ᵀ relu(W0ᵀ x + b0) + b1) + b2), in double. */
    private static float[] byHand(MlpPolicy p, float[] x) {
        double[] h = new double[x.length];
        for (int i = 0; i < x.length; i++) h[i] = x[i];
        int[] s = p.sizes();
        for (int l = 0; l + 1 < s.length; l++) {
            float[] w = p.weights(l), b = p.biases(l);
            double[] y = new double[s[l + 1]];
            for (int j = 0; j < y.length; j++) {
                y[j] = b[j];
                for (int i = 0; i < s[l]; i++) y[j] += h[i] * w[i * s[l + 1] + j];
                if (l + 2 < s.length) y[j] = Math.max(0, y[j]);
            }
            h = y;
        }
        float[] a = new float[h.length];
        for (int j = 0; j < a.length; j++) a[j] = (float) Math.tanh(h[j]);
        return a;
    }

    @Test
    void aSavedPolicyLoadsWithItsSpecAndActsAsItsNetwork() throws Exception {
        MlpPolicy net = PolicyFiles.random(SIZES, 1);
        Path json = PolicyFiles.save(tmp.resolve("run/policies/drcorl/kappa-20"), "seed-3", net, true,
                ",\"result.selected-step\":\"1499\",\"result.action-low\":\"[-1.0, -1.0]\",\"result.action-high\":\"[1.0, 1.0]\","
                        + "\"result.reward-min\":\"134.5\",\"result.reward-max\":\"399.8\",\"result.cost-max\":\"129.0\"");
        for (TrainedPolicy p : new TrainedPolicy[] {TrainedPolicy.load(json),
                TrainedPolicy.load(json.resolveSibling("seed-3.weights")), TrainedPolicy.load(json.resolveSibling("seed-3")),
                TrainedPolicy.fromRun(tmp.resolve("run"), "drcorl", 20, 3)}) {
            PolicySpec s = p.spec();
            assertEquals("Push-v0", s.taskId());
            assertArrayEquals(SIZES, s.layerSizes());
            assertEquals(20.0, s.threshold());
            assertEquals(Optional.of(1499L), s.selectedStep());
            assertArrayEquals(new float[] {-1, -1}, s.actionLow().orElseThrow());
            assertEquals(new PolicySpec.Normalization(134.5, 399.8, 129.0), s.normalization().orElseThrow());
            float[] obs = {0.3f, -1.2f, 0.5f, 2f, -0.1f}, action = new float[2];
            p.act(obs, action);
            float[] expected = byHand(net, obs);
            for (int j = 0; j < 2; j++) assertEquals(expected[j], action[j], 1e-5);
            assertTrue(s.describe().contains("kept the snapshot of phase-2 step 1499"), s.describe());
        }
    }

    @Test
    void aPolicyOfAnOlderVersionWithoutShapesLoadsFromItsWidth() throws Exception {
        MlpPolicy net = PolicyFiles.random(SIZES, 2);
        Path json = PolicyFiles.save(tmp, "old", net, false, "");
        TrainedPolicy p = TrainedPolicy.load(json);
        assertArrayEquals(SIZES, p.spec().layerSizes());
        assertEquals(Optional.empty(), p.spec().normalization(), "not recorded: empty, not guessed");
        float[] obs = {1, 2, 3, 4, 5};
        assertArrayEquals(net.act(obs), p.act(obs));
    }

    @Test
    void wrongFilesAndSizesAreClearErrors() throws Exception {
        MlpPolicy net = PolicyFiles.random(SIZES, 3);
        Path json = PolicyFiles.save(tmp, "p", net, true, "");
        var missing = assertThrows(PolicyFileException.class, () -> TrainedPolicy.load(tmp.resolve("nope.json")));
        assertTrue(missing.getMessage().endsWith("nope.json: no such policy file"), missing.getMessage());

        Path other = Files.writeString(tmp.resolve("critic.json"), "{\"kind\":\"critics\"}");
        var kind = assertThrows(PolicyFileException.class, () -> TrainedPolicy.load(other));
        assertTrue(kind.getMessage().contains("not a saved policy (its kind is 'critics'"), kind.getMessage());

        Path weights = json.resolveSibling("p.weights");
        byte[] all = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(all, all.length - 8));
        var truncated = assertThrows(PolicyFileException.class, () -> TrainedPolicy.load(json));
        assertTrue(truncated.getMessage().contains("p.weights: truncated"), truncated.getMessage());
        Files.write(weights, all);

        TrainedPolicy p = TrainedPolicy.load(json);
        var size = assertThrows(IllegalArgumentException.class, () -> p.act(new float[3]));
        assertEquals("observation has 3 values, the policy expects 5", size.getMessage());

        var run = assertThrows(PolicyFileException.class, () -> TrainedPolicy.fromRun(tmp, "drcorl", 20, 0));
        assertTrue(run.getMessage().contains("no policies of algorithm 'drcorl'"), run.getMessage());
    }
}
