package org.drcorl.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.drcorl.nn.Autograd;
import org.drcorl.train.TrainingProgress;
import org.drcorl.train.extract.PolicyExtractor;

/**
 * Runs independent training jobs (a seed's stages; its policies) {@code jobs} at a time, each on a
 * thread of its own with the engine's usual single intra-op thread, and returns their results in
 * the order given. Every job owns its random streams and copies what it changes, so the results
 * are the ones a sequential run gives, bit for bit; only the order of the info lines may differ.
 * With one job everything runs on the calling thread, each job with the listener's own progress,
 * exactly as before this class existed.
 *
 * <p>With several jobs, progress is one bar over all of them, in steps: each job counts toward it
 * at most the steps it planned (a stage reused from a checkpoint counts at once when it ends). A
 * job's lines ({@link ExperimentListener#info}) are held and printed after the bar, job by job in
 * the given order, so the output reads as a sequential run's and no line breaks into the bar; its
 * per-step reports ({@link ExperimentListener#step}) pass through, one call at a time. When a job
 * fails, the jobs not started yet are skipped, the running ones end, and the first failure in the
 * given order is thrown as it was thrown.
 */
final class ParallelTraining {
    /** A job: its label, the steps it plans to report, and the work. */
    record Job<T>(String label, long plannedSteps, Work<T> work) {}

    /** The work of a job, given where to report its progress and its lines. */
    @FunctionalInterface
    interface Work<T> {
        T run(TrainingProgress progress, ExperimentListener out);
    }

    private final int jobs;
    private final ExperimentListener listener;

    ParallelTraining(int jobs, ExperimentListener listener) {
        if (jobs < 1) throw new IllegalArgumentException("jobs must be >= 1, got " + jobs);
        this.jobs = jobs;
        this.listener = listener;
    }

    int jobs() {
        return jobs;
    }

    /** Runs {@code work} and returns the results in its order; {@code title} labels the shared progress bar. */
    <T> List<T> run(String title, List<Job<T>> work) {
        List<T> results = new ArrayList<>(work.size());
        int threads = Math.min(jobs, work.size());
        if (threads <= 1) {
            for (Job<T> j : work) results.add(j.work().run(listener.progress(), listener));
            return results;
        }
        long total = work.stream().mapToLong(Job::plannedSteps).sum();
        SharedBar bar = new SharedBar(listener.progress(), title + " (" + work.size() + " jobs, " + threads + " at a time)", total);
        AtomicBoolean failed = new AtomicBoolean();
        List<HeldLines> lines = new ArrayList<>();
        for (int i = 0; i < work.size(); i++) lines.add(new HeldLines(listener, stepLock));
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(() -> {
                Autograd.offOnThisThread(); // PyTorch records by default on a new thread
                r.run();
            }, "drcorl-training-" + number.incrementAndGet());
            t.setDaemon(true); // an interrupted run (Ctrl-C) exits without waiting for them
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < work.size(); i++) {
                Job<T> j = work.get(i);
                HeldLines out = lines.get(i);
                futures.add(pool.submit(() -> {
                    if (failed.get()) return null; // a job before it failed: skipped
                    SharedBar.Part part = bar.part(j.plannedSteps());
                    try {
                        return j.work().run(part, out);
                    } catch (RuntimeException | Error e) {
                        failed.set(true);
                        throw e;
                    } finally {
                        part.complete();
                    }
                }));
            }
            Throwable first = null;
            for (Future<T> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    if (first == null) first = e.getCause();
                    results.add(null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while training", e);
                }
            }
            if (first instanceof RuntimeException r) throw r;
            if (first instanceof Error e) throw e;
            if (first != null) throw new IllegalStateException(first);
            return results;
        } finally {
            pool.shutdownNow();
            bar.finish();
            for (HeldLines held : lines) held.release();
        }
    }

    private final Object stepLock = new Object();

    /** A job's listener: its lines held until {@link #release}, its per-step reports passed on one at a time. */
    private static final class HeldLines implements ExperimentListener {
        private final ExperimentListener target;
        private final Object stepLock;
        private final List<String[]> held = new ArrayList<>();

        HeldLines(ExperimentListener target, Object stepLock) {
            this.target = target;
            this.stepLock = stepLock;
        }

        @Override
        public TrainingProgress progress() {
            return TrainingProgress.NONE; // a job reports progress through its part of the shared bar
        }

        @Override
        public synchronized void info(String line) {
            held.add(new String[] {"info", line});
        }

        @Override
        public synchronized void notice(String line) {
            held.add(new String[] {"notice", line});
        }

        @Override
        public void step(String algorithm, double threshold, long seed, PolicyExtractor.StepLog log) {
            synchronized (stepLock) {
                target.step(algorithm, threshold, seed, log);
            }
        }

        synchronized void release() {
            for (String[] l : held) {
                if (l[0].equals("notice")) target.notice(l[1]);
                else target.info(l[1]);
            }
            held.clear();
        }
    }

    /** One progress bar fed by several jobs, each capped at the steps it planned. */
    private static final class SharedBar {
        private final TrainingProgress out;

        SharedBar(TrainingProgress out, String label, long total) {
            this.out = out;
            out.start(label, total);
        }

        Part part(long planned) {
            return new Part(planned);
        }

        synchronized void advance(long steps) {
            if (steps > 0) out.advance(steps);
        }

        synchronized void finish() {
            out.finish();
        }

        /** A job's view: its own stages start and finish silently; its steps go to the bar up to its plan. */
        final class Part implements TrainingProgress {
            private final long planned;
            private long reported;

            Part(long planned) {
                this.planned = planned;
            }

            @Override
            public void start(String stage, long totalSteps) {}

            @Override
            public synchronized void advance(long steps) {
                long take = Math.min(steps, planned - reported);
                reported += Math.max(0, take);
                SharedBar.this.advance(take);
            }

            @Override
            public void finish() {}

            /** The job ended: whatever it planned and did not report (a stage reused from a checkpoint) counts now. */
            synchronized void complete() {
                SharedBar.this.advance(planned - reported);
                reported = planned;
            }
        }
    }
}
