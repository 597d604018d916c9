package org.drcorl.experiment.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A bounded pool of local processes: at most {@code jobs} points run at once, each its own JVM
 * with its output in the point's log. Interrupting the sweep (Ctrl-C) stops the running points,
 * which resume on the next sweep.
 */
public final class LocalExecutor implements SweepExecutor {
    private final int jobs;

    public LocalExecutor(int jobs) {
        if (jobs < 1) throw new IllegalArgumentException("--jobs must be >= 1, got " + jobs);
        this.jobs = jobs;
    }

    /** One point per core: each runs its engine on one thread. */
    public static int defaultJobs() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public List<PointOutcome> run(List<SweepPlan.Job> todo, Consumer<PointOutcome> finished) {
        Set<Process> running = ConcurrentHashMap.newKeySet();
        Thread stopper = new Thread(() -> running.forEach(Process::destroy), "drcorl-sweep-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "drcorl-sweep-point");
            t.setDaemon(true);
            return t;
        });
        List<PointOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (SweepPlan.Job job : todo) {
                futures.add(pool.submit(() -> {
                    PointOutcome o = runOne(job, running);
                    outcomes.add(o);
                    synchronized (finished) {
                        finished.accept(o);
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("the sweep's worker failed: " + e.getCause(), e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.forEach(Process::destroy);
        } finally {
            pool.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException ignored) {
                // already shutting down: the hook runs
            }
        }
        return List.copyOf(outcomes);
    }

    private static PointOutcome runOne(SweepPlan.Job job, Set<Process> running) {
        long start = System.nanoTime();
        try {
            Files.createDirectories(job.log().getParent());
            Process p = new ProcessBuilder(job.command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(job.log().toFile())).start();
            running.add(p);
            int code;
            try {
                code = p.waitFor();
            } finally {
                running.remove(p);
            }
            return new PointOutcome(job.point(), code, job.log(), Duration.ofNanos(System.nanoTime() - start), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + job.point().label() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PointOutcome(job.point(), -1, job.log(), Duration.ofNanos(System.nanoTime() - start), false);
        }
    }
}
