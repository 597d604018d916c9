package org.drcorl.env.mujoco.behavior;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.drcorl.env.mujoco.MujocoTaskEnv;

/**
 * Augmented Random Search (Mania, Guy and Recht 2018, "V2-t"): trains a {@link LinearPolicy}
 * by perturbing its weights in N random directions, playing each direction's ± pair from the
 * same initial state, and stepping along the best b directions' reward differences, scaled by
 * those rewards' standard deviation. Observations are normalized by running statistics of every
 * state visited. It needs no gradient and no network: a few hundred iterations make a hopper or a
 * walker move at a commanded speed, which is what data collection needs.
 *
 * <p>The reward ARS maximizes is an {@link Objective}, not the task's: behaviour policies are
 * trained to hold a target speed (below or above the cost threshold), not to run as fast as
 * they can. Deterministic from the seed, whatever the thread count (rollouts are merged in
 * direction order).
 */
public final class ArsTrainer {

    /**
     * ARS's hyper-parameters. {@code starts} is how many initial states each direction's ± pair
     * is played from (their objectives averaged): 1 is ARS's own; more make a policy that holds
     * up from any initial state, not only from the ones it happened to see.
     */
    public record Settings(int directions, int top, double stepSize, double noise, int horizon, int starts) {
        public Settings(int directions, int top, double stepSize, double noise, int horizon) {
            this(directions, top, stepSize, noise, horizon, 1);
        }

        public Settings {
            if (directions < 1 || top < 1 || top > directions) {
                throw new IllegalArgumentException("need 1 <= top <= directions, got " + top + " of " + directions);
            }
            if (!(stepSize > 0 && noise > 0) || horizon < 1 || starts < 1) throw new IllegalArgumentException("bad ARS settings " + this);
        }
    }

