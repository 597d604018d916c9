package org.drcorl.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.drcorl.nn.Mlp;
import org.drcorl.nn.Parameters;
import org.junit.jupiter.api.Test;

class PlainMlpPolicyTest {

    private static float[] gaussian(SplittableRandom r, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextGaussian() * scale);
        return v;
    }

    /**
     * The paper's policy shape, and a linear-output critic shape whose outputs tanh cannot hide;
     * batches of 1024 and 1023 (whole blocks of the batch path, and a remainder of single rows).
     */
    @Test
    void equalsTheEngineWithin1e5OnABatch() {
        for (int batch : new int[] {1024, 1023}) {
            for (boolean tanh : new boolean[] {true, false}) {
                try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
                    Mlp mlp = Mlp.create(p, "pi", new int[] {8, 256, 256, 2}, tanh, new SplittableRandom(1));
                    PlainMlpPolicy fast = PlainMlpPolicy.of(mlp, tanh);
                    float[] obs = gaussian(new SplittableRandom(2), batch * 8, 2.0);
                    float[] engine = mlp.forward(m.create(obs, new Shape(batch, 8))).toFloatArray();
                    float[] plain = new float[batch * 2];
                    fast.actBatch(obs, batch, plain);
                    double worst = 0;
                    for (int i = 0; i < plain.length; i++) worst = Math.max(worst, Math.abs(engine[i] - plain[i]));
                    assertTrue(worst <= 1e-5, "largest difference from the engine " + worst + " (tanh " + tanh + ", batch " + batch + ")");
                    float[] one = new float[2];
                    for (int k = 0; k < batch; k += 97) { // batch rows equal single calls, bit for bit
                        fast.act(java.util.Arrays.copyOfRange(obs, k * 8, k * 8 + 8), one);
                        assertArrayEquals(java.util.Arrays.copyOfRange(plain, k * 2, k * 2 + 2), one);
                    }
                    fast.act(java.util.Arrays.copyOfRange(obs, (batch - 1) * 8, batch * 8), one); // the last row too
                    assertArrayEquals(java.util.Arrays.copyOfRange(plain, (batch - 1) * 2, batch * 2), one);
                }
            }
        }
    }

    @Test
    void actingAllocatesNothing() {
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            PlainMlpPolicy fast = PlainMlpPolicy.of(Mlp.create(p, "pi", new int[] {8, 256, 256, 2}, true,
                    new SplittableRandom(3)), true);
            float[] obs = gaussian(new SplittableRandom(4), 8, 1.0), action = new float[2];
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            for (int i = 0; i < 20_000; i++) fast.act(obs, action); // warm up: compiled code, no allocation
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 10_000; i++) fast.act(obs, action);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // One float[2] per call would be 240 000 bytes; allow the bean's own bookkeeping.
            assertTrue(allocated < 1_000, allocated + " bytes allocated over 10 000 calls");
        }
    }

    @Test
    void wrongSizesAreRefusedWithTheExpectedSize() {
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            PlainMlpPolicy fast = PlainMlpPolicy.of(Mlp.create(p, "pi", new int[] {3, 4, 2}, true, new SplittableRandom(5)), true);
            var e = assertThrows(IllegalArgumentException.class, () -> fast.act(new float[4]));
            assertTrue(e.getMessage().contains("expects 3"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> fast.act(new float[3], new float[3]));
            assertThrows(IllegalArgumentException.class, () -> fast.actBatch(new float[6], 3, new float[6]));
            assertEquals(2, fast.act(new float[3]).length);
        }
    }
}
