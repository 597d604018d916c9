package org.drcorl.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link MlpPolicy#actBatch} against the network's definition, for batch sizes and layer widths
 * that leave remainders in every blocking the batch path uses (blocks of observations, quadruples
 * of observations, groups of four weight rows, pairs of outputs of a narrow layer).
 */
class MlpPolicyTest {

    /** Shapes: the paper's; odd widths everywhere; narrow hidden layers; one layer; tanh and linear outputs. */
    private static final int[][] SHAPES = {
        {8, 256, 256, 2}, {5, 37, 19, 3}, {7, 13, 11, 9, 1}, {6, 5, 40, 2}, {3, 9, 8, 7}, {4, 1}, {2, 3}, {6, 100, 70, 2},
    };
    private static final int[] BATCHES = {0, 1, 3, 4, 5, 15, 16, 17, 21, 1023, 1024};

    /** The network by its definition, in double: y = b + Σᵢ xᵢ·W[i,·], ReLU between layers, tanh last if asked. */
    private static double[] reference(MlpPolicy p, float[] x, int from) {
        int[] s = p.sizes();
        double[] h = new double[s[0]];
        for (int i = 0; i < h.length; i++) h[i] = x[from + i];
        for (int l = 0; l + 1 < s.length; l++) {
            float[] w = p.weights(l), b = p.biases(l);
            double[] y = new double[s[l + 1]];
            for (int j = 0; j < y.length; j++) {
                double sum = b[j];
                for (int i = 0; i < s[l]; i++) sum += h[i] * w[i * s[l + 1] + j];
                y[j] = l + 2 < s.length ? Math.max(0, sum) : p.tanhOutput() ? Math.tanh(sum) : sum;
            }
            h = y;
        }
        return h;
    }

    private static MlpPolicy random(int[] sizes, long seed, boolean tanh) {
        MlpPolicy p = PolicyFiles.random(sizes, seed);
        float[][] w = new float[sizes.length - 1][], b = new float[sizes.length - 1][];
        for (int l = 0; l + 1 < sizes.length; l++) {
            w[l] = p.weights(l);
            b[l] = p.biases(l);
        }
        return MlpPolicy.of(sizes, w, b, tanh);
    }

