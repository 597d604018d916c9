package org.drcorl.env.mujoco.behavior;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.drcorl.env.mujoco.MujocoTaskEnv;
import org.drcorl.spi.StepResult;

/**
 * Proximal Policy Optimization (Schulman et al. 2017) for behaviour policies, with the
 * MuJoCo-benchmark details that make it work (Huang et al. 2022, "The 37 implementation details
 * of PPO"): a Gaussian policy with a state-independent log σ and separate tanh actor and critic
 * networks, observations normalized by running statistics and clipped to ±10, rewards scaled by
 * the running standard deviation of the discounted return, GAE(λ), per-minibatch advantage
 * normalization, a global gradient-norm clip, Adam with a learning rate annealed linearly towards zero. A
 * time-limit truncation bootstraps from the critic; a termination does not.
 *
 * <p>It exists because ARS's linear policies stay far below the walker's and the ant's cost
 * thresholds. A training run passes through ever faster policies; {@code snapshots} receives
 * them, each labelled with the mean speed of the training episodes that ended in its update,
 * and a behaviour family is cut from them (slow ones early, the fastest last) — the way D4RL's
 * and DSRL's "medium" data came from partly trained agents.
 *
 * <p>Deterministic from the seed for a given number of environments, whatever the thread
 * count: each environment has its own random source, statistics are merged in environment
 * order and a minibatch's gradient is summed from a fixed split.
 */
public final class PpoTrainer {

