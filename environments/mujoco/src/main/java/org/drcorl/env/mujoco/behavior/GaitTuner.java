package org.drcorl.env.mujoco.behavior;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.drcorl.env.mujoco.MujocoTaskEnv;
import org.drcorl.spi.StepResult;

/**
 * Tunes a {@link Gait} to run at a target forward speed with the cross-entropy method: sample
 * gaits around a mean, play each for a short episode with action noise, move the mean toward
 * the best few. The score is −|mean forward speed − target|, less a penalty for falling
 * (episodes that terminate early), measured after a warm-up so that the gait's steady state
 * counts, not its start.
 *
 * <p>The gaits shipped in {@code gaits/*.txt} were made with {@link #main}; run it again to
 * retune (see the plugin's README). Deterministic from its seed.
 */
public final class GaitTuner {
    private final Supplier<? extends MujocoTaskEnv> envs;
    private final int horizon;
    private final int warmup;
    private final double actionNoise;
    private final boolean taskReward;
    private int hold = 1;
    private boolean planar;

    /**
     * @param envs        makes the task's environment
     * @param horizon     steps per evaluation episode
     * @param warmup      steps not counted in the speed
     * @param actionNoise σ of the Gaussian noise added to the gait's actions while tuning (robustness)
     */
    public GaitTuner(Supplier<? extends MujocoTaskEnv> envs, int horizon, int warmup, double actionNoise) {
        this(envs, horizon, warmup, actionNoise, false);
    }

    /** The same, scoring the task's own reward per step instead of a target speed if {@code taskReward}. */
    public GaitTuner(Supplier<? extends MujocoTaskEnv> envs, int horizon, int warmup, double actionNoise, boolean taskReward) {
        this.taskReward = taskReward;
        if (warmup >= horizon) throw new IllegalArgumentException("warm-up " + warmup + " >= horizon " + horizon);
        this.envs = envs;
        this.horizon = horizon;
        this.warmup = warmup;
        this.actionNoise = actionNoise;
    }

    /**
     * Plays each gait action for {@code steps} environment steps, sampling the gait on that
     * coarser clock: a gait for a task that acts every {@code steps · dt} (AntCircle acts every
     * 0.1 s) tuned on a task with the same robot and a finer step (AntRun's 1/30 s), whose
     * reset faces +x. Default 1.
     */
    public GaitTuner holdingEach(int steps) {
        if (steps < 1) throw new IllegalArgumentException("hold must be at least 1 step, got " + steps);
        this.hold = steps;
        return this;
    }

    /**
     * Measures the speed as the straight-line distance covered after the warm-up, in whatever
     * direction (the free root's x and y, qpos[0] and qpos[1]), over the time it took: for a task
     * whose reset heading varies (AntCircle), where a steering policy picks the direction and the
     * gait only has to walk.
     */
    public GaitTuner measuringPlanarSpeed() {
        this.planar = true;
        return this;
    }

    /** What one gait did in one episode. */
    public record Trial(double meanSpeed, int steps, double rewardReturn, double costReturn) {}

