package org.drcorl.train.extract;

import java.util.List;
import org.drcorl.eval.EpisodeStats;
import org.drcorl.eval.Evaluator;
import org.drcorl.eval.PlainMlpPolicy;
import org.drcorl.spi.NormalizationConstants;
import org.drcorl.spi.TaskProvider;

/**
 * An opt-in check of the offline estimate against the simulator ({@code --audit-episodes}):
 * every snapshot of phase 2 is also rolled out for {@code episodes} whole episodes and what they
 * measure is logged next to the estimate. It never steers: neither the handler nor the
 * selection sees it (DRCORL's reference code steered by such rollouts, one episode each; that
 * leaves the offline setting). The rollouts use the plain-Java copy of the policy.
 *
 * @param provider the task's provider
 * @param taskId   the task
 * @param episodes episodes per snapshot (≥ 1)
 * @param seed     audit k rolls episodes from seed + k · episodes on, so successive audits see
 *                 fresh start states and a run replays exactly
 */
public record SimulatorAudit(TaskProvider provider, String taskId, int episodes, long seed) {

    public SimulatorAudit {
        if (provider == null || taskId == null) throw new IllegalArgumentException("an audit needs a task provider and id");
        if (episodes < 1) throw new IllegalArgumentException("audit episodes must be >= 1, got " + episodes);
    }

    /** What one batch of rollouts measured: the normalized cost for the budget and the mean reward return. */
    public record Measurement(double normalizedCost, double rewardReturn) {}

    /** The cost and reward of {@code policy} for budget κ, from the {@code index}-th batch of rollouts. */
    public Measurement measure(DeterministicPolicy policy, double costThreshold, long index) {
        PlainMlpPolicy fast = PlainMlpPolicy.of(policy.network(), true);
        List<EpisodeStats> runs = Evaluator.rollouts(provider, taskId, fast::act, episodes, seed + index * episodes);
        double cost = runs.stream().mapToDouble(EpisodeStats::costReturn).average().orElseThrow();
        double reward = runs.stream().mapToDouble(EpisodeStats::rewardReturn).average().orElseThrow();
        return new Measurement(NormalizationConstants.normalizedCost(cost, costThreshold), reward);
    }
}
