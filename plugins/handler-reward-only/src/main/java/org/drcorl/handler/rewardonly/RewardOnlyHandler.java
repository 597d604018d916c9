package org.drcorl.handler.rewardonly;

import org.drcorl.spi.ConstraintHandler;
import org.drcorl.spi.ConstraintStep;
import org.drcorl.spi.PolicyUpdate;
import org.pf4j.Extension;

/**
 * The unconstrained ablation: always the reward-improving update, whatever the cost estimate.
 * Comparing against it shows what the constraint handling costs in reward and buys in safety.
 */
@Extension
public final class RewardOnlyHandler implements ConstraintHandler {

    @Override
    public String name() {
        return "reward-only";
    }

    @Override
    public String description() {
        return "ignores cost: always the reward update (unconstrained ablation)";
    }

    @Override
    public PolicyUpdate decide(ConstraintStep step) {
        return step.rewardUpdate();
    }
}
