package org.drcorl.policy;

import java.util.Arrays;

/**
 * An MLP policy in plain Java arrays: acting needs no native engine and
 * {@link #act(float[], float[])} allocates nothing, which makes batch-1 inference (evaluation
 * rollouts, deployment) far cheaper than a DJL forward pass (a few µs instead of ~100 µs of
 * engine round trips). Outputs equal the training engine's within float rounding (the sums run in
 * a different order and with fused multiply-adds). Not thread-safe (it reuses its scratch
 * buffers); make one per thread.
 *
 * <p>Why it is fast: a layer is {@code out = b + Σ_i x_i W[i, ·]} over the rows of the
 * (in, out) weight matrix. Only the rows of non-zero inputs are visited (after a ReLU about
 * half of them are zero), and they are taken four at a time so that each pass over
 * {@code out} does four fused multiply-adds per element per load and store of {@code out}.
 * Each row is its own array, read at the same index as {@code out} is written: with rows at
 * different offsets of one flat array, C2 cannot rule out that {@code out} is that array and
 * refuses to vectorize (measured: 12.6 µs per 256×256 layer flat, 4.3 µs with row arrays, on
 * AVX2 — 8 floats per instruction).
 *
 * <p>{@link #actBatch} works on blocks of 24 observations instead (see {@code wideLayerBlock}):
 * every input row, zero or not, four rows for four observations per pass, so that each weight
 * loaded serves four observations and the weights stay in cache across the block. That does twice
 * the multiply-adds of skipping zeros one observation at a time, and is still about three times as
 * fast per observation (bench/README.md, "The plain-Java policy"). Every output is summed in the
 * same order on both paths (the bias, then one fused multiply-add per input in ascending order;
 * a skipped zero input adds nothing), so a batch row equals the single call bit for bit, whatever
 * the batch size or the row's place in it.
 *
 * <p>When the JVM runs with {@code --add-modules jdk.incubator.vector}, the wide layers of
 * actBatch use {@code VectorBlock} instead, which keeps a tile of outputs in vector registers over
 * the whole sum; the sums are the same, bit for bit. Until C2 has compiled it (before that the
 * Vector API allocates per operation: a first batch of 1024 took 1.7 s against the scalar
 * kernel's 0.14 s) actBatch keeps to the scalar kernel while a daemon thread warms the vector
 * one up and checks that it is faster.
 * {@link #batchKernel} says which one this JVM uses. The module is optional because it is still
 * an incubator module (the JVM prints a warning when it is added): a program that acts one
 * observation at a time gains nothing from it.
 */
public final class MlpPolicy {
    private final float[][][] weights; // [layer][in][out]: one array per input row (see the class comment)
    private final float[][] biases;
    private final int[] sizes;
    private final boolean tanhOutput;
    private final float[][] scratch;
    private final int[] active; // indices of the non-zero inputs of the current layer
    // actBatch: the activations of BLOCK observations, one row array per observation and layer
    // ([layer][observation][unit]), and the weights of each narrow layer transposed ([out][in],
    // null for wide ones, see NARROW). Made by the first actBatch, so that a policy that only
    // acts one observation at a time (evaluation rollouts, deployment) does not carry them:
    // about 50 KB for the 8 → 256 → 256 → 2 policy.
    private float[][][] block;
    private float[][][] transposed;

    /**
     * Observations actBatch runs through a wide layer together (see {@link #wideLayerBlock}): a
     * multiple of four for the scalar kernel, of twelve for the vector one's tiles.
     */
    private static final int BLOCK = 24;
    /**
     * Layers with at most this many outputs are computed as dot products in actBatch: a row pass
     * over so few outputs is too short for C2 to vectorize, and the dot products of a block of
     * observations are independent chains the CPU overlaps.
     */
    private static final int NARROW = 8;

    /** The property that turns the Vector API kernel off ({@code -Ddrcorl.policy.batch-kernel=scalar}), for comparisons. */
    public static final String BATCH_KERNEL_PROPERTY = "drcorl.policy.batch-kernel";
    private static final boolean VECTOR_AVAILABLE = vectorAvailable();

    /** Which wide-layer kernel actBatch uses: the vector one once it is compiled (the default), or one of the two always (tests). */
    enum Kernel { AUTO, VECTOR, SCALAR }

