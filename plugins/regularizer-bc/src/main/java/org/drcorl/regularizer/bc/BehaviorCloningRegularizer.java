package org.drcorl.regularizer.bc;

import ai.djl.ndarray.NDArray;
import org.drcorl.spi.Constants;
import org.drcorl.spi.PluginOptions;
import org.drcorl.spi.Regularizer;
import org.drcorl.spi.RegularizerBatch;
import org.pf4j.Extension;

/**
 * Behaviour cloning as the regularizer: {@code weight · mean (π(s) − a_data)²}, the mean
 * squared error to the dataset's actions that TD3+BC (Fujimoto and Gu, 2021) adds to the
 * actor's objective. The mean runs over batch and action dimensions, as TD3+BC's
 * {@code F.mse_loss} does. Unlike {@code diffusion} it needs no behaviour model, at the price
 * of pulling toward the data's conditional mean rather than its modes.
 */
@Extension
public final class BehaviorCloningRegularizer implements Regularizer {
    /** Multiplies the loss; its trade-off against the critic terms is set by β, so 1.0 is neutral. */
    private double weight = 1.0;

    @Override
    public String name() {
        return "bc";
    }

    @Override
    public String description() {
        return "behaviour cloning: weight · mean squared error to the dataset's actions (option weight=1.0)";
    }

    @Override
    public void configure(PluginOptions options) {
        weight = options.getDouble("weight", weight);
        // A negative weight would push the policy away from the data: never what anyone means.
        if (weight < 0) throw options.invalid("weight", "must be >= 0, got " + weight);
    }

    @Override
    public NDArray loss(RegularizerBatch batch) {
        return Constants.mul(batch.policyActions().sub(batch.dataActions()).square().mean(), weight);
    }
}
