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
}