    private Kernel kernel = Kernel.AUTO;

    private MlpPolicy(float[][][] weights, float[][] biases, int[] sizes, boolean tanhOutput) {
        this.weights = weights;
        this.biases = biases;
        this.sizes = sizes;
        this.tanhOutput = tanhOutput;
        this.scratch = new float[sizes.length][];
        int widest = 0;
        for (int i = 0; i < sizes.length; i++) {
            scratch[i] = new float[sizes[i]];
            widest = Math.max(widest, sizes[i]);
        }
        this.active = new int[widest];
    }

    /**
     * A policy from its layers: {@code weights[l]} row-major {@code (in, out)} (the input size of
     * layer {@code l} times its output size), {@code biases[l]} of its output size; ReLU between
     * layers, tanh on the output when {@code tanhOutput}. The arrays are copied.
     *
     * @throws IllegalArgumentException when the sizes do not chain
     */
    public static MlpPolicy of(int[] sizes, float[][] weights, float[][] biases, boolean tanhOutput) {
        int layers = sizes.length - 1;
        if (layers < 1 || weights.length != layers || biases.length != layers) {
            throw new IllegalArgumentException(sizes.length + " sizes need " + layers + " weight and bias arrays, got "
                    + weights.length + " and " + biases.length);
        }
        float[][][] w = new float[layers][][];
        float[][] b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int in = sizes[l], out = sizes[l + 1];
            if (in <= 0 || out <= 0) throw new IllegalArgumentException("layer sizes must be positive: " + Arrays.toString(sizes));
            if (weights[l].length != (long) in * out || biases[l].length != out) {
                throw new IllegalArgumentException("layer " + l + " (" + in + " -> " + out + ") needs " + (long) in * out
                        + " weights and " + out + " biases, got " + weights[l].length + " and " + biases[l].length);
            }
            w[l] = new float[in][];
            for (int r = 0; r < in; r++) w[l][r] = Arrays.copyOfRange(weights[l], r * out, (r + 1) * out);
            b[l] = biases[l].clone();
        }
        return new MlpPolicy(w, b, sizes.clone(), tanhOutput);
    }

    /**
     * Which kernel {@link #actBatch} uses for wide layers in this JVM, in words: {@code "vector,
     * N lanes"} when the JVM was started with {@code --add-modules jdk.incubator.vector} and that
     * kernel is compiled and measured faster than the scalar one; {@code "scalar"} without the
     * module (or with {@code -D}{@value #BATCH_KERNEL_PROPERTY}{@code =scalar}); otherwise a
     * sentence saying why the scalar kernel is in use for now. Both give the same actions bit for bit.
     */
    public static String batchKernel() {
        return VECTOR_AVAILABLE ? VectorBlock.describe() : "scalar";
    }

    /**
     * Waits until actBatch's kernel is settled: the vector kernel compiled and found faster, or
     * found slower, or the timeout passed; returns {@link #batchKernel()}. Only worth calling
     * before timing batches: actBatch does not wait (it uses the scalar kernel meanwhile), and
     * without the Vector API module this returns at once.
     */
    public static String awaitBatchKernel(java.time.Duration timeout) throws InterruptedException {
        if (VECTOR_AVAILABLE) VectorBlock.awaitDecision(timeout);
        return batchKernel();
    }

    private static boolean vectorAvailable() {
        if ("scalar".equals(System.getProperty(BATCH_KERNEL_PROPERTY))) return false;
        // VectorBlock cannot even be loaded without the module: look before touching it
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
        try {
            return VectorBlock.lanes() >= 4; // a one-lane "vector" would only add overhead
        } catch (LinkageError e) {
            return false;
        }
    }

    /** For tests: which wide-layer kernel this policy's actBatch uses (VECTOR only where the module is there). */
    void useKernel(Kernel k) {
        kernel = k == Kernel.VECTOR && !VECTOR_AVAILABLE ? Kernel.SCALAR : k;
    }

    /** The layer sizes, input first. */
    public int[] sizes() {
        return sizes.clone();
    }

    /** Whether the output goes through tanh (actions in (-1, 1)). */
    public boolean tanhOutput() {
        return tanhOutput;
    }

    /** Layer {@code l}'s weights, row-major (in, out), a copy. */
    public float[] weights(int l) {
        float[] flat = new float[sizes[l] * sizes[l + 1]];
        for (int r = 0; r < sizes[l]; r++) System.arraycopy(weights[l][r], 0, flat, r * sizes[l + 1], sizes[l + 1]);
        return flat;
    }

    /** Layer {@code l}'s biases, a copy. */
    public float[] biases(int l) {
        return biases[l].clone();
    }

    /** A fresh copy with its own scratch buffers, for another thread. */
    public MlpPolicy copy() {
        return new MlpPolicy(weights, biases, sizes, tanhOutput);
    }

    public int inputSize() {
        return sizes[0];
    }

    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    /** The action for one observation (a new array; {@link #act(float[], float[])} allocates nothing). */
    public float[] act(float[] observation) {
        float[] action = new float[outputSize()];
        act(observation, action);
        return action;
    }

    /** Writes the action for {@code observation} into {@code action}; allocates nothing. */
    public void act(float[] observation, float[] action) {
        if (observation.length != sizes[0]) {
            throw new IllegalArgumentException("observation has " + observation.length + " values, the policy expects " + sizes[0]);
        }
        if (action.length != outputSize()) {
            throw new IllegalArgumentException("action has " + action.length + " values, the policy produces " + outputSize());
        }
        forward(observation, 0, action, 0);
    }

    /**
     * Actions for {@code count} observations stored one after another in {@code observations},
     * written one after another into {@code actions}. Allocates nothing after the first call of
     * four or more observations, which makes the batch buffers. Each row's action equals
     * {@link #act(float[], float[])} on it bit for bit.
     */
    public void actBatch(float[] observations, int count, float[] actions) {
        int in = sizes[0], out = outputSize();
        if (count < 0 || (long) count * in > observations.length || (long) count * out > actions.length) {
            throw new IllegalArgumentException("batch of " + count + " needs " + (long) count * in + " observation and "
                    + (long) count * out + " action values, got " + observations.length + " and " + actions.length);
        }
        if (count >= 4 && block == null) makeBatchBuffers();
        boolean vector = switch (kernel) {
            case AUTO -> count >= 4 && VECTOR_AVAILABLE && VectorBlock.ready();
            case VECTOR -> true;
            case SCALAR -> false;
        };
        int k = 0;
        for (; k + BLOCK <= count; k += BLOCK) forwardBlock(observations, k * in, BLOCK, actions, k * out, vector);
        int quads = (count - k) / 4 * 4;
        if (quads > 0) forwardBlock(observations, k * in, quads, actions, k * out, vector);
        for (k += quads; k < count; k++) forward(observations, k * in, actions, k * out);
    }

    /** The buffers of actBatch, made on its first call (see the fields). */
    private void makeBatchBuffers() {
        block = new float[sizes.length][BLOCK][];
        for (int l = 0; l < sizes.length; l++) {
            for (int k = 0; k < BLOCK; k++) block[l][k] = new float[sizes[l]];
        }
        transposed = new float[weights.length][][];
        for (int l = 0; l < weights.length; l++) {
            int nIn = sizes[l], nOut = sizes[l + 1];
            if (nOut > NARROW) continue;
            transposed[l] = new float[nOut][nIn];
            for (int i = 0; i < nIn; i++) {
                for (int j = 0; j < nOut; j++) transposed[l][j][i] = weights[l][i][j];
            }
        }
    }

    /**
     * The actions of {@code n} observations (a multiple of four, at most BLOCK) starting at
     * {@code observations[from]}. Each output is accumulated exactly as {@link #forward} does it
     * (the bias, then one fused multiply-add per input in ascending order), so a row of a batch
     * equals a single call bit for bit; only the zero inputs are not skipped, and adding a
     * {@code 0·w} leaves a sum unchanged (for finite weights; at most a sum of exactly zero can
     * change its sign, which a ReLU erases and only a final output could show).
     */
    private void forwardBlock(float[] observations, int from, int n, float[] actions, int to, boolean vector) {
        int nIn0 = sizes[0];
        float[][] x = block[0];
        for (int k = 0; k < n; k++) System.arraycopy(observations, from + k * nIn0, x[k], 0, nIn0);
        int last = weights.length - 1;
        for (int l = 0; l <= last; l++) {
            float[][] y = block[l + 1];
            if (transposed[l] != null) {
                narrowLayerBlock(block[l], n, sizes[l], transposed[l], biases[l], y, sizes[l + 1]);
            } else if (vector) {
                VectorBlock.wideLayer(block[l], n, sizes[l], weights[l], biases[l], y, sizes[l + 1]);
            } else {
                wideLayerBlock(block[l], n, sizes[l], weights[l], biases[l], y, sizes[l + 1]);
            }
            if (l < last) {
                for (int k = 0; k < n; k++) {
                    float[] row = y[k];
                    for (int j = 0; j < row.length; j++) row[j] = Math.max(row[j], 0f);
                }
            }
        }
        float[][] y = block[last + 1];
        int nOut = outputSize();
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < nOut; j++) actions[to + k * nOut + j] = tanhOutput ? (float) Math.tanh(y[k][j]) : y[k][j];
        }
    }

    private void forward(float[] observations, int from, float[] actions, int to) {
        System.arraycopy(observations, from, scratch[0], 0, sizes[0]);
        int last = weights.length - 1;
        for (int l = 0; l <= last; l++) {
            float[] out = scratch[l + 1];
            layer(scratch[l], sizes[l], weights[l], biases[l], out, sizes[l + 1]);
            if (l < last) {
                for (int j = 0; j < out.length; j++) out[j] = Math.max(out[j], 0f);
            }
        }
        float[] y = scratch[last + 1];
        for (int j = 0; j < y.length; j++) actions[to + j] = tanhOutput ? (float) Math.tanh(y[j]) : y[j];
    }

    /** out = b + Σ_i in[i] · w[i], over the non-zero inputs only, four rows per pass. */
    private void layer(float[] in, int nIn, float[][] w, float[] b, float[] out, int nOut) {
        System.arraycopy(b, 0, out, 0, nOut);
        int[] idx = active;
        int k = 0;
        for (int i = 0; i < nIn; i++) if (in[i] != 0f) idx[k++] = i;
        int g = 0;
        for (; g + 4 <= k; g += 4) {
            int i0 = idx[g], i1 = idx[g + 1], i2 = idx[g + 2], i3 = idx[g + 3];
            float x0 = in[i0], x1 = in[i1], x2 = in[i2], x3 = in[i3];
            float[] w0 = w[i0], w1 = w[i1], w2 = w[i2], w3 = w[i3];
            for (int j = 0; j < nOut; j++) {
                out[j] = Math.fma(x3, w3[j], Math.fma(x2, w2[j], Math.fma(x1, w1[j], Math.fma(x0, w0[j], out[j]))));
            }
        }
        for (; g < k; g++) {
            float x = in[idx[g]];
            float[] row = w[idx[g]];
            for (int j = 0; j < nOut; j++) out[j] = Math.fma(x, row[j], out[j]);
        }
    }

    /**
     * y[k] = b + Σ_i x[k][i] · w[i] for the first {@code n} observations k of the block (a
     * multiple of four), all inputs. Four weight rows per pass over the outputs, for four
     * observations at once: each weight loaded serves four observations, so a pass does sixteen
     * fused multiply-adds per output per four weight loads, where {@link #layer} does four. The
     * four rows are then used for the block's other quadruples while they are still in the L1
     * cache, so the weight matrix (256 KB for 256×256) is read from L2 once per block rather than
     * once per quadruple. Every array is read and written at the same index {@code j}, which
     * lets C2 vectorize the pass (see the class comment).
     */
    static void wideLayerBlock(float[][] x, int n, int nIn, float[][] w, float[] b, float[][] y, int nOut) {
        for (int k = 0; k < n; k++) System.arraycopy(b, 0, y[k], 0, nOut);
        int i = 0;
        for (; i + 4 <= nIn; i += 4) {
            float[] w0 = w[i], w1 = w[i + 1], w2 = w[i + 2], w3 = w[i + 3];
            for (int k = 0; k < n; k += 4) {
                float[] x0 = x[k], x1 = x[k + 1], x2 = x[k + 2], x3 = x[k + 3];
                float[] y0 = y[k], y1 = y[k + 1], y2 = y[k + 2], y3 = y[k + 3];
                float a0 = x0[i], a1 = x0[i + 1], a2 = x0[i + 2], a3 = x0[i + 3];
                float b0 = x1[i], b1 = x1[i + 1], b2 = x1[i + 2], b3 = x1[i + 3];
                float c0 = x2[i], c1 = x2[i + 1], c2 = x2[i + 2], c3 = x2[i + 3];
                float d0 = x3[i], d1 = x3[i + 1], d2 = x3[i + 2], d3 = x3[i + 3];
                for (int j = 0; j < nOut; j++) {
                    float u0 = w0[j], u1 = w1[j], u2 = w2[j], u3 = w3[j];
                    y0[j] = Math.fma(a3, u3, Math.fma(a2, u2, Math.fma(a1, u1, Math.fma(a0, u0, y0[j]))));
                    y1[j] = Math.fma(b3, u3, Math.fma(b2, u2, Math.fma(b1, u1, Math.fma(b0, u0, y1[j]))));
                    y2[j] = Math.fma(c3, u3, Math.fma(c2, u2, Math.fma(c1, u1, Math.fma(c0, u0, y2[j]))));
                    y3[j] = Math.fma(d3, u3, Math.fma(d2, u2, Math.fma(d1, u1, Math.fma(d0, u0, y3[j]))));
                }
            }
        }
        for (; i < nIn; i++) {
            float[] w0 = w[i];
            for (int k = 0; k < n; k += 4) {
                float[] y0 = y[k], y1 = y[k + 1], y2 = y[k + 2], y3 = y[k + 3];
                float a = x[k][i], bb = x[k + 1][i], c = x[k + 2][i], d = x[k + 3][i];
                for (int j = 0; j < nOut; j++) {
                    float u = w0[j];
                    y0[j] = Math.fma(a, u, y0[j]);
                    y1[j] = Math.fma(bb, u, y1[j]);
                    y2[j] = Math.fma(c, u, y2[j]);
                    y3[j] = Math.fma(d, u, y3[j]);
                }
            }
        }
    }

    /**
     * y[k][j] = b[j] + Σ_i x[k][i] · wt[j][i] for the first {@code n} observations k of the block
     * (a multiple of four): dot products summed in ascending {@code i} as {@link #layer} does.
     * Two outputs of four observations at a time make eight independent sums, enough to hide the
     * latency of the fused multiply-add.
     */
    private static void narrowLayerBlock(float[][] x, int n, int nIn, float[][] wt, float[] b, float[][] y, int nOut) {
        for (int k = 0; k < n; k += 4) {
            float[] x0 = x[k], x1 = x[k + 1], x2 = x[k + 2], x3 = x[k + 3];
            int j = 0;
            for (; j + 2 <= nOut; j += 2) {
                float[] c = wt[j], e = wt[j + 1];
                float s0 = b[j], s1 = b[j], s2 = b[j], s3 = b[j];
                float t0 = b[j + 1], t1 = b[j + 1], t2 = b[j + 1], t3 = b[j + 1];
                for (int i = 0; i < nIn; i++) {
                    float u = c[i], v = e[i], p0 = x0[i], p1 = x1[i], p2 = x2[i], p3 = x3[i];
                    s0 = Math.fma(p0, u, s0);
                    s1 = Math.fma(p1, u, s1);
                    s2 = Math.fma(p2, u, s2);
                    s3 = Math.fma(p3, u, s3);
                    t0 = Math.fma(p0, v, t0);
                    t1 = Math.fma(p1, v, t1);
                    t2 = Math.fma(p2, v, t2);
                    t3 = Math.fma(p3, v, t3);
                }
                y[k][j] = s0;
                y[k + 1][j] = s1;
                y[k + 2][j] = s2;
                y[k + 3][j] = s3;
                y[k][j + 1] = t0;
                y[k + 1][j + 1] = t1;
                y[k + 2][j + 1] = t2;
                y[k + 3][j + 1] = t3;
            }
            for (; j < nOut; j++) {
                float[] c = wt[j];
                float s0 = b[j], s1 = b[j], s2 = b[j], s3 = b[j];
                for (int i = 0; i < nIn; i++) {
                    float u = c[i];
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
    }
}
