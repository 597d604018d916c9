package org.drcorl.bench;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.drcorl.env.bullet.BulletTaskProvider;
import org.drcorl.spi.SafeEnv;
import org.drcorl.spi.TaskProvider;
import org.drcorl.spi.TaskSpec;

/**
 * Environment step throughput: for each Bullet task, warms up, then times random-action
 * steps (resetting when an episode ends) on one thread, and prints steps per second.
 * Runs on its own, or as part of {@link Benchmarks}.
 *
 * <p>Arguments (optional): measured seconds per task (default 3), warm-up seconds (default 1).
 */
public final class EnvStepBenchmark {
    private EnvStepBenchmark() {}

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        double warmup = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
        System.out.printf(Locale.ROOT, "%-24s %8s %14s %14s%n", "task", "obs/act", "steps/s", "µs/step");
        for (Result r : all(seconds, warmup)) {
            System.out.printf(Locale.ROOT, "%-24s %8s %,14.0f %14.2f%n", r.spec.id(),
                    r.spec.observationDim() + "/" + r.spec.actionDim(), r.perSecond(), 1e6 / r.perSecond());
        }
    }

    /** Steps per second of one task. */
    record Result(TaskSpec spec, long steps, double seconds) {
        double perSecond() {
            return steps / seconds;
        }
    }

    static List<Result> all(double seconds, double warmup) {
        TaskProvider provider = new BulletTaskProvider();
        return provider.tasks().stream().map(spec -> {
            try (SafeEnv env = provider.create(spec.id())) {
                run(env, warmup);
                return run(env, seconds);
            }
        }).toList();
    }

    /** Steps with uniform random actions for about {@code seconds}; checks the clock every 256 steps. */
    private static Result run(SafeEnv env, double seconds) {
        SplittableRandom random = new SplittableRandom(0);
        float[] action = new float[env.spec().actionDim()];
        long episode = 0;
        env.reset(episode++);
        long steps = 0;
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long now;
        double checksum = 0;
        do {
            for (int i = 0; i < 256; i++) {
                for (int k = 0; k < action.length; k++) action[k] = (float) random.nextDouble(-1.0, 1.0);
                var r = env.step(action);
                checksum += r.reward();
                if (r.done()) env.reset(episode++);
            }
            steps += 256;
            now = System.nanoTime();
        } while (now < deadline);
        if (Double.isNaN(checksum)) throw new IllegalStateException("NaN reward in " + env.spec().id());
        return new Result(env.spec(), steps, (now - start) / 1e9);
    }
}
