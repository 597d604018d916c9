package org.drcorl.handler.slack;

import java.util.Map;
import org.drcorl.spi.ConstraintHandler;
import org.drcorl.spi.ConstraintStep;
import org.drcorl.spi.PluginOptions;
import org.drcorl.spi.PolicyUpdate;
import org.pf4j.Extension;

/**
 * DRCORL's safety adaptation: slack relaxation with gradient manipulation. With Ĉ the
 * normalized cost estimate, limit l and slack h:
 * <ul>
 *   <li>Ĉ ≤ l − h: the reward update alone (zone −1);</li>
 *   <li>Ĉ > l + h: the cost update alone (zone +1);</li>
 *   <li>in between (zone 0) both objectives: if the reward update r and the cost update c
 *       conflict (⟨r, c⟩ < 0), each is projected onto the normal plane of the other (PCGrad,
 *       Yu et al. 2020) before averaging, so the step improves neither objective at the
 *       other's expense; otherwise they are simply averaged.</li>
 * </ul>
 * The updates are the optimizer's steps after Adam's normalization, as in the reference, so
 * neither objective's raw gradient scale swamps the other's in the band.
 */
@Extension
public final class SlackRelaxationHandler implements ConstraintHandler {
    /** l: the budget on Ĉ; Ĉ is episode cost / κ, so 1.0 is exactly DSRL's safety threshold. */
    private double limit = 1.0;
    /**
     * h: half-width of the band around l in which both objectives are served. DRCORL.md fixes
     * no value. 0.1 (10 % of the budget) is wide enough that small fluctuations of Ĉ around
     * the budget (estimation noise, the policy's own drift between steps) do not flip the
     * handler between pure reward and pure cost steps, and narrow enough that pure reward
     * steps stop at 0.9 of the budget and a clearly unsafe 1.1 gets pure cost steps.
     */
    private double slack = 0.1;

    private int zone;
    private boolean conflict;

    @Override
    public String name() {
        return "slack";
    }

    @Override
    public String description() {
        return "DRCORL: reward step under limit-slack, cost step over limit+slack, PCGrad-combined"
                + " in between (options limit=1.0, slack=0.1)";
    }

    @Override
    public void configure(PluginOptions options) {
        limit = options.getDouble("limit", limit);
        slack = options.getDouble("slack", slack);
        if (limit <= 0) throw options.invalid("limit", "must be > 0, got " + limit);
        // A band reaching below zero cost would leave no pure reward zone at all.
        if (slack < 0 || slack >= limit) {
            throw options.invalid("slack", "must be >= 0 and < limit (" + limit + "), got " + slack);
        }
    }

    @Override
    public PolicyUpdate decide(ConstraintStep step) {
        double estimate = step.costEstimate();
        conflict = false;
        if (estimate <= limit - slack) {
            zone = -1;
            return step.rewardUpdate();
        }
        if (estimate > limit + slack) {
            zone = 1;
            return step.costUpdate();
        }
        zone = 0;
        PolicyUpdate reward = step.rewardUpdate();
        PolicyUpdate cost = step.costUpdate();
        if (reward.dot(cost) < 0) {
            conflict = true;
            // Both projections use the original vectors (PCGrad with two tasks).
            PolicyUpdate projectedReward = reward.withoutComponentAlong(cost);
            cost = cost.withoutComponentAlong(reward);
            reward = projectedReward;
        }
        return reward.plus(cost).times(0.5);
    }

    @Override
    public Map<String, Double> diagnostics() {
        return Map.of("zone", (double) zone, "conflict", conflict ? 1.0 : 0.0);
    }
}
