package org.drcorl.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.drcorl.spi.NormalizationConstants;
import org.drcorl.spi.SafeEnv;
import org.drcorl.spi.StepResult;
import org.drcorl.spi.TaskProvider;

/** Rolls a policy out in a task's environment (DSRL's protocol: undiscounted episode returns). */
public final class Evaluator {
    private Evaluator() {}

    /**
     * DSRL's evaluation of one policy: {@code episodes} rollouts from the episodes
     * {@link EvaluationSeeds#evaluation} fixes for the training seed, scored with {@code constants}.
     *
     * @param selectedStep the phase-2 step whose snapshot was kept, if a selection chose one
     */
    public static Evaluation evaluate(TaskProvider provider, String taskId, PlainMlpPolicy policy, String algorithm,
                                      double threshold, long seed, int episodes, NormalizationConstants constants,
                                      OptionalLong selectedStep) {
        List<EpisodeStats> runs = rollouts(provider, taskId, policy::act, episodes, EvaluationSeeds.evaluation(seed));
        return new Evaluation(PolicyScore.of(algorithm, threshold, seed, runs, constants), runs, selectedStep);
    }

    /**
     * @param policy   observation → action
     * @param episodes how many episodes
     * @param seed     episode i starts from seed + i
     */
    public static List<EpisodeStats> rollouts(TaskProvider provider, String taskId, Function<float[], float[]> policy,
                                              int episodes, long seed) {
        List<EpisodeStats> out = new ArrayList<>(episodes);
        try (SafeEnv env = provider.create(taskId)) {
            for (int e = 0; e < episodes; e++) {
                float[] obs = env.reset(seed + e);
                double reward = 0, cost = 0;
                int steps = 0;
                StepResult r;
                do {
                    r = env.step(policy.apply(obs));
                    reward += r.reward();
                    cost += r.cost();
                    obs = r.observation();
                    steps++;
                } while (!r.done());
                out.add(new EpisodeStats(reward, cost, steps));
            }
        }
        return out;
    }
}
