package org.drcorl.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;
import org.drcorl.env.mujoco.MujocoTaskEnv;
import org.drcorl.env.mujoco.MujocoTaskProvider;
import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoLibrary;
import org.drcorl.spi.TaskSpec;

/**
 * MuJoCo task throughput next to the engine's own: for each task of the mujoco plugin, times
 * environment steps with random actions (resetting when an episode ends), and, on the same
 * model in the same run, bare {@code mj_step} calls with random controls. The binding's
 * overhead is the share of an environment step not spent in its {@code frameSkip} mj_steps
 * (action clipping, the control write, reward/cost/observation, resets).
 *
 * <p>Rates are per second of this thread's CPU time, not of wall time, so that other
 * processes competing for the cores (as on a shared build machine) do not distort them.
 *
 * <p>Arguments (optional): measured CPU seconds per task and kind, split over three
 * alternating rounds whose best is kept (default 3), warm-up seconds (default 1), and the tasks to
 * measure as comma-separated parts of their ids (default: every task; e.g. {@code AntRun,AntCircle}).
 */
public final class MujocoStepBenchmark {
    private static final int ROUNDS = 3;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private MujocoStepBenchmark() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        double warmup = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        java.util.List<String> only = args.length > 2 ? java.util.List.of(args[2].split(",")) : java.util.List.of();
        var availability = MujocoLibrary.availability();
        if (!availability.available()) {
            System.err.println("MuJoCo is unavailable: " + availability.reason());
            System.exit(2);
        }
        MujocoTaskProvider provider = new MujocoTaskProvider();
        System.out.println("rates per CPU-second of the benchmark thread");
        System.out.printf(Locale.ROOT, "%-40s %5s %12s %12s %12s %10s%n",
                "task", "skip", "env steps/s", "mj_step/s", "env-equiv/s", "overhead");
        for (TaskSpec spec : provider.tasks()) {
            if (!only.isEmpty() && only.stream().noneMatch(spec.id()::contains)) continue;
            try (MujocoTaskEnv env = (MujocoTaskEnv) provider.create(spec.id())) {
                rawSteps(env, envSteps(env, warmup).meanEpisodeSteps(), warmup);
                // Alternate the two measurements and keep the best of each, so that a burst of load
                // from other processes does not land on one of them only.
                double envRate = 0, rawRate = 0;
                for (int round = 0; round < ROUNDS; round++) {
                    Rate r = envSteps(env, seconds / ROUNDS);
                    envRate = Math.max(envRate, r.perSecond());
                    rawRate = Math.max(rawRate, rawSteps(env, r.meanEpisodeSteps(), seconds / ROUNDS));
                }
                double envEquivalent = rawRate / env.frameSkip();
                double overhead = 1 - envRate / envEquivalent;
                System.out.printf(Locale.ROOT, "%-40s %5d %,12.0f %,12.0f %,12.0f %9.1f%%%n", spec.id(), env.frameSkip(),
                        envRate, rawRate, envEquivalent, 100 * overhead);
            }
        }
    }

    private record Rate(double perSecond, double meanEpisodeSteps) {}

    /** Environment steps per second with uniform random actions, and the mean episode length they had. */
    private static Rate envSteps(MujocoTaskEnv env, double seconds) {
        SplittableRandom random = new SplittableRandom(0);
        float[] action = new float[env.spec().actionDim()];
        long episode = 0, steps = 0;
        env.reset(episode++);
        double checksum = 0;
        long start = THREADS.getCurrentThreadCpuTime(), deadline = start + (long) (seconds * 1e9), now;
        do {
            for (int i = 0; i < 64; i++) {
                for (int k = 0; k < action.length; k++) action[k] = (float) random.nextDouble(-1.0, 1.0);
                var r = env.step(action);
                checksum += r.reward();
                if (r.done()) env.reset(episode++);
            }
            steps += 64;
            now = THREADS.getCurrentThreadCpuTime();
        } while (now < deadline);
        if (Double.isNaN(checksum)) throw new IllegalStateException("NaN reward in " + env.spec().id());
        return new Rate(steps / ((now - start) / 1e9), (double) steps / episode);
    }

    /**
     * Bare mj_step calls per second on the environment's own model and data with random
     * controls held for a frame skip, restarting from the task's initial-state distribution as often as the
     * environment's episodes did: the simulated states, and so the contact load, are alike.
     */
    private static double rawSteps(MujocoTaskEnv env, double episodeSteps, double seconds) {
        SplittableRandom random = new SplittableRandom(1);
        MujocoData data = env.data();
        int nu = data.model().nu();
        long restartEvery = Math.max(1, Math.round(episodeSteps * env.frameSkip()));
        long episode = 0, steps = 0, sinceReset = 0;
        env.reset(episode++);
        long start = THREADS.getCurrentThreadCpuTime(), deadline = start + (long) (seconds * 1e9), now;
        do {
            for (int i = 0; i < 64; i++) {
                if (sinceReset % env.frameSkip() == 0) { // held for a frame skip, as the environment does
                    for (int k = 0; k < nu; k++) data.setCtrl(k, random.nextDouble(-1.0, 1.0));
                }
                data.step();
                if (++sinceReset == restartEvery) {
                    env.reset(episode++);
                    sinceReset = 0;
                }
            }
            steps += 64;
            now = THREADS.getCurrentThreadCpuTime();
        } while (now < deadline);
        env.reset(0);
        return steps / ((now - start) / 1e9);
    }
}
