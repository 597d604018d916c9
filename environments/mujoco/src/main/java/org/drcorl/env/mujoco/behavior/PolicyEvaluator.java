package org.drcorl.env.mujoco.behavior;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.drcorl.env.mujoco.MujocoTaskEnv;
import org.drcorl.spi.StepResult;

/**
 * Plays feedback policies noiselessly on their task and measures what they do: the step from
 * a training run's snapshots ({@link PpoTrainer}) to a behaviour family's policy file. Each
 * policy is relabelled with the mean speed it measured here (a snapshot's training label is the
 * speed of the noisy training episodes).
 */
public final class PolicyEvaluator {
    private PolicyEvaluator() {}

    /** One noiseless episode: its length, mean speed along x, task return and cost return. */
    public record Episode(int steps, double meanSpeed, double taskReturn, double cost) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d steps, %.3f m/s, task return %.1f, cost %.0f", steps, meanSpeed, taskReturn, cost);
        }
    }

    /** Sees every step of an episode: the observation acted on, the action and what the step returned. */
    @FunctionalInterface
    public interface StepListener {
        void onStep(float[] observation, float[] action, StepResult result);
    }

    /** Plays {@code policy} from the initial state of {@code seed} until the episode ends or {@code horizon} steps. */
    public static Episode play(MujocoTaskEnv env, FeedbackPolicy policy, int horizon, long seed) {
        return play(env, policy, horizon, seed, null);
    }

    /** The same, telling {@code listener} (when not null) of every step right after it is taken. */
    public static Episode play(MujocoTaskEnv env, FeedbackPolicy policy, int horizon, long seed, StepListener listener) {
        if (horizon < 1) throw new IllegalArgumentException("an episode needs a horizon of at least 1 step, got " + horizon);
        float[] obs = env.reset(seed);
        double[] a = new double[policy.actionDim()];
        float[] action = new float[a.length];
        double task = 0, cost = 0, distance = 0;
        int t = 0;
        StepResult r;
        do {
            policy.act(obs, t, a);
            for (int i = 0; i < a.length; i++) action[i] = (float) a[i];
            r = env.step(action);
            if (listener != null) listener.onStep(obs, action, r);
            task += r.reward();
            cost += r.cost();
            distance += env.velocityX();
            obs = r.observation();
            t++;
        } while (!r.done() && t < horizon);
        return new Episode(t, distance / t, task, cost);
    }

    /**
     * Evaluates every policy of the given policy files on a task and prints them relabelled,
     * each after its episodes as comments, in policy-file form. Arguments: task id, episodes per
     * policy, files.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: PolicyEvaluator TASK_ID EPISODES FILE...");
            System.exit(2);
        }
        var definition = org.drcorl.env.mujoco.MujocoTaskCatalog.find(args[0])
                .orElseThrow(() -> new IllegalArgumentException("unknown mujoco task " + args[0]));
        int episodes = Integer.parseInt(args[1]);
        int horizon = definition.spec().maxEpisodeSteps();
        try (MujocoTaskEnv env = definition.factory().get()) {
            for (int f = 2; f < args.length; f++) {
                Path file = Path.of(args[f]);
                for (FeedbackPolicy policy : FeedbackPolicy.parseAll(file.toString(), Files.readAllLines(file))) {
                    List<Episode> played = new ArrayList<>();
                    for (long s = 0; s < episodes; s++) played.add(play(env, policy, horizon, 77 + s));
                    double speed = played.stream().mapToDouble(Episode::meanSpeed).average().orElse(0);
                    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "# %s (trained label %.3f)%n", file.getFileName(),
                            policy.target()));
                    for (int e = 0; e < played.size(); e++) out.append("#   episode ").append(e).append(": ").append(played.get(e)).append('\n');
                    out.append(policy.withTarget(speed).toText());
                    System.out.print(out);
                    System.out.flush();
                }
            }
        }
    }
}
