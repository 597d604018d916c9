package org.drcorl.regularizer.none;

import ai.djl.ndarray.NDArray;
import org.drcorl.spi.Constants;
import org.drcorl.spi.Regularizer;
import org.drcorl.spi.RegularizerBatch;
import org.pf4j.Extension;

/**
 * No regularization: the policy follows the critics alone (the pure-critic ablation, which
 * shows how far the policy drifts out of the data's support without a regularizer).
 */
@Extension
public final class NoRegularizer implements Regularizer {

    @Override
    public String name() {
        return "none";
    }

    @Override
    public String description() {
        return "no regularization: the policy follows the critics alone (ablation)";
    }

    @Override
    public NDArray loss(RegularizerBatch batch) {
        // Zero, but still a scalar in the policy actions' graph: the host differentiates every
        // objective with respect to the actions and expects a gradient (of zeros) to exist.
        return Constants.mul(batch.policyActions(), 0).sum();
    }
}
