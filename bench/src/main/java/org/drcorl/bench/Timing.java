package org.drcorl.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Repeated timings and their medians. A repetition times {@code calls} back-to-back calls, so
 * that even a microsecond body is timed over milliseconds; the median over repetitions is what
 * the tables report, because on a shared machine the mean is dragged by whoever else ran.
 */
final class Timing {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Timing() {}

    /** Wall-clock and this thread's CPU seconds per call, one entry per repetition. */
    record Samples(double[] wall, double[] cpu) {
        double medianWall() {
            return median(wall);
        }

        double medianCpu() {
            return median(cpu);
        }
    }

    /**
     * @param warmup calls before timing (JIT, caches, the engine's first-use allocations)
     * @param reps   repetitions
     * @param calls  calls per repetition
     */
    static Samples perCall(Runnable body, int warmup, int reps, int calls) {
        for (int i = 0; i < warmup; i++) body.run();
        double[] wall = new double[reps], cpu = new double[reps];
        for (int r = 0; r < reps; r++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) body.run();
            wall[r] = (System.nanoTime() - t0) / 1e9 / calls;
            cpu[r] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e9 / calls;
        }
        return new Samples(wall, cpu);
    }

    /** How many calls of {@code body} take about {@code seconds} (at least 1), from one timed call after one warm-up. */
    static int callsFor(Runnable body, double seconds) {
        body.run();
        long t0 = System.nanoTime();
        body.run();
        double one = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
        return (int) Math.max(1, Math.min(1_000_000, Math.round(seconds / one)));
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    /** The one-minute load average, from /proc/loadavg (NaN where there is none). */
    static double load() {
        try {
            String s = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
            return Double.parseDouble(s.split("\\s+")[0]);
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