    private static float[] gaussian(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextGaussian() * 1.5);
        return v;
    }

    /**
     * The tests run with --add-modules jdk.incubator.vector (policy/pom.xml): the vector kernel
     * must be there, and its warm-up must come to a verdict (on the machines we know, that it is
     * faster; a machine where it is not would keep the scalar kernel, which is not an error).
     */
    @Test
    void theVectorKernelWarmsUpAndIsDecidedOn() throws InterruptedException {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "the tests' JVM lacks the module");
        String kernel = MlpPolicy.awaitBatchKernel(Duration.ofSeconds(90));
        assertTrue(kernel.startsWith("vector, ") || kernel.startsWith("scalar: the vector kernel"), kernel);
        System.out.println("MlpPolicyTest: batch kernel " + kernel);
    }

    /** Both kernels of the wide layers: the Vector API one and the scalar one it replaces without the module. */
    @Test
    void batchesEqualTheDefinitionAndSingleCallsBitForBit() {
        for (boolean vector : new boolean[] {true, false}) batchesEqualTheDefinitionAndSingleCalls(vector);
    }

    private static void batchesEqualTheDefinitionAndSingleCalls(boolean vector) {
        long seed = 1;
        for (int[] sizes : SHAPES) {
            for (boolean tanh : new boolean[] {true, false}) {
                MlpPolicy p = random(sizes, seed++, tanh);
                p.useKernel(vector ? MlpPolicy.Kernel.VECTOR : MlpPolicy.Kernel.SCALAR);
                int in = sizes[0], out = sizes[sizes.length - 1];
                SplittableRandom r = new SplittableRandom(seed++);
                for (int count : BATCHES) {
                    String what = (vector ? "vector kernel, " : "scalar kernel, ") + Arrays.toString(sizes) + (tanh ? " tanh" : " linear")
                            + ", batch " + count;
                    // room to spare on both sides: only the first count rows may be read or written
                    float[] obs = gaussian(r, count * in + 3);
                    float[] actions = new float[count * out + 5];
                    Arrays.fill(actions, Float.NaN);
                    p.actBatch(obs, count, actions);
                    float[] single = new float[out];
                    for (int k = 0; k < count; k++) {
                        double[] expected = reference(p, obs, k * in);
                        for (int j = 0; j < out; j++) {
                            float got = actions[k * out + j];
                            assertEquals(expected[j], got, 1e-5 * Math.max(1, Math.abs(expected[j])), what + ", row " + k + ", output " + j);
                        }
                        p.act(Arrays.copyOfRange(obs, k * in, (k + 1) * in), single);
                        assertArrayEquals(single, Arrays.copyOfRange(actions, k * out, (k + 1) * out),
                                what + ", row " + k + ": the batch differs from a single call");
                    }
                    for (int i = count * out; i < actions.length; i++) {
                        assertTrue(Float.isNaN(actions[i]), what + ": wrote past the batch at " + i);
                    }
                }
            }
        }
    }

    /** A row's action does not depend on the batch it comes in, nor on where in it. */
    @Test
    void aRowActsTheSameInEveryBatch() {
        MlpPolicy p = random(new int[] {8, 256, 256, 2}, 11, true);
        SplittableRandom r = new SplittableRandom(12);
        float[] obs = gaussian(r, 1024 * 8), all = new float[1024 * 2];
        p.actBatch(obs, 1024, all);
        for (int count : new int[] {1, 3, 5, 16, 17, 1023}) {
            for (int start : new int[] {0, 1, 1024 - count}) {
                float[] part = new float[count * 2];
                p.actBatch(Arrays.copyOfRange(obs, start * 8, (start + count) * 8), count, part);
                assertArrayEquals(Arrays.copyOfRange(all, start * 2, (start + count) * 2), part, "batch of " + count + " from row " + start);
            }
        }
    }

    @Test
    void anEmptyBatchWritesNothing() {
        MlpPolicy p = random(new int[] {5, 37, 19, 3}, 13, true);
        p.actBatch(new float[0], 0, new float[0]);
        float[] actions = {7f, 8f, 9f};
        p.actBatch(new float[5], 0, actions);
        assertArrayEquals(new float[] {7f, 8f, 9f}, actions);
    }

    /** The two kernels agree bit for bit on a whole batch (the paper's shape and one with every kind of remainder). */
    @Test
    void theVectorKernelEqualsTheScalarOneBitForBit() {
        for (int[] sizes : new int[][] {{8, 256, 256, 2}, {6, 100, 70, 2}}) {
            MlpPolicy vector = random(sizes, 21, true), scalar = random(sizes, 21, true);
            vector.useKernel(MlpPolicy.Kernel.VECTOR);
            scalar.useKernel(MlpPolicy.Kernel.SCALAR);
            float[] obs = gaussian(new SplittableRandom(22), 1024 * sizes[0]);
            float[] a = new float[1024 * 2], b = new float[1024 * 2];
            vector.actBatch(obs, 1024, a);
            scalar.actBatch(obs, 1024, b);
            assertArrayEquals(b, a, Arrays.toString(sizes));
        }
    }

    /** Neither kernel allocates once compiled (a Vector API kernel that C2 fails to compile well allocates a vector per operation). */
    @Test
    void actingAllocatesNothing() {
        for (MlpPolicy.Kernel kernel : new MlpPolicy.Kernel[] {MlpPolicy.Kernel.VECTOR, MlpPolicy.Kernel.SCALAR}) {
            MlpPolicy p = random(new int[] {8, 256, 256, 2}, 14, true);
            p.useKernel(kernel);
            SplittableRandom r = new SplittableRandom(15);
            float[] obs = gaussian(r, 1023 * 8), actions = new float[1023 * 2], one = Arrays.copyOf(obs, 8), action = new float[2];
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            for (int i = 0; i < 300; i++) p.actBatch(obs, 1023, actions); // warm up: compiled code
            for (int i = 0; i < 20_000; i++) p.act(one, action);
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100; i++) p.actBatch(obs, 1023, actions);
            for (int i = 0; i < 10_000; i++) p.act(one, action);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            // One float[2] per call would be 240 000 bytes; allow the bean's own bookkeeping.
            assertTrue(allocated < 1_000, kernel + " kernel: " + allocated + " bytes allocated over 100 batches and 10 000 single calls");
        }
    }

    @Test
    void wrongSizesAreRefused() {
        MlpPolicy p = random(new int[] {3, 4, 2}, 16, true);
        assertThrows(IllegalArgumentException.class, () -> p.actBatch(new float[6], 3, new float[6]));
        assertThrows(IllegalArgumentException.class, () -> p.actBatch(new float[8], 3, new float[6]));
        assertThrows(IllegalArgumentException.class, () -> p.actBatch(new float[9], -1, new float[6]));
    }
}
