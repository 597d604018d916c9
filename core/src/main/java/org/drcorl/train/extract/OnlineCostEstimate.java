package org.drcorl.train.extract;

import java.util.List;
import org.drcorl.eval.EpisodeStats;
import org.drcorl.eval.Evaluator;
import org.drcorl.eval.PlainMlpPolicy;
import org.drcorl.spi.NormalizationConstants;
import org.drcorl.spi.TaskProvider;

/**
 * The ONLINE cost estimate of DRCORL's reference code, done properly: every {@code interval}
 * phase-2 steps the current policy is rolled out for {@code episodes} whole episodes (not one,
 * the reference's defect 2) and Ĉ = mean episode cost / κ until the next rollout. It leaves the
 * offline setting (the policy meets the environment during training), so it is opt-in; the
 * rollouts use the plain-Java copy of the policy and cost milliseconds per episode.
 *
 * @param provider the task's provider
 * @param taskId   the task
 * @param episodes episodes per estimate (≥ 1)
 * @param interval phase-2 steps between estimates (≥ 1)
 * @param confirmEpisodes episodes on which the final choice re-measures its candidates (≥ 1); the
 *                 same episodes for every candidate, disjoint from the estimates'
 * @param seed     estimate k rolls episodes from seed + k · episodes on, so successive estimates
 *                 see fresh start states and a run replays exactly
 */
public record OnlineCostEstimate(TaskProvider provider, String taskId, int episodes, int interval, int confirmEpisodes, long seed) {

    public OnlineCostEstimate {
        if (provider == null || taskId == null) throw new IllegalArgumentException("online cost estimate needs a task provider and id");
        if (episodes < 1) throw new IllegalArgumentException("online cost estimate: episodes must be >= 1, got " + episodes);
        if (confirmEpisodes < 1) throw new IllegalArgumentException("online cost estimate: confirmation episodes must be >= 1, got " + confirmEpisodes);
        if (interval < 1) throw new IllegalArgumentException("online cost estimate: interval must be >= 1, got " + interval);
    }

    /** Where the confirmation episodes' seeds start, past any estimate's (500 000 episodes). */
    static final long CONFIRMATION_SEED_OFFSET = 500_000L;

    /** What one batch of rollouts measured: Ĉ for the budget and the mean reward return. */
    public record Measurement(double normalizedCost, double rewardReturn) {}

    /** Ĉ and the reward of {@code policy} for budget κ, from the {@code index}-th batch of rollouts. */
    Measurement measure(DeterministicPolicy policy, double costThreshold, long index) {
        return rollouts(policy, costThreshold, episodes, seed + index * episodes);
    }

    /** Ĉ and the reward of {@code policy} on the confirmation episodes (the same for every call). */
    public Measurement confirm(DeterministicPolicy policy, double costThreshold) {
        return rollouts(policy, costThreshold, confirmEpisodes, seed + CONFIRMATION_SEED_OFFSET);
    }

    private Measurement rollouts(DeterministicPolicy policy, double costThreshold, int count, long firstSeed) {
        PlainMlpPolicy fast = PlainMlpPolicy.of(policy.network(), true);
        List<EpisodeStats> runs = Evaluator.rollouts(provider, taskId, fast::act, count, firstSeed);
        double cost = runs.stream().mapToDouble(EpisodeStats::costReturn).average().orElseThrow();
        double reward = runs.stream().mapToDouble(EpisodeStats::rewardReturn).average().orElseThrow();
        return new Measurement(NormalizationConstants.normalizedCost(cost, costThreshold), reward);
    }
}
