package org.drcorl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NetworkTest {

    @Test
    void linearIsInitializedLikePytorch() {
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            Linear l = Linear.create(p, "fc", 64, 32, new SplittableRandom(1));
            float[] w = l.weight().toFloatArray();
            double bound = 1 / Math.sqrt(64), max = 0, sumSq = 0;
            for (float v : w) { max = Math.max(max, Math.abs(v)); sumSq += v * v; }
            assertTrue(max <= bound);
            // U(−b, b) has variance b²/3
            assertEquals(bound * bound / 3, sumSq / w.length, 0.1 * bound * bound / 3);
            assertEquals(64 * 32 + 32, p.count());
        }
    }

    @Test
    void mlpGradientMatchesFiniteDifferences() {
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            Mlp mlp = Mlp.create(p, "pi", new int[] {3, 16, 16, 2}, true, new SplittableRandom(2));
            NDArray x = m.create(new float[] {0.3f, -0.7f, 1.1f, 0.2f, 0.5f, -0.4f}, new Shape(2, 3));
            float analytic;
            NDArray w0 = p.get("pi.0.weight");
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = mlp.forward(x).square().sum();
                gc.backward(loss);
            }
            try (NDArray g = w0.getGradient()) {
                analytic = g.toFloatArray()[5];
            }
            float[] flat = p.flatten();
            double eps = 1e-3;
            flat[5] += (float) eps;
            p.load(flat);
            double up = mlp.forward(x).square().sum().getFloat();
            flat[5] -= (float) (2 * eps);
            p.load(flat);
            double down = mlp.forward(x).square().sum().getFloat();
            assertEquals((up - down) / (2 * eps), analytic, 2e-3);
        }
    }

    @Test
    void flattenLoadAndPolyakRoundTrip() {
        try (NDManager m = NDManager.newBaseManager(); Parameters a = new Parameters(m); Parameters b = new Parameters(m)) {
            Mlp.create(a, "q", new int[] {4, 8, 1}, false, new SplittableRandom(3));
            Mlp.create(b, "q", new int[] {4, 8, 1}, false, new SplittableRandom(4));
            float[] va = a.flatten(), vb = b.flatten();
            a.polyakInto(b, 0.25);
            float[] mixed = b.flatten();
            for (int i = 0; i < va.length; i++) assertEquals(0.75f * vb[i] + 0.25f * va[i], mixed[i], 1e-6f);
            a.copyInto(b);
            assertArrayEquals(va, b.flatten());
            assertThrows(IllegalArgumentException.class, () -> b.load(new float[3]));
        }
    }

    @Test
    void polyakUpdatesLeaveNoArraysBehind() {
        try (NDManager m = NDManager.newBaseManager(); Parameters a = new Parameters(m); Parameters b = new Parameters(m)) {
            Mlp.create(a, "q", new int[] {4, 8, 1}, false, new SplittableRandom(3));
            Mlp.create(b, "q", new int[] {4, 8, 1}, false, new SplittableRandom(4));
            a.polyakInto(b, 0.005);
            int before = a.manager().getManagedArrays().size() + b.manager().getManagedArrays().size();
            for (int i = 0; i < 1000; i++) a.polyakInto(b, 0.005);
            assertEquals(before, a.manager().getManagedArrays().size() + b.manager().getManagedArrays().size());
        }
    }

    @Test
    void mishStaysFiniteInValueAndGradientForHugeInputs() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {-200f, -1f, 0f, 1f, 100f, 200f});
            x.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                y = Activations.mish(x);
                gc.backward(y.sum());
            }
            float[] v = y.toFloatArray(), g = x.getGradient().toFloatArray();
            assertEquals(200f, v[5], 1e-3f);
            assertEquals(0f, v[0], 1e-6f);
            assertEquals(1 * Math.tanh(Math.log1p(Math.E)), v[3], 1e-5);
            for (float gi : g) assertTrue(Float.isFinite(gi), "finite gradient");
            assertEquals(1f, g[5], 1e-4f);
        }
    }

    /** The fused softplus against log(1 + eˣ) in double precision, across the threshold where it switches to x. */
    @Test
    void softplusMatchesItsDefinitionAndHasTheSigmoidAsGradient() {
        float[] xs = {-100f, -20f, -3f, -0.5f, 0f, 0.5f, 3f, 19.9f, 20.1f, 60f};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(xs);
            x.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                y = Activations.softplus(x);
                gc.backward(y.sum());
            }
            float[] v = y.toFloatArray(), g = x.getGradient().toFloatArray();
            for (int i = 0; i < xs.length; i++) {
                double expected = Math.max(xs[i], 0) + Math.log1p(Math.exp(-Math.abs(xs[i])));
                assertEquals(expected, v[i], 1e-6 * Math.max(1, Math.abs(expected)), "softplus(" + xs[i] + ")");
                assertEquals(1 / (1 + Math.exp(-xs[i])), g[i], 1e-6, "softplus'(" + xs[i] + ")");
            }
        }
    }

    @Test
    void layerNormNormalizesEachRow() {
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            LayerNorm ln = LayerNorm.create(p, "ln", 4);
            float[] y = ln.forward(m.create(new float[] {1, 2, 3, 4, -10, 0, 10, 20}, new Shape(2, 4))).toFloatArray();
            for (int r = 0; r < 2; r++) {
                double mean = 0, var = 0;
                for (int j = 0; j < 4; j++) mean += y[4 * r + j] / 4.0;
                for (int j = 0; j < 4; j++) var += (y[4 * r + j] - mean) * (y[4 * r + j] - mean) / 4.0;
                assertEquals(0, mean, 1e-5);
                assertEquals(1, var, 1e-3);
            }
        }
    }
}