    /** Plays a gait for up to {@code horizon} steps from the initial state of {@code seed}. */
    public Trial play(MujocoTaskEnv env, Gait gait, long seed, double noise) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        env.reset(seed);
        double[] a = new double[gait.actuators()];
        float[] action = new float[a.length];
        double dt = env.frameSkip() * env.model().timestep();
        double distance = 0, rewards = 0, costs = 0, x0 = 0, y0 = 0;
        int counted = 0, t = 0;
        StepResult r;
        do {
            if (t == warmup) {
                x0 = env.data().qpos(0);
                y0 = env.data().qpos(1);
            }
            if (t % hold == 0) {
                gait.actionAt(t * dt, 1.0, a);
                for (int i = 0; i < a.length; i++) action[i] = (float) (a[i] + noise * random.nextGaussian());
            }
            r = env.step(action);
            rewards += r.reward();
            costs += r.cost();
            if (t >= warmup) {
                distance += env.velocityX() * dt;
                counted++;
            }
            t++;
        } while (!r.done() && t < horizon);
        if (planar && counted > 0) distance = Math.hypot(env.data().qpos(0) - x0, env.data().qpos(1) - y0);
        return new Trial(counted == 0 ? 0 : distance / (counted * dt), t, rewards, costs);
    }

    /**
     * The score CEM maximizes for a target speed; for a tuner made to score the task's reward,
     * that reward per step instead (for a task whose reward is not forward speed).
     */
    double score(Trial trial, double targetSpeed) {
        if (taskReward) return trial.rewardReturn() / horizon;
        double fell = 1.0 - (double) trial.steps() / horizon;
        return -Math.abs(trial.meanSpeed() - targetSpeed) - 3.0 * Math.abs(targetSpeed) * fell - 5.0 * fell;
    }

    /**
     * Cross-entropy search for a gait running at {@code targetSpeed}.
     *
     * @param start       the initial mean (e.g. a gait tuned for a neighbouring speed)
     * @param startStd    the initial standard deviation per parameter
     * @param iterations  CEM iterations
     * @param population  gaits sampled per iteration
     * @param elites      best gaits the next mean is fitted to
     * @param seed        seed of the search
     */
    public Gait tune(double targetSpeed, Gait start, double[] startStd, int iterations, int population, int elites, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] mean = start.toVector();
        double[] std = startStd.clone();
        int dim = mean.length;
        Gait best = start;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int it = 0; it < iterations; it++) {
            double[][] samples = new double[population][];
            long[] seeds = new long[population];
            for (int p = 0; p < population; p++) {
                double[] v = new double[dim];
                for (int k = 0; k < dim; k++) v[k] = mean[k] + std[k] * random.nextGaussian();
                v[0] = Math.max(0.3, v[0]); // a gait needs a positive frequency
                samples[p] = v;
                seeds[p] = random.nextLong();
            }
            double[] scores = IntStream.range(0, population).parallel().mapToDouble(p -> {
                try (MujocoTaskEnv env = envs.get()) {
                    Gait g = Gait.fromVector(targetSpeed, samples[p]);
                    return 0.5 * (score(play(env, g, seeds[p], actionNoise), targetSpeed)
                            + score(play(env, g, seeds[p] + 1, actionNoise), targetSpeed));
                }
            }).toArray();
            Integer[] order = IntStream.range(0, population).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingDouble(p -> -scores[p]));
            if (scores[order[0]] > bestScore) {
                bestScore = scores[order[0]];
                best = Gait.fromVector(targetSpeed, samples[order[0]]);
            }
            for (int k = 0; k < dim; k++) {
                double m = 0;
                for (int e = 0; e < elites; e++) m += samples[order[e]][k];
                m /= elites;
                double s = 0;
                for (int e = 0; e < elites; e++) s += Math.pow(samples[order[e]][k] - m, 2);
                mean[k] = m;
                std[k] = Math.sqrt(s / elites) + 0.02 * startStd[k]; // a floor keeps the search alive
            }
        }
        System.err.printf(Locale.ROOT, "  target %.2f m/s: best score %.3f%n", targetSpeed, bestScore);
        return best;
    }

    /**
     * Tunes one gait from a neutral start and prints it as a gait-file line.
     * Arguments: task id, target speed (m/s; a large one asks for the fastest gait), starting
     * frequency (Hz), iterations, seed; optionally horizon (steps, default 200).
     * {@code -Ddrcorl.gait.objective=task} scores the task's own reward instead of the speed;
     * {@code -Ddrcorl.gait.hold=K} plays each action for K steps ({@link #holdingEach});
     * {@code -Ddrcorl.gait.planar=true} scores the speed in any direction ({@link #measuringPlanarSpeed});
     * {@code -Ddrcorl.gait.start=FILE} starts from the first gait of a shipped gait file, with
     * a narrower search (continuing an earlier run).
     */
    public static void main(String[] args) {
        if (args.length < 5) {
            System.err.println("usage: GaitTuner TASK_ID TARGET_SPEED START_HZ ITERATIONS SEED [HORIZON]");
            System.exit(2);
        }
        var definition = org.drcorl.env.mujoco.MujocoTaskCatalog.find(args[0])
                .orElseThrow(() -> new IllegalArgumentException("unknown mujoco task " + args[0]));
        double target = Double.parseDouble(args[1]), hz = Double.parseDouble(args[2]);
        int iterations = Integer.parseInt(args[3]);
        long seed = Long.parseLong(args[4]);
        int horizon = args.length > 5 ? Integer.parseInt(args[5]) : 200;
        int actuators = definition.spec().actionDim();
        GaitTuner tuner = new GaitTuner(definition.factory(), horizon, horizon / 5, 0.1,
                "task".equals(System.getProperty("drcorl.gait.objective")))
                .holdingEach(Integer.getInteger("drcorl.gait.hold", 1));
        if (Boolean.getBoolean("drcorl.gait.planar")) tuner.measuringPlanarSpeed();
        String startFile = System.getProperty("drcorl.gait.start");
        Gait gait = startFile == null
                ? tuner.tune(target, neutral(actuators, hz, 0.9), startStd(actuators, 1.0, 0.4, 2.0, 0.4), iterations, 32, 6, seed)
                : tuner.tune(target, GaitBehaviorPolicies.readGait(startFile), startStd(actuators, 0.3, 0.15, 0.5, 0.15),
                        iterations, 32, 6, seed);
        System.out.println("# " + args[0] + ": GaitTuner " + String.join(" ", args));
        System.out.println(gait.toLine());
    }

    /** A neutral starting gait: f Hz, amplitude a, phases spread over the joints, no bias. */
    public static Gait neutral(int actuators, double frequency, double amplitude) {
        double[] amp = new double[actuators], phase = new double[actuators], bias = new double[actuators];
        for (int i = 0; i < actuators; i++) {
            amp[i] = amplitude;
            phase[i] = 2 * Math.PI * i / actuators;
        }
        return new Gait(0, frequency, amp, phase, bias);
    }

    /** Standard deviations for a starting search: frequency, amplitude, phase, bias. */
    public static double[] startStd(int actuators, double frequency, double amplitude, double phase, double bias) {
        double[] s = new double[1 + 3 * actuators];
        s[0] = frequency;
        for (int i = 0; i < actuators; i++) {
            s[1 + i] = amplitude;
            s[1 + actuators + i] = phase;
            s[1 + 2 * actuators + i] = bias;
        }
        return s;
    }
}
