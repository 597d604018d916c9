package org.drcorl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Recording on several threads at once (which DJL's own collector refuses) gives each thread the
 * gradient DJL's collector gives on one, bit for bit, and leaves the other threads' grad mode alone.
 */
class AutogradTest {
    /** ∂/∂w of Σ relu(x·w)² for one seed's x and w, recorded with {@code recorder}. */
    private static float[] gradient(long seed, java.util.function.Supplier<GradientCollector> recorder) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[64 * 32], w = new float[32 * 16];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xs = m.create(x, new Shape(64, 32)), ws = m.create(w, new Shape(32, 16));
            ws.setRequiresGradient(true);
            try (GradientCollector gc = recorder.get()) {
                gc.backward(ai.djl.nn.Activation.relu(xs.matMul(ws)).square().sum());
            }
            return ws.getGradient().toFloatArray();
        }
    }

    @Test
    void threadsRecordAtOnceAndGetDjlsGradients() throws Exception {
        int threads = 4;
        List<float[]> expected = new ArrayList<>();
        for (int t = 0; t < threads; t++) expected.add(gradient(t, () -> Engine.getInstance().newGradientCollector()));
        CyclicBarrier together = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<float[]>> got = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                got.add(pool.submit(() -> {
                    Autograd.offOnThisThread();
                    together.await(); // all recording at the same time
                    float[] g = null;
                    for (int rep = 0; rep < 20; rep++) g = gradient(seed, Autograd::record);
                    return g;
                }));
            }
            for (int t = 0; t < threads; t++) assertArrayEquals(expected.get(t), got.get(t).get(), "thread " + t);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRecordingIsThisThreadsOnlyAndEndsWithItsClose() throws Exception {
        assertFalse(Autograd.recording(), "the engine's thread does not record outside a recording");
        try (GradientCollector gc = Autograd.record()) {
            assertTrue(Autograd.recording());
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                boolean other = pool.submit(() -> {
                    Autograd.offOnThisThread();
                    return Autograd.recording();
                }).get();
                assertFalse(other, "another thread does not record because this one does");
            } finally {
                pool.shutdownNow();
            }
        }
        assertFalse(Autograd.recording(), "closed: off again");
    }
}
