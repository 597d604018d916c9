package org.drcorl.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.drcorl.spi.BehaviorPolicyFamily;
import org.drcorl.spi.EpisodePolicy;
import org.drcorl.spi.NormalizationConstants;
import org.drcorl.spi.SafeEnv;
import org.drcorl.spi.StepResult;
import org.drcorl.spi.TaskProvider;
import org.drcorl.spi.TaskSpec;

/**
 * Builds an offline dataset by running a task's behaviour policies: episode i is played by
 * {@code family.policyFor(i, n, ·)} from an initial state of its own seed. Everything is drawn
 * from one seed, so the same seed gives the same dataset bit for bit.
 *
 * <p>The dataset carries its own normalization constants (R_min and R_max the smallest and
 * largest episode reward returns, C_max the largest cost return): our simulators are not
 * PyBullet or MuJoCo, so DSRL's constants would not describe their returns.
 */
public final class DatasetCollector {
    private DatasetCollector() {}

    /**
     * Bytes a collection of {@code episodes} full-length episodes holds at its peak: the columns
     * (observations twice, actions, rewards, costs as float32; two flags) about twice over, since
     * a growing column is copied into one twice its size.
     */
    public static long peakBytes(TaskSpec task, long episodes) {
        long rows = episodes * task.maxEpisodeSteps();
        long perRow = 4L * (2L * task.observationDim() + task.actionDim() + 2) + 2;
        return 2 * rows * perRow;
    }

    /**
     * Refuses, before anything runs, a collection that cannot fit: more rows than a Java array
     * holds, or more memory than this JVM may take ({@code -Xmx}). Collecting billions of steps
     * otherwise runs for minutes and ends in an OutOfMemoryError.
     *
     * @throws IllegalArgumentException naming the sizes and what to do
     */
    public static void requireFits(TaskSpec task, long episodes) {
        long rows = episodes * task.maxEpisodeSteps();
        long widest = Math.max(task.observationDim(), task.actionDim());
        if (rows * widest > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(episodes + " episodes of " + task.id() + " are up to " + rows
                    + " transitions, more than one dataset holds (" + (Integer.MAX_VALUE / widest) + " at "
                    + widest + " values each); collect fewer and write several files");
        }
        long need = peakBytes(task, episodes);
        long max = Runtime.getRuntime().maxMemory();
        if (need > max) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%d episodes of %s need up to %.1f GB"
                            + " of memory while collected, this JVM may use %.1f GB: collect fewer, or allow more with"
                            + " DRCORL_JAVA_OPTS=-Xmx%dg", episodes, task.id(), need / 1e9, max / 1e9,
                    (long) Math.ceil(need * 1.25 / (1L << 30))));
        }
    }

    /**
     * @param provider   the task's provider
     * @param taskId     one of its tasks
     * @param episodes   how many episodes to play (> 0)
     * @param seed       the seed of everything random
     * @param onEpisode  told the number of transitions of each finished episode (progress)
     */
    public static OfflineDataset collect(TaskProvider provider, String taskId, int episodes, long seed, IntConsumer onEpisode) {
        if (episodes <= 0) throw new IllegalArgumentException("episodes must be positive, got " + episodes);
        BehaviorPolicyFamily family = provider.behaviorPolicies(taskId).orElseThrow(() -> new IllegalArgumentException(
                "task '" + taskId + "' offers no behaviour policies to collect data with"));
        SplittableRandom master = new SplittableRandom(seed);
        try (SafeEnv env = provider.create(taskId)) {
            TaskSpec spec = env.spec();
            float[] low = spec.actionLow(), high = spec.actionHigh();
            OfflineDataset.Builder builder = OfflineDataset.builder(spec.observationDim(), spec.actionDim());
            for (int e = 0; e < episodes; e++) {
                EpisodePolicy policy = family.policyFor(e, episodes, master.split());
                float[] obs = env.reset(master.nextLong());
                int steps = 0;
                StepResult r;
                do {
                    float[] action = policy.act(obs).clone();
                    if (action.length != spec.actionDim()) {
                        throw new IllegalStateException("behaviour policy " + policy.label() + " of " + taskId + " returned "
                                + action.length + " action values, the task expects " + spec.actionDim());
                    }
                    r = env.step(action);
                    // Store what the environment executed: the action clipped to its bounds.
                    for (int i = 0; i < action.length; i++) action[i] = Math.min(high[i], Math.max(low[i], action[i]));
                    builder.add(obs, action, r.reward(), r.cost(), r.observation(), r.terminated(), r.truncated());
                    obs = r.observation();
                    steps++;
                } while (!r.done());
                builder.endEpisode(policy.label());
                onEpisode.accept(steps);
            }
            OfflineDataset raw = builder.build();
            double[] rewards = raw.episodeRewardReturns();
            double costMax = Arrays.stream(raw.episodeCostReturns()).max().orElse(0);
            double rMin = Arrays.stream(rewards).min().orElseThrow(), rMax = Arrays.stream(rewards).max().orElseThrow();
            if (!(rMax > rMin)) rMax = rMin + 1; // one episode, or all equal: any positive span keeps scores finite
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("collection_seed", Long.toString(seed));
            attributes.put("collection_episodes", Integer.toString(episodes));
            attributes.put("task_family", spec.family());
            DatasetMetadata metadata = new DatasetMetadata(taskId, new NormalizationConstants(rMin, rMax, costMax),
                    spec.maxEpisodeSteps(), attributes);
            return raw.withMetadata(metadata);
        }
    }
}
