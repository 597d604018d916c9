package org.drcorl.policy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The wide layers of {@link MlpPolicy#actBatch} through the JDK's Vector API, used only when the
 * JVM was started with {@code --add-modules jdk.incubator.vector} (see {@link MlpPolicy#batchKernel}).
 * Loading this class without that module fails, so {@link MlpPolicy} touches it only after
 * checking that the module is in the boot layer.
 *
 * <p>Why it is faster: the scalar kernel loads and stores every output once per pass of four
 * inputs (C2 keeps nothing in registers across passes), which caps it well below the core's
 * multiply-add rate. Here a tile of twelve observations × two vectors of outputs (24 registers)
 * stays in registers for the whole sum over the inputs: per input, two weight vectors are loaded
 * and twelve inputs broadcast for 24 vector multiply-adds, the shape of a BLAS micro-kernel, and
 * each output is stored once. Taller tiles were faster in a side-by-side test of tile shapes
 * (256 inputs and outputs, one AVX-512 core): 4 × 4 vectors about 100–120 GFLOP/s, 8 × 2 about
 * 170, 12 × 2 about 190–200, the engine's own GEMM ceiling on that machine (bench/README.md).
 *
 * <p>The tiles are written out, one variable per broadcast and no store helper: a first version
 * that reused one broadcast variable and stored through a helper was compiled by C2 (JDK 25) with
 * most multiply-adds left as calls that allocate a vector each (73 MB per batch of 1024, a sixth
 * of the speed). {@code MlpPolicyTest.actingAllocatesNothing} catches that.
 *
 * <p>Interpreted or compiled by C1, every Vector API operation allocates: the first batch of 1024
 * took 1.7 s where the scalar kernel takes 0.14 s, and C2's code arrived after about 50 batches.
 * So {@link #ready} answers false at first and starts {@link #warmUp} on a daemon thread, which
 * runs both kernels on a small block until C2 has compiled the tiles and they beat the scalar
 * kernel; until then actBatch uses the scalar kernel (the same bits, so the switch is invisible
 * but for speed). If the tiles are not faster within {@link #WARM_UP_LIMIT}, they are not used.
 *
 * <p>The sums are the scalar kernel's: each output starts at its bias and gets one fused
 * multiply-add per input in ascending order ({@code w.fma(x, acc)} rounds once, like
 * {@link Math#fma}), so a batch row still equals {@link MlpPolicy#act} bit for bit.
 */
final class VectorBlock {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    /** How long the warm-up may try before the scalar kernel is kept for good. */
    static final Duration WARM_UP_LIMIT = Duration.ofSeconds(30);
    /** Consecutive rounds the tiles must beat the scalar kernel (timing noise must not decide). */
    private static final int WINS_NEEDED = 5;

    private enum State { NOT_STARTED, WARMING, FASTER, SLOWER }

    private static volatile State state = State.NOT_STARTED;
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final CountDownLatch DECIDED = new CountDownLatch(1);

    private VectorBlock() {}

    /** Whether actBatch should use the tiles now; the first call starts the warm-up. */
    static boolean ready() {
        State s = state;
        if (s == State.FASTER) return true;
        if (s == State.NOT_STARTED && STARTED.compareAndSet(false, true)) {
            state = State.WARMING;
            Thread.ofPlatform().daemon().name("drcorl-vector-warm-up").start(VectorBlock::warmUp);
        }
        return false;
    }

    /** Starts the warm-up if need be and waits until it has decided, or the timeout passes. */
    static void awaitDecision(Duration timeout) throws InterruptedException {
        ready();
        DECIDED.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** MlpPolicy.batchKernel's words for the state. */
    static String describe() {
        return switch (state) {
            case FASTER -> "vector, " + L + " lanes";
            case NOT_STARTED -> "scalar until the vector kernel (" + L + " lanes) is compiled; no batch yet";
            case WARMING -> "scalar until the vector kernel (" + L + " lanes) is compiled; warming up";
            case SLOWER -> "scalar: the vector kernel (" + L + " lanes) was not faster here";
        };
    }

    /**
     * Runs the tiles and the scalar kernel on one block (sixteen observations: a tile of twelve
     * and one of four; outputs for pairs of vectors, one vector and single columns, so that every
     * path gets compiled) until the tiles have been the faster for WINS_NEEDED rounds in a row,
     * each round the best of ten calls of each. Costs about one core for a second or two, once
     * per JVM.
     */
    private static void warmUp() {
        State verdict = State.SLOWER;
        try {
            int n = 16, nIn = 128, nOut = 4 * L + L + 3;
            SplittableRandom r = new SplittableRandom(1);
            float[][] x = new float[n][nIn], w = new float[nIn][nOut], y = new float[n][nOut];
            float[] b = new float[nOut];
            for (float[] row : x) for (int i = 0; i < nIn; i++) row[i] = (float) r.nextGaussian();
            for (float[] row : w) for (int j = 0; j < nOut; j++) row[j] = (float) r.nextGaussian();
            long deadline = System.nanoTime() + WARM_UP_LIMIT.toNanos();
            int wins = 0;
            while (wins < WINS_NEEDED && System.nanoTime() < deadline) {
                long vector = Long.MAX_VALUE, scalar = Long.MAX_VALUE;
                for (int c = 0; c < 10; c++) {
                    long t0 = System.nanoTime();
                    wideLayer(x, n, nIn, w, b, y, nOut);
                    long t1 = System.nanoTime();
                    MlpPolicy.wideLayerBlock(x, n, nIn, w, b, y, nOut);
                    long t2 = System.nanoTime();
                    vector = Math.min(vector, t1 - t0);
                    scalar = Math.min(scalar, t2 - t1);
                }
                wins = vector < scalar ? wins + 1 : 0;
            }
            if (wins >= WINS_NEEDED) verdict = State.FASTER;
        } finally {
            state = verdict; // also when the warm-up failed: then the scalar kernel stays
            DECIDED.countDown();
        }
    }

    /** The lanes of a vector: 16 on AVX-512, 8 on AVX2. */
    static int lanes() {
        return L;
    }

    /**
     * As {@code MlpPolicy.wideLayerBlock}: y[k] = b + Σ_i x[k][i] · w[i] for the first n
     * observations (a multiple of four), in tiles of two vectors of outputs for twelve
     * observations; the observations left over, and the outputs left over from pairs of vectors,
     * go one vector for four observations at a time, and the last fewer-than-L outputs one by one.
     */
    static void wideLayer(float[][] x, int n, int nIn, float[][] w, float[] b, float[][] y, int nOut) {
        int j = 0;
        for (; j + 2 * L <= nOut; j += 2 * L) {
            int k = 0;
            for (; k + 12 <= n; k += 12) twelveByTwo(x, k, nIn, w, b, y, j);
            for (; k < n; k += 4) { // what is left of a block after its tiles of twelve
                fourByOne(x, k, nIn, w, b, y, j);
                fourByOne(x, k, nIn, w, b, y, j + L);
            }
        }
        for (; j + L <= nOut; j += L) {
            for (int k = 0; k < n; k += 4) fourByOne(x, k, nIn, w, b, y, j);
        }
        for (; j < nOut; j++) {
            for (int k = 0; k < n; k += 4) column(x, k, nIn, w, b, y, j);
        }
    }

    /** Observations k..k+11, outputs j..j+2L-1: 24 accumulators, the most that leave registers for the weights (32 on AVX-512). */
    private static void twelveByTwo(float[][] x, int k, int nIn, float[][] w, float[] b, float[][] y, int j) {
        float[] x0 = x[k], x1 = x[k + 1], x2 = x[k + 2], x3 = x[k + 3], x4 = x[k + 4], x5 = x[k + 5];
        float[] x6 = x[k + 6], x7 = x[k + 7], x8 = x[k + 8], x9 = x[k + 9], x10 = x[k + 10], x11 = x[k + 11];
        FloatVector b0 = FloatVector.fromArray(SPECIES, b, j), b1 = FloatVector.fromArray(SPECIES, b, j + L);
        FloatVector c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1, c30 = b0, c31 = b1;
        FloatVector c40 = b0, c41 = b1, c50 = b0, c51 = b1, c60 = b0, c61 = b1, c70 = b0, c71 = b1;
        FloatVector c80 = b0, c81 = b1, c90 = b0, c91 = b1, c100 = b0, c101 = b1, c110 = b0, c111 = b1;
        for (int i = 0; i < nIn; i++) {
            float[] row = w[i];
            FloatVector u0 = FloatVector.fromArray(SPECIES, row, j), u1 = FloatVector.fromArray(SPECIES, row, j + L);
            FloatVector a0 = FloatVector.broadcast(SPECIES, x0[i]);
            c00 = u0.fma(a0, c00);
            c01 = u1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, x1[i]);
            c10 = u0.fma(a1, c10);
            c11 = u1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, x2[i]);
            c20 = u0.fma(a2, c20);
            c21 = u1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, x3[i]);
            c30 = u0.fma(a3, c30);
            c31 = u1.fma(a3, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, x4[i]);
            c40 = u0.fma(a4, c40);
            c41 = u1.fma(a4, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, x5[i]);
            c50 = u0.fma(a5, c50);
            c51 = u1.fma(a5, c51);
            FloatVector a6 = FloatVector.broadcast(SPECIES, x6[i]);
            c60 = u0.fma(a6, c60);
            c61 = u1.fma(a6, c61);
            FloatVector a7 = FloatVector.broadcast(SPECIES, x7[i]);
            c70 = u0.fma(a7, c70);
            c71 = u1.fma(a7, c71);
            FloatVector a8 = FloatVector.broadcast(SPECIES, x8[i]);
            c80 = u0.fma(a8, c80);
            c81 = u1.fma(a8, c81);
            FloatVector a9 = FloatVector.broadcast(SPECIES, x9[i]);
            c90 = u0.fma(a9, c90);
            c91 = u1.fma(a9, c91);
            FloatVector a10 = FloatVector.broadcast(SPECIES, x10[i]);
            c100 = u0.fma(a10, c100);
            c101 = u1.fma(a10, c101);
            FloatVector a11 = FloatVector.broadcast(SPECIES, x11[i]);
            c110 = u0.fma(a11, c110);
            c111 = u1.fma(a11, c111);
        }
        c00.intoArray(y[k + 0], j);
        c01.intoArray(y[k + 0], j + L);
        c10.intoArray(y[k + 1], j);
        c11.intoArray(y[k + 1], j + L);
        c20.intoArray(y[k + 2], j);
        c21.intoArray(y[k + 2], j + L);
        c30.intoArray(y[k + 3], j);
        c31.intoArray(y[k + 3], j + L);
        c40.intoArray(y[k + 4], j);
        c41.intoArray(y[k + 4], j + L);
        c50.intoArray(y[k + 5], j);
        c51.intoArray(y[k + 5], j + L);
        c60.intoArray(y[k + 6], j);
        c61.intoArray(y[k + 6], j + L);
        c70.intoArray(y[k + 7], j);
        c71.intoArray(y[k + 7], j + L);
        c80.intoArray(y[k + 8], j);
        c81.intoArray(y[k + 8], j + L);
        c90.intoArray(y[k + 9], j);
        c91.intoArray(y[k + 9], j + L);
        c100.intoArray(y[k + 10], j);
        c101.intoArray(y[k + 10], j + L);
        c110.intoArray(y[k + 11], j);
        c111.intoArray(y[k + 11], j + L);
    }

    /** Observations k..k+3, outputs j..j+L-1: the remainders of the tiles of twelve by two. */
    private static void fourByOne(float[][] x, int k, int nIn, float[][] w, float[] b, float[][] y, int j) {
        float[] x0 = x[k], x1 = x[k + 1], x2 = x[k + 2], x3 = x[k + 3];
        FloatVector c0 = FloatVector.fromArray(SPECIES, b, j), c1 = c0, c2 = c0, c3 = c0;
        for (int i = 0; i < nIn; i++) {
            FloatVector u = FloatVector.fromArray(SPECIES, w[i], j);
            c0 = u.fma(FloatVector.broadcast(SPECIES, x0[i]), c0);
            c1 = u.fma(FloatVector.broadcast(SPECIES, x1[i]), c1);
            c2 = u.fma(FloatVector.broadcast(SPECIES, x2[i]), c2);
            c3 = u.fma(FloatVector.broadcast(SPECIES, x3[i]), c3);
        }
        c0.intoArray(y[k], j);
        c1.intoArray(y[k + 1], j);
        c2.intoArray(y[k + 2], j);
        c3.intoArray(y[k + 3], j);
    }

    /** Observations k..k+3, output j alone (the last fewer-than-L outputs), in scalars. */
    private static void column(float[][] x, int k, int nIn, float[][] w, float[] b, float[][] y, int j) {
        float[] x0 = x[k], x1 = x[k + 1], x2 = x[k + 2], x3 = x[k + 3];
        float s0 = b[j], s1 = b[j], s2 = b[j], s3 = b[j];
        for (int i = 0; i < nIn; i++) {
            float u = w[i][j];
            s0 = Math.fma(x0[i], u, s0);
            s1 = Math.fma(x1[i], u, s1);
            s2 = Math.fma(x2[i], u, s2);
            s3 = Math.fma(x3[i], u, s3);
        }
        y[k][j] = s0;
        y[k + 1][j] = s1;
        y[k + 2][j] = s2;
        y[k + 3][j] = s3;
    }
}
