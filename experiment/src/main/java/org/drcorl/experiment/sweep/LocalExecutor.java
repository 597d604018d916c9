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
 * A bounded pool of local processes: at most {@code jobs} runs at once, each its own JVM with its
 * output in its log; the stage runs first, then the extraction runs whose stages succeeded.
 * Interrupting the sweep (Ctrl-C) stops the running ones, which resume on the next sweep.
 */
public final class LocalExecutor implements SweepExecutor {
    private final int jobs;

    public LocalExecutor(int jobs) {
        if (jobs < 1) throw new IllegalArgumentException("--jobs must be >= 1, got " + jobs);
        this.jobs = jobs;
    }

    /** One run per core: each runs its engine on one thread. */
    public static int defaultJobs() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public List<JobOutcome> run(List<SweepPlan.Job> todo, Consumer<JobOutcome> finished) {
        Set<Process> running = ConcurrentHashMap.newKeySet();
        Thread stopper = new Thread(() -> running.forEach(Process::destroy), "drcorl-sweep-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "drcorl-sweep-job");
            t.setDaemon(true);
            return t;
        });
        List<JobOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try {
            List<JobOutcome> stages = phase(pool, todo.stream().filter(SweepPlan.Job::isStage).toList(), running, start, finished);
            outcomes.addAll(stages);
            Set<Integer> failedStages = new java.util.HashSet<>();
            for (JobOutcome o : stages) if (!o.ok()) failedStages.add(o.job().stage());
            List<SweepPlan.Job> extractions = new ArrayList<>();
            for (SweepPlan.Job j : todo) {
                if (j.isStage()) continue;
                if (failedStages.contains(j.stage())) {
                    JobOutcome o = new JobOutcome(j, JobOutcome.STAGES_FAILED, Duration.ZERO, false);
                    outcomes.add(o);
                    finished.accept(o);
                } else {
                    extractions.add(j);
                }
            }
            outcomes.addAll(phase(pool, extractions, running, start, finished));
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

    private static List<JobOutcome> phase(ExecutorService pool, List<SweepPlan.Job> jobs, Set<Process> running, long start,
                                          Consumer<JobOutcome> finished) throws InterruptedException {
        List<JobOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> futures = new ArrayList<>();
        for (SweepPlan.Job job : jobs) {
            futures.add(pool.submit(() -> {
                JobOutcome o = runOne(job, running, start);
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
        return outcomes;
    }

    private static JobOutcome runOne(SweepPlan.Job job, Set<Process> running, long start) {
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
            return new JobOutcome(job, code, Duration.ofNanos(System.nanoTime() - start), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + job.label() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new JobOutcome(job, -1, Duration.ofNanos(System.nanoTime() - start), false);
        }
    }
}
