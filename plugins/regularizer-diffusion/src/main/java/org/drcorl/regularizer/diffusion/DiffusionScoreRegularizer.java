package org.drcorl.regularizer.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.drcorl.spi.BehaviorModel;
import org.drcorl.spi.Constants;
import org.drcorl.spi.PluginOptions;
import org.drcorl.spi.Regularizer;
import org.drcorl.spi.RegularizerBatch;
import org.drcorl.spi.VpSdeSchedule;
import org.pf4j.Extension;

/**
 * DRCORL's diffusion regularizer, the score regularization of SRPO (Chen et al. 2023). For the
 * policy's actions a, t ~ U(t-min, t-max) per sample and z ~ N(0, I):
 * {@code loss = weight · mean_b[ σ_t² · ⟨ε̂, a⟩ ]} with {@code ε̂ = ε_ψ(α_t a + σ_t z, t, s)} held
 * constant, so that {@code ∇_a loss = weight · σ_t² · ε̂ / B}: the behaviour model's score
 * {@code −ε̂/σ_t}, weighted, which approximates the gradient of KL(π ‖ μ) in a. The range
 * (0.02, 0.98) and the weight w(t) = σ_t² are the reference code's (DRCORL.md, stage 3).
 *
 * <p>Option {@code variance-reduced} uses {@code ⟨ε̂ − z, a⟩}: z is independent of a and has mean
 * zero, so the expected gradient is unchanged, but the noise that ε̂ merely echoes back is
 * subtracted (for an ideal model of a point mass, ε̂ − z has no noise left at all).
 */
@Extension
public final class DiffusionScoreRegularizer implements Regularizer {
    /** Smallest diffusion time: below it σ_t → 0 and the weight σ_t² discards the sample anyway. */
    private double tMin = 0.02;
    /** Largest diffusion time: near 1 the noised action is almost pure noise and ε̂ says little about μ. */
    private double tMax = 0.98;
    /** Off by default to match the reference code's loss; see the class comment for what it changes. */
    private boolean varianceReduced = false;
    /** Multiplies the loss; the trade-off against the critics is β's job, so 1.0 is neutral. */
    private double weight = 1.0;

    @Override
    public String name() {
        return "diffusion";
    }

    @Override
    public String description() {
        return "DRCORL/SRPO score regularization toward the behaviour diffusion model"
                + " (options t-min=0.02, t-max=0.98, variance-reduced=false, weight=1.0)";
    }

    @Override
    public boolean needsBehaviorModel() {
        return true;
    }

    @Override
    public void configure(PluginOptions options) {
        tMin = options.getDouble("t-min", tMin);
        tMax = options.getDouble("t-max", tMax);
        varianceReduced = options.getBoolean("variance-reduced", varianceReduced);
        weight = options.getDouble("weight", weight);
        // The model is defined on t in (0, 1]; at t = 0 σ_t = 0 and ε̂ is meaningless.
        if (!(tMin > 0 && tMin < 1)) throw options.invalid("t-min", "must be in (0, 1), got " + tMin);
        if (!(tMax > tMin && tMax <= 1)) throw options.invalid("t-max", "must be in (t-min, 1], got " + tMax);
        if (!(weight > 0)) throw options.invalid("weight", "must be > 0 (use the 'none' regularizer for none), got " + weight);
    }

    @Override
    public NDArray loss(RegularizerBatch batch) {
        NDManager manager = batch.manager();
        NDArray actions = batch.policyActions();
        BehaviorModel model = batch.behaviorModel();
        VpSdeSchedule schedule = model.schedule();
        NDArray times = batch.random().uniform(manager, (float) tMin, (float) tMax, new Shape(actions.getShape().get(0), 1));
        NDArray noise = batch.random().normal(manager, actions.getShape());
        NDArray sigma = schedule.sigma(times);
        // The noised action only feeds ε̂, which is a constant of the loss: no graph through it.
        NDArray noisy = actions.stopGradient().mul(schedule.alpha(times)).add(sigma.mul(noise));
        NDArray predicted = model.predictNoise(noisy, times, batch.states()).stopGradient();
        NDArray direction = varianceReduced ? predicted.sub(noise) : predicted;
        NDArray perSample = direction.mul(actions).sum(new int[] {1}, true).mul(sigma.square());
        return Constants.mul(perSample.mean(), weight);
    }
}
