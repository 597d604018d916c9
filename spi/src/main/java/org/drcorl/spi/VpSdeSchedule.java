package org.drcorl.spi;

import ai.djl.ndarray.NDArray;

/**
 * The continuous variance-preserving SDE noise schedule of the behaviour diffusion model:
 * {@code log α_t = −¼ t² (β1 − β0) − ½ t β0}, {@code σ_t = sqrt(1 − α_t²)}, and a noised
 * action {@code a_t = α_t a + σ_t z}. DRCORL uses β0 = 0.1, β1 = 20 ({@link #DRCORL}).
 */
public record VpSdeSchedule(double beta0, double beta1) {

    public static final VpSdeSchedule DRCORL = new VpSdeSchedule(0.1, 20.0);

    public VpSdeSchedule {
        if (!(beta0 >= 0 && beta1 > beta0)) {
            throw new IllegalArgumentException("VP-SDE needs 0 <= beta0 < beta1, got " + beta0 + ", " + beta1);
        }
    }

    public double logAlpha(double t) {
        return -0.25 * t * t * (beta1 - beta0) - 0.5 * t * beta0;
    }

    public double alpha(double t) {
        return Math.exp(logAlpha(t));
    }

    public double sigma(double t) {
        double a = alpha(t);
        return Math.sqrt(1.0 - a * a);
    }

    /** log α_t element-wise for a tensor of times. */
    public NDArray logAlpha(NDArray t) {
        return Constants.mul(t.square(), -0.25 * (beta1 - beta0)).sub(Constants.mul(t, 0.5 * beta0));
    }

    /** α_t element-wise. */
    public NDArray alpha(NDArray t) {
        return logAlpha(t).exp();
    }

    /** σ_t element-wise. */
    public NDArray sigma(NDArray t) {
        return Constants.mul(logAlpha(t), 2).exp().neg().add(1).sqrt();
    }
}