    /**
     * PPO's hyper-parameters (defaults: {@link #mujoco}).
     *
     * @param envs         environments stepped per update, each for {@code stepsPerEnv}
     * @param epochs       passes over an update's samples
     * @param minibatches  minibatches per pass
     * @param horizon      an episode is cut (and bootstrapped) after this many steps
     * @param hidden       hidden layer sizes of both networks
     */
    public record Settings(int envs, int stepsPerEnv, int epochs, int minibatches, double learningRate, double gamma,
                           double lambda, double clip, double maxGradNorm, int horizon, int[] hidden) {
        public Settings {
            if (envs < 1 || stepsPerEnv < 1 || epochs < 1 || minibatches < 1 || minibatches > envs * stepsPerEnv || horizon < 1) {
                throw new IllegalArgumentException("bad PPO sizes " + this);
            }
            if (!(learningRate > 0 && gamma > 0 && gamma <= 1 && lambda >= 0 && lambda <= 1 && clip > 0 && maxGradNorm > 0)) {
                throw new IllegalArgumentException("bad PPO coefficients " + this);
            }
            for (int h : hidden) if (h < 1) throw new IllegalArgumentException("hidden layer sizes must be positive: " + this);
            hidden = hidden.clone();
        }

        @Override
        public int[] hidden() {
            return hidden.clone();
        }

        /**
         * The common MuJoCo settings: about 2048 samples per update ({@code 2048 / envs} per
         * environment), 10 epochs of 32 minibatches, 64×64 networks.
         */
        public static Settings mujoco(int envs, int horizon) {
            return new Settings(envs, 2048 / envs, 10, 32, 3e-4, 0.99, 0.95, 0.2, 0.5, horizon, new int[] {64, 64});
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "envs=%d steps/env=%d epochs=%d minibatches=%d lr=%g gamma=%g lambda=%g clip=%g "
                    + "maxGradNorm=%g horizon=%d hidden=%s", envs, stepsPerEnv, epochs, minibatches, learningRate, gamma, lambda,
                    clip, maxGradNorm, horizon, Arrays.toString(hidden));
        }
    }

    /**
     * The policy after {@code update} updates ({@code steps} environment steps), with the
     * observation statistics the next rollout would use, and how the training episodes that
     * ended in this update went (where none ended, the speed is the last update's).
     */
    public record Snapshot(int update, long steps, MlpPolicy policy, int episodes, double meanLength, double meanSpeed,
                           double meanTaskReturn, double meanCost) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "update %d (%d steps): %d episodes, length %.0f, %.3f m/s, task return %.1f, cost %.1f",
                    update, steps, episodes, meanLength, meanSpeed, meanTaskReturn, meanCost);
        }
    }

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    /**
     * A minibatch's gradient is summed from this many parts, computed in parallel and added in
     * order: a fixed split (not one per thread), so that the thread count does not change the sums.
     */
    private static final int GRADIENT_PARTS = 2;

    private final Supplier<? extends MujocoTaskEnv> envs;
    private final int threads;

    public PpoTrainer(Supplier<? extends MujocoTaskEnv> envs, int threads) {
        this.envs = envs;
        this.threads = Math.max(1, threads);
    }

    /** Running mean and variance (Chan et al.'s parallel update), of a vector. */
    static final class RunningStatistics {
        final double[] mean, m2;
        double count;

        RunningStatistics(int dim) {
            mean = new double[dim];
            m2 = new double[dim];
        }

        void add(double[] x) {
            count++;
            for (int i = 0; i < mean.length; i++) {
                double d = x[i] - mean[i];
                mean[i] += d / count;
                m2[i] += d * (x[i] - mean[i]);
            }
        }

        double std(int i) {
            return count < 2 ? 1 : Math.sqrt(m2[i] / count + 1e-8);
        }

        double[] stds() {
            double[] s = new double[mean.length];
            for (int i = 0; i < s.length; i++) s[i] = std(i);
            return s;
        }
    }

    /** One environment's state across updates and its samples within one. */
    private static final class Worker {
        final MujocoTaskEnv env;
        final SplittableRandom random;
        final double[][] observations, inputs, actions; // raw, normalized (the networks' input), sampled
        final double[] logProbabilities, values, rewards, bootstraps;
        final boolean[] ends;
        double lastValue;
        float[] observation;
        int episodeSteps;
        double episodeDistance, episodeTaskReturn, episodeCost;
        final List<double[]> finished = new ArrayList<>(); // {length, speed, task return, cost}

        Worker(MujocoTaskEnv env, SplittableRandom random, int steps, int observationDim, int actionDim) {
            this.env = env;
            this.random = random;
            observations = new double[steps][observationDim];
            inputs = new double[steps][observationDim];
            actions = new double[steps][actionDim];
            logProbabilities = new double[steps];
            values = new double[steps];
            rewards = new double[steps];
            bootstraps = new double[steps];
            ends = new boolean[steps];
        }
    }

    /** Actor, log σ and critic in one parameter vector, and the networks' shapes. */
    private record Model(TanhNetwork actor, TanhNetwork critic, int logStdAt, int criticAt, int size) {
        static Model of(int observationDim, int actionDim, int[] hidden) {
            int[] a = new int[hidden.length + 2], c = new int[hidden.length + 2];
            a[0] = c[0] = observationDim;
            for (int i = 0; i < hidden.length; i++) a[i + 1] = c[i + 1] = hidden[i];
            a[a.length - 1] = actionDim;
            c[c.length - 1] = 1;
            TanhNetwork actor = new TanhNetwork(a), critic = new TanhNetwork(c);
            int logStdAt = actor.parameterCount(), criticAt = logStdAt + actionDim;
            return new Model(actor, critic, logStdAt, criticAt, criticAt + critic.parameterCount());
        }
    }

    /** Buffers for one part of a minibatch's gradient. */
    private static final class GradientBuffers {
        final double[] grad;
        final double[][] actorActivations, actorScratch, criticActivations, criticScratch;
        final double[] actorOut, criticOut = new double[1];

        GradientBuffers(Model m) {
            grad = new double[m.size()];
            actorActivations = m.actor().newActivations();
            actorScratch = m.actor().newActivations();
            criticActivations = m.critic().newActivations();
            criticScratch = m.critic().newActivations();
            actorOut = new double[m.actor().outputs()];
        }
    }

    /**
     * Trains a policy from scratch for about {@code totalSteps} environment steps on
     * {@code objective}; every {@code snapshotEvery} updates (and after the last) hands the
     * current policy to {@code snapshots}. {@code progress} receives a line per update.
     */
    public MlpPolicy train(Objective objective, Settings settings, long totalSteps, long seed, int snapshotEvery,
                           Consumer<Snapshot> snapshots, Consumer<String> progress) {
        if (snapshotEvery < 1) throw new IllegalArgumentException("snapshot interval must be at least 1, got " + snapshotEvery);
        SplittableRandom random = new SplittableRandom(seed);
        List<MujocoTaskEnv> pool = new ArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            for (int e = 0; e < settings.envs(); e++) pool.add(envs.get());
            int observationDim = pool.getFirst().spec().observationDim(), actionDim = pool.getFirst().spec().actionDim();
            List<Worker> workers = new ArrayList<>();
            for (MujocoTaskEnv env : pool) {
                workers.add(new Worker(env, random.split(), settings.stepsPerEnv(), observationDim, actionDim));
            }
            for (Worker w : workers) w.observation = w.env.reset(w.random.nextLong());
            Model model = Model.of(observationDim, actionDim, settings.hidden());
            double[] theta = new double[model.size()];
            model.actor().initialize(theta, 0, 0.01, random);
            model.critic().initialize(theta, model.criticAt(), 1, random);
            double[] adamM = new double[model.size()], adamV = new double[model.size()];
            RunningStatistics observations = new RunningStatistics(observationDim), returns = new RunningStatistics(1);
            double[] discounted = new double[settings.envs()];
            int batch = settings.envs() * settings.stepsPerEnv();
            int updates = (int) Math.max(1, totalSteps / batch);
            long adamSteps = 0;
            long started = System.nanoTime();
            double lastSpeed = 0;
            double rolloutSeconds = 0; // environment steps and acting, against the gradient updates: where the time goes
            MlpPolicy policy = null;
            List<GradientBuffers> buffers = new ArrayList<>();
            for (int k = 0; k < GRADIENT_PARTS; k++) buffers.add(new GradientBuffers(model));
            for (int update = 1; update <= updates; update++) {
                double[] frozenMean = observations.mean.clone(), frozenStd = observations.stds();
                double[] params = theta.clone();
                long rolloutStart = System.nanoTime();
                List<Future<?>> work = new ArrayList<>();
                for (int k = 0; k < threads; k++) {
                    int t0 = k;
                    work.add(executor.submit(() -> {
                        double[][] act = model.actor().newActivations(), crit = model.critic().newActivations();
                        for (int e = t0; e < workers.size(); e += threads) {
                            collect(workers.get(e), model, params, frozenMean, frozenStd, objective, settings, act, crit);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) f.get();
                rolloutSeconds += (System.nanoTime() - rolloutStart) / 1e9;
                // statistics merge in environment order, so that the thread count does not matter
                List<double[]> ended = new ArrayList<>();
                for (int e = 0; e < workers.size(); e++) {
                    Worker w = workers.get(e);
                    for (double[] o : w.observations) observations.add(o);
                    for (int t = 0; t < settings.stepsPerEnv(); t++) {
                        discounted[e] = discounted[e] * settings.gamma() + w.rewards[t];
                        returns.add(new double[] {discounted[e]});
                        if (w.ends[t]) discounted[e] = 0;
                    }
                    ended.addAll(w.finished);
                    w.finished.clear();
                }
                double rewardScale = 1 / returns.std(0);
                double[][] inputs = new double[batch][], actions = new double[batch][];
                double[] oldLogProbabilities = new double[batch], advantages = new double[batch], targets = new double[batch];
                int n = 0;
                for (Worker w : workers) {
                    double gae = 0;
                    int steps = settings.stepsPerEnv();
                    for (int t = steps - 1; t >= 0; t--) {
                        double next = w.ends[t] ? w.bootstraps[t] : t == steps - 1 ? w.lastValue : w.values[t + 1];
                        double delta = w.rewards[t] * rewardScale + settings.gamma() * next - w.values[t];
                        gae = delta + settings.gamma() * settings.lambda() * (w.ends[t] ? 0 : gae);
                        advantages[n + t] = gae;
                        targets[n + t] = gae + w.values[t];
                    }
                    for (int t = 0; t < steps; t++) {
                        inputs[n + t] = w.inputs[t]; // the worker's buffers are not written again before the next rollout
                        actions[n + t] = w.actions[t];
                        oldLogProbabilities[n + t] = w.logProbabilities[t];
                    }
                    n += steps;
                }
                double learningRate = settings.learningRate() * (1 - (update - 1.0) / updates);
                int[] order = new int[batch];
                for (int i = 0; i < batch; i++) order[i] = i;
                int minibatch = batch / settings.minibatches();
                double clipped = 0, approxKl = 0;
                int counted = 0;
                for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                    for (int i = batch - 1; i > 0; i--) {
                        int j = random.nextInt(i + 1), tmp = order[i];
                        order[i] = order[j];
                        order[j] = tmp;
                    }
                    for (int mb = 0; mb < settings.minibatches(); mb++) {
                        int from = mb * minibatch;
                        double mean = 0, sq = 0;
                        for (int i = from; i < from + minibatch; i++) mean += advantages[order[i]];
                        mean /= minibatch;
                        for (int i = from; i < from + minibatch; i++) sq += Math.pow(advantages[order[i]] - mean, 2);
                        double advStd = Math.sqrt(sq / Math.max(1, minibatch - 1)) + 1e-8, advMean = mean;
                        double[] snapshotTheta = theta;
                        List<Future<double[]>> parts = new ArrayList<>();
                        for (int k = 0; k < GRADIENT_PARTS; k++) {
                            int part = k;
                            parts.add(executor.submit(() -> gradient(model, snapshotTheta, buffers.get(part), inputs, actions,
                                    oldLogProbabilities, advantages, targets, order, from + part * minibatch / GRADIENT_PARTS,
                                    from + (part + 1) * minibatch / GRADIENT_PARTS, minibatch, advMean, advStd, settings.clip())));
                        }
                        double[] grad = new double[model.size()];
                        for (int k = 0; k < GRADIENT_PARTS; k++) {
                            double[] r = parts.get(k).get();
                            clipped += r[0];
                            approxKl += r[1];
                            double[] g = buffers.get(k).grad;
                            for (int i = 0; i < grad.length; i++) grad[i] += g[i];
                        }
                        counted += minibatch;
                        double norm = 0;
                        for (double g : grad) norm += g * g;
                        norm = Math.sqrt(norm);
                        double scale = norm > settings.maxGradNorm() ? settings.maxGradNorm() / norm : 1;
                        adamSteps++;
                        double c1 = 1 - Math.pow(0.9, adamSteps), c2 = 1 - Math.pow(0.999, adamSteps);
                        for (int i = 0; i < theta.length; i++) {
                            double g = grad[i] * scale;
                            adamM[i] = 0.9 * adamM[i] + 0.1 * g;
                            adamV[i] = 0.999 * adamV[i] + 0.001 * g * g;
                            theta[i] -= learningRate * (adamM[i] / c1) / (Math.sqrt(adamV[i] / c2) + 1e-5);
                        }
                    }
                }
                long steps = (long) update * batch;
                double length = 0, speed = 0, task = 0, cost = 0;
                for (double[] f : ended) {
                    length += f[0];
                    speed += f[1];
                    task += f[2];
                    cost += f[3];
                }
                int m = Math.max(1, ended.size());
                // no episode ended in this update (long episodes): keep the last speed as the label, not 0
                double meanSpeed = ended.isEmpty() ? lastSpeed : speed / m;
                lastSpeed = meanSpeed;
                policy = new MlpPolicy(meanSpeed, observations.mean, observations.stds(),
                        concat(observationDim, settings.hidden(), actionDim), Arrays.copyOf(theta, model.actor().parameterCount()));
                Snapshot snapshot = new Snapshot(update, steps, policy, ended.size(), length / m, meanSpeed, task / m, cost / m);
                if (progress != null) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    progress.accept(String.format(Locale.ROOT, "%s | σ %.3f, clipped %.2f, kl %.4f | %.0f steps/s (%.0f %% in rollouts), eta %.0f s",
                            snapshot, Math.exp(theta[model.logStdAt()]), clipped / counted, approxKl / counted, steps / seconds,
                            100 * rolloutSeconds / seconds, seconds / update * (updates - update)));
                }
                if (snapshots != null && (update % snapshotEvery == 0 || update == updates)) snapshots.accept(snapshot);
            }
            return policy;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("PPO training interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("PPO training failed: " + e.getCause(), e.getCause());
        } finally {
            Shutdown.stopThenClose(executor, pool);
        }
    }

    private static int[] concat(int observationDim, int[] hidden, int actionDim) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = observationDim;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = actionDim;
        return sizes;
    }

    /** Plays {@code settings.stepsPerEnv()} steps of one environment with the current parameters, sampling actions. */
    private static void collect(Worker w, Model model, double[] theta, double[] mean, double[] std, Objective objective,
                                Settings settings, double[][] act, double[][] crit) {
        int actionDim = model.actor().outputs();
        float[] applied = new float[actionDim];
        for (int t = 0; t < settings.stepsPerEnv(); t++) {
            double[] raw = w.observations[t], input = w.inputs[t];
            for (int j = 0; j < raw.length; j++) raw[j] = w.observation[j];
            MlpPolicy.normalize(w.observation, mean, std, input);
            System.arraycopy(input, 0, act[0], 0, input.length);
            model.actor().forward(theta, 0, act);
            System.arraycopy(input, 0, crit[0], 0, input.length);
            model.critic().forward(theta, model.criticAt(), crit);
            w.values[t] = crit[crit.length - 1][0];
            double[] mu = act[act.length - 1], a = w.actions[t];
            double logp = 0;
            for (int i = 0; i < actionDim; i++) {
                double logStd = theta[model.logStdAt() + i], z = w.random.nextGaussian();
                a[i] = mu[i] + Math.exp(logStd) * z;
                logp += -0.5 * z * z - logStd - LOG_SQRT_2PI;
                applied[i] = (float) Math.max(-1, Math.min(1, a[i]));
            }
            w.logProbabilities[t] = logp;
            StepResult r = w.env.step(applied);
            w.rewards[t] = objective.reward(w.env, r, applied);
            w.episodeSteps++;
            w.episodeDistance += w.env.velocityX();
            w.episodeTaskReturn += r.reward();
            w.episodeCost += r.cost();
            boolean truncated = !r.terminated() && (r.truncated() || w.episodeSteps >= settings.horizon());
            w.ends[t] = r.terminated() || truncated;
            w.bootstraps[t] = 0;
            if (truncated) {
                MlpPolicy.normalize(r.observation(), mean, std, crit[0]);
                model.critic().forward(theta, model.criticAt(), crit);
                w.bootstraps[t] = crit[crit.length - 1][0];
            }
            if (w.ends[t]) {
                w.finished.add(new double[] {w.episodeSteps, w.episodeDistance / w.episodeSteps, w.episodeTaskReturn, w.episodeCost});
                w.episodeSteps = 0;
                w.episodeDistance = w.episodeTaskReturn = w.episodeCost = 0;
                w.observation = w.env.reset(w.random.nextLong());
            } else {
                w.observation = r.observation();
            }
        }
        MlpPolicy.normalize(w.observation, mean, std, crit[0]);
        model.critic().forward(theta, model.criticAt(), crit);
        w.lastValue = crit[crit.length - 1][0];
    }

    /**
     * The gradient of the minibatch's mean PPO loss over its samples {@code order[from..to)},
     * into {@code b.grad}: the clipped surrogate for the actor and log σ, half the squared error
     * (weighted ½) for the critic. Returns {the number of clipped samples, the sum of the
     * approximate KL}.
     */
    private static double[] gradient(Model model, double[] theta, GradientBuffers b, double[][] inputs, double[][] actions,
                                     double[] oldLogProbabilities, double[] advantages, double[] targets, int[] order, int from,
                                     int to, int minibatch, double advMean, double advStd, double clip) {
        Arrays.fill(b.grad, 0);
        int actionDim = model.actor().outputs();
        double clippedCount = 0, kl = 0;
        for (int s = from; s < to; s++) {
            int i = order[s];
            System.arraycopy(inputs[i], 0, b.actorActivations[0], 0, inputs[i].length);
            model.actor().forward(theta, 0, b.actorActivations);
            double[] mu = b.actorActivations[b.actorActivations.length - 1];
            double logp = 0;
            for (int j = 0; j < actionDim; j++) {
                double logStd = theta[model.logStdAt() + j], z = (actions[i][j] - mu[j]) / Math.exp(logStd);
                logp += -0.5 * z * z - logStd - LOG_SQRT_2PI;
            }
            double logRatio = logp - oldLogProbabilities[i], ratio = Math.exp(logRatio);
            kl += (ratio - 1) - logRatio;
            double advantage = (advantages[i] - advMean) / advStd;
            boolean active = !(advantage > 0 && ratio > 1 + clip) && !(advantage < 0 && ratio < 1 - clip);
            if (!active) clippedCount++;
            if (active) {
                double dLogp = -advantage * ratio / minibatch; // d loss / d log π
                for (int j = 0; j < actionDim; j++) {
                    double sigma = Math.exp(theta[model.logStdAt() + j]), z = (actions[i][j] - mu[j]) / sigma;
                    b.actorOut[j] = dLogp * z / sigma;
                    b.grad[model.logStdAt() + j] += dLogp * (z * z - 1);
                }
                model.actor().backward(theta, 0, b.actorActivations, b.actorOut, b.grad, b.actorScratch);
            }
            System.arraycopy(inputs[i], 0, b.criticActivations[0], 0, inputs[i].length);
            model.critic().forward(theta, model.criticAt(), b.criticActivations);
            double v = b.criticActivations[b.criticActivations.length - 1][0];
            b.criticOut[0] = 0.5 * (v - targets[i]) / minibatch; // ½ · d(½(v − R)²)/dv, averaged
            model.critic().backward(theta, model.criticAt(), b.criticActivations, b.criticOut, b.grad, b.criticScratch);
        }
        return new double[] {clippedCount, kl};
    }

    /**
     * Trains a behaviour network and writes a snapshot every K updates as a policy file
     * {@code OUT/snapshot-UPDATE.txt} (labelled with its training episodes' mean speed), and the
     * last as {@code OUT/final.txt}. Arguments: task id, total steps, seed, output folder;
     * optionally the objective — {@code task} (the task's reward, the default),
     * {@code run CTRL} (1 per step alive + v_x − CTRL·‖a‖²: runs faster where the task's control
     * cost holds a robot back) or {@code hold TARGET} (walk at TARGET m/s, see {@link Objective#hold}) —
     * then environments, threads, snapshot interval K.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: PpoTrainer TASK_ID TOTAL_STEPS SEED OUT_DIR [task|run CTRL|hold TARGET [ENVS THREADS K]]");
            System.exit(2);
        }
        var definition = org.drcorl.env.mujoco.MujocoTaskCatalog.find(args[0])
                .orElseThrow(() -> new IllegalArgumentException("unknown mujoco task " + args[0]));
        long total = Long.parseLong(args[1]), seed = Long.parseLong(args[2]);
        Path out = Path.of(args[3]);
        Files.createDirectories(out);
        String kind = args.length > 4 ? args[4] : "task";
        int at = kind.equals("task") ? 5 : 6;
        if (args.length < at) {
            System.err.println("objective " + kind + " needs a value (run CTRL, hold TARGET)");
            System.exit(2);
        }
        Objective objective = switch (kind) {
            case "task" -> Objective.task(0);
            case "run" -> Objective.run(Double.parseDouble(args[5]));
            case "hold" -> Objective.hold(Double.parseDouble(args[5]), 1e-3);
            default -> throw new IllegalArgumentException("objective must be task, run or hold, got " + kind);
        };
        int envCount = args.length > at ? Integer.parseInt(args[at]) : 4;
        int threads = args.length > at + 1 ? Integer.parseInt(args[at + 1]) : Runtime.getRuntime().availableProcessors();
        int every = args.length > at + 2 ? Integer.parseInt(args[at + 2]) : 10;
        Settings settings = Settings.mujoco(envCount, definition.spec().maxEpisodeSteps());
        String header = "# " + args[0] + ": PpoTrainer " + String.join(" ", args) + "\n# " + settings + "\n";
        System.err.println(header);
        Snapshot[] last = new Snapshot[1];
        new PpoTrainer(definition.factory(), threads).train(objective, settings, total, seed, every, s -> {
            last[0] = s;
            try {
                write(out.resolve(String.format(Locale.ROOT, "snapshot-%04d.txt", s.update())), header + "# " + s + "\n" + s.policy().toText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, System.err::println);
        write(out.resolve("final.txt"), header + "# " + last[0] + "\n" + last[0].policy().toText());
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
