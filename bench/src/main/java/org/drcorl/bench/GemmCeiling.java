package org.drcorl.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Dense float32 GEMM throughput through the engine that trains the networks (DJL → libtorch →
 * its BLAS): the machine's ceiling for work that is all matrix products, against which every
 * training step is compared. One sample multiplies (m × k)(k × n) often enough to last about
 * 0.2 s and reports GFLOP/s = 2mkn / time.
 */
final class GemmCeiling implements AutoCloseable {
    private final NDManager manager;
    private final NDArray a, b;
    private final double flop;
    private final int calls;
    private final String shape;

    GemmCeiling(NDManager parent, int m, int k, int n) {
        this.manager = parent.newSubManager();
        this.a = manager.randomUniform(-1, 1, new Shape(m, k));
        this.b = manager.randomUniform(-1, 1, new Shape(k, n));
        this.flop = 2.0 * m * k * n;
        this.shape = m + "×" + k + "·" + k + "×" + n;
        this.calls = Timing.callsFor(this::multiply, 0.2);
    }

    private void multiply() {
        a.matMul(b).close();
    }

    String shape() {
        return shape;
    }

    /** GFLOP/s of {@code count} samples. */
    double[] samples(int count) {
        Timing.Samples s = Timing.perCall(this::multiply, 1, count, calls);
        double[] g = new double[count];
        for (int i = 0; i < count; i++) g[i] = flop / s.wall()[i] / 1e9;
        return g;
    }

    @Override
    public void close() {
        manager.close();
    }
}
