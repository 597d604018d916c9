package org.drcorl.bench;

import org.drcorl.nn.ScoreNetwork;

/**
 * Multiply-adds of one forward pass per sample, from the layer shapes; a FLOP is half a
 * multiply-add. Only the matrix products are counted (activations, norms and optimizer updates
 * are O(width), not O(width²)): this is the work the GEMM ceiling measures.
 *
 * <p>Convention for a training step: forward + backward ≈ 3 × forward (the backward pass does one
 * product for the input gradient and one for the weight gradient per layer). A frozen network that
 * only passes a gradient through to its input costs 2 × forward; a forward pass without any
 * gradient, 1 ×. The first layer's input gradient is counted although it is not needed, so the
 * counts slightly overstate the work (by ≤ 1 / (3 × depth)).
 */
final class FlopCounts {
    private FlopCounts() {}

    /** Σ in·out over consecutive layer widths. */
    static long mlpMacs(int... sizes) {
        long macs = 0;
        for (int i = 0; i + 1 < sizes.length; i++) macs += (long) sizes[i] * sizes[i + 1];
        return macs;
    }

    /** The behaviour model's noise predictor ({@link ScoreNetwork}): time embedding, trunk, residual blocks, head. */
    static long scoreNetworkMacs(int obs, int act, int hidden, int blocks) {
        int fourier = 2 * ScoreNetwork.FOURIER_FREQUENCIES, emb = ScoreNetwork.TIME_EMBEDDING;
        long time = (long) fourier * emb + (long) emb * emb + ScoreNetwork.FOURIER_FREQUENCIES;
        long trunk = (long) (act + obs + emb) * hidden + (long) blocks * 2 * hidden * 4L * hidden + (long) hidden * act;
        return time + trunk;
    }

    static double gflop(double macs) {
        return 2 * macs / 1e9;
    }
}