    /** What one evaluation episode of a policy did. */
    public record Evaluation(int steps, double meanSpeed, double taskReward, double cost, double objective) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d steps, %.3f m/s, task reward %.1f, cost %.0f, objective %.1f",
                    steps, meanSpeed, taskReward, cost, objective);
        }
    }

    /** How many visited states a warm start's statistics weigh. */
    static final long PRIOR_STATES = 20_000;

    private final Supplier<? extends MujocoTaskEnv> envs;
    private final int threads;

    public ArsTrainer(Supplier<? extends MujocoTaskEnv> envs, int threads) {
        this.envs = envs;
        this.threads = Math.max(1, threads);
    }

    /** Sums of visited observations, merged into the running statistics after each iteration. */
    private static final class StateSums {
        final double[] sum, squares;
        long count;

        StateSums(int dim) {
            sum = new double[dim];
            squares = new double[dim];
        }

        void add(float[] obs) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += obs[i];
                squares[i] += (double) obs[i] * obs[i];
            }
            count++;
        }

        void add(StateSums o) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += o.sum[i];
                squares[i] += o.squares[i];
            }
            count += o.count;
        }
    }

    /** The ± side of one direction: its objective (the mean over its initial states) and the states it visited. */
    private record Rollout(double objective, StateSums states) {}

    /** Plays {@code policy} for one episode from the initial state of {@code seed}. */
    public Evaluation evaluate(MujocoTaskEnv env, LinearPolicy policy, Objective objective, int horizon, long seed) {
        return play(env, policy, objective, horizon, seed, null);
    }

    /** One episode; adds every observation acted on to {@code states} where that is not null. */
    private static Evaluation play(MujocoTaskEnv env, LinearPolicy policy, Objective objective, int horizon, long seed,
                                   StateSums states) {
        double[] total = {0};
        PolicyEvaluator.Episode e = PolicyEvaluator.play(env, policy, horizon, seed, (obs, action, r) -> {
            if (states != null) states.add(obs);
            total[0] += objective.reward(env, r, action);
        });
        return new Evaluation(e.steps(), e.meanSpeed(), e.taskReturn(), e.cost(), total[0]);
    }

    /** {@code settings.starts()} episodes from the initial states of seeds {@code seed, seed + 1, ...}. */
    private static Rollout rollouts(MujocoTaskEnv env, LinearPolicy policy, Objective objective, Settings settings, long seed) {
        StateSums states = new StateSums(policy.observationDim());
        double total = 0;
        for (int k = 0; k < settings.starts(); k++) {
            total += play(env, policy, objective, settings.horizon(), seed + k, states).objective();
        }
        return new Rollout(total / settings.starts(), states);
    }

    /**
     * Trains from {@code start} for {@code iterations} ARS steps and returns the policy with the
     * final observation statistics. {@code progress} receives a line every tenth iteration.
     */
    public LinearPolicy train(LinearPolicy start, Objective objective, Settings settings, int iterations, long seed,
                              java.util.function.Consumer<String> progress) {
        SplittableRandom random = new SplittableRandom(seed);
        int rows = start.actionDim(), cols = start.observationDim();
        double[][] w = new double[rows][];
        for (int i = 0; i < rows; i++) w[i] = start.weights()[i].clone();
        StateSums seen = new StateSums(cols);
        if (Arrays.stream(w).flatMapToDouble(Arrays::stream).anyMatch(x -> x != 0)) {
            // a warm start: its weights were learned under its statistics, so they count as many states
            seen.count = PRIOR_STATES;
            for (int j = 0; j < cols; j++) {
                seen.sum[j] = start.mean()[j] * PRIOR_STATES;
                seen.squares[j] = (start.std()[j] * start.std()[j] + start.mean()[j] * start.mean()[j]) * PRIOR_STATES;
            }
        }
        LinearPolicy current = start;
        List<MujocoTaskEnv> pool = new ArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            for (int k = 0; k < threads; k++) pool.add(envs.get());
            for (int it = 0; it < iterations; it++) {
                int n = settings.directions();
                double[][][] deltas = new double[n][rows][cols];
                long[] seeds = new long[n];
                for (int d = 0; d < n; d++) {
                    for (double[] row : deltas[d]) for (int j = 0; j < cols; j++) row[j] = random.nextGaussian();
                    seeds[d] = random.nextLong();
                }
                LinearPolicy base = current;
                Rollout[] plus = new Rollout[n], minus = new Rollout[n];
                List<Future<?>> work = new ArrayList<>();
                for (int k = 0; k < threads; k++) {
                    int worker = k;
                    work.add(executor.submit(() -> {
                        MujocoTaskEnv env = pool.get(worker);
                        for (int d = worker; d < n; d += threads) {
                            plus[d] = rollouts(env, perturbed(base, w, deltas[d], settings.noise()), objective, settings, seeds[d]);
                            minus[d] = rollouts(env, perturbed(base, w, deltas[d], -settings.noise()), objective, settings, seeds[d]);
                        }
                    }));
                }
                for (Future<?> f : work) f.get();
                Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
                Arrays.sort(order, Comparator.comparingDouble(d -> -Math.max(plus[d].objective(), minus[d].objective())));
                double mean = 0, sq = 0;
                for (int e = 0; e < settings.top(); e++) {
                    mean += plus[order[e]].objective() + minus[order[e]].objective();
                }
                mean /= 2 * settings.top();
                for (int e = 0; e < settings.top(); e++) {
                    sq += Math.pow(plus[order[e]].objective() - mean, 2) + Math.pow(minus[order[e]].objective() - mean, 2);
                }
                double sigma = Math.sqrt(sq / (2 * settings.top()));
                if (sigma > 1e-9) {
                    double scale = settings.stepSize() / (settings.top() * sigma);
                    for (int e = 0; e < settings.top(); e++) {
                        int d = order[e];
                        double diff = plus[d].objective() - minus[d].objective();
                        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) w[i][j] += scale * diff * deltas[d][i][j];
                    }
                }
                for (int d = 0; d < n; d++) {
                    seen.add(plus[d].states());
                    seen.add(minus[d].states());
                }
                current = normalized(start, w, seen);
                if (progress != null && (it % 10 == 9 || it == iterations - 1)) {
                    Evaluation e = evaluate(pool.get(0), current, objective, settings.horizon(), 1_000_003L * it);
                    progress.accept(String.format(Locale.ROOT, "  iteration %d: %s", it + 1, e));
                }
            }
            return current;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ARS training interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("ARS training failed: " + e.getCause(), e.getCause());
        } finally {
            Shutdown.stopThenClose(executor, pool);
        }
    }

    /** The policy with the running statistics; σ floored so that a constant entry does not blow up. */
    private static LinearPolicy normalized(LinearPolicy start, double[][] w, StateSums seen) {
        int cols = start.observationDim();
        double[] mean = new double[cols], std = new double[cols];
        for (int j = 0; j < cols; j++) {
            mean[j] = seen.sum[j] / seen.count;
            std[j] = Math.max(1e-2, Math.sqrt(Math.max(0, seen.squares[j] / seen.count - mean[j] * mean[j])));
        }
        return new LinearPolicy(start.target(), mean, std, w, start.base(), start.stepSeconds());
    }

    private static LinearPolicy perturbed(LinearPolicy base, double[][] w, double[][] delta, double noise) {
        double[][] p = new double[w.length][w[0].length];
        for (int i = 0; i < w.length; i++) for (int j = 0; j < w[i].length; j++) p[i][j] = w[i][j] + noise * delta[i][j];
        return base.withWeights(base.target(), p);
    }

    /**
     * Trains one policy per target speed, each warm-started from the previous one, and prints
     * them as a policy file ({@code policies/NAME.txt}), each under the mean speed it measured in
     * three episodes of the task's length (the number a behaviour family splits calm from fast by). Arguments: task id, target speeds
     * (comma-separated, m/s), iterations per target, seed; optionally horizon, directions, top,
     * step size, noise, control weight, threads, and the objective: {@code speed} (hold the targets, the default),
     * {@code task SHIFT} (the task's reward less SHIFT per step; the targets only label the
     * policies), {@code penalized SHIFT} (the same less TARGET per step of cost: the targets are
     * cost weights). {@code -Ddrcorl.ars.start=FILE} starts
     * from the last policy of a policy file instead of zero; {@code -Ddrcorl.ars.gait=NAME} from a
     * zero correction of the shipped gait {@code gaits/NAME}; {@code -Ddrcorl.ars.starts=K} plays
     * every direction from K initial states.
     */
    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: ArsTrainer TASK_ID SPEED[,SPEED...] ITERATIONS SEED [HORIZON N TOP STEP NOISE CTRL THREADS [speed|task|penalized [SHIFT]]]");
            System.exit(2);
        }
        var definition = org.drcorl.env.mujoco.MujocoTaskCatalog.find(args[0])
                .orElseThrow(() -> new IllegalArgumentException("unknown mujoco task " + args[0]));
        double[] targets = Arrays.stream(args[1].split(",")).mapToDouble(Double::parseDouble).toArray();
        int iterations = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        int horizon = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        Settings settings = new Settings(args.length > 5 ? Integer.parseInt(args[5]) : 8, args.length > 6 ? Integer.parseInt(args[6]) : 4,
                args.length > 7 ? Double.parseDouble(args[7]) : 0.02, args.length > 8 ? Double.parseDouble(args[8]) : 0.03, horizon,
                Integer.getInteger("drcorl.ars.starts", 1));
        double control = args.length > 9 ? Double.parseDouble(args[9]) : 1e-3;
        int threads = args.length > 10 ? Integer.parseInt(args[10]) : Runtime.getRuntime().availableProcessors();
        String kind = args.length > 11 ? args[11] : "speed";
        double shift = args.length > 12 ? Double.parseDouble(args[12]) : 0;
        ArsTrainer trainer = new ArsTrainer(definition.factory(), threads);
        var spec = definition.spec();
        String startFile = System.getProperty("drcorl.ars.start"), gaitFile = System.getProperty("drcorl.ars.gait");
        LinearPolicy policy;
        try {
            if (gaitFile != null) {
                double dt;
                try (MujocoTaskEnv env = definition.factory().get()) {
                    dt = env.frameSkip() * env.model().timestep();
                }
                policy = LinearPolicy.onGait(0, spec.observationDim(), GaitBehaviorPolicies.readGait(gaitFile), dt);
            } else {
                policy = startFile == null ? LinearPolicy.zero(0, spec.observationDim(), spec.actionDim())
                        : LinearPolicy.parseAll(startFile, java.nio.file.Files.readAllLines(java.nio.file.Path.of(startFile))).getLast();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        StringBuilder out = new StringBuilder("# " + args[0] + ": ArsTrainer " + String.join(" ", args) + "\n");
        for (double target : targets) {
            System.err.printf(Locale.ROOT, "target %.3f m/s%n", target);
            Objective objective = switch (kind) {
                case "task" -> Objective.task(shift);
                case "penalized" -> Objective.penalized(shift, target);
                case "speed" -> Objective.speed(target, control);
                default -> throw new IllegalArgumentException("objective must be speed, task or penalized, got " + kind);
            };
            policy = trainer.train(policy.withWeights(target, policy.weights()), objective, settings,
                    iterations, seed++, System.err::println);
            double speed = 0;
            try (MujocoTaskEnv env = definition.factory().get()) {
                for (long s = 0; s < 3; s++) {
                    Evaluation e = trainer.evaluate(env, policy, objective, spec.maxEpisodeSteps(), 77 + s);
                    out.append(String.format(Locale.ROOT, "# target %.3f, episode %d: %s%n", target, s, e));
                    speed += e.meanSpeed() / 3;
                }
            }
            // the file names a policy by what it does (its measured speed), not by what it was asked
            out.append(policy.withWeights(speed, policy.weights()).toText());
            System.out.print(out); // each policy as soon as it is trained: a long chain can be stopped
            System.out.flush();
            out.setLength(0);
        }
    }
}
