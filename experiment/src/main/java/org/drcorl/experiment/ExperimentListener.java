package org.drcorl.experiment;

import org.drcorl.train.TrainingProgress;
import org.drcorl.train.extract.PolicyExtractor;

/**
 * What a running experiment tells its caller: progress of the long stages (a progress bar in a
 * terminal, a line per stage in a notebook, nothing in a benchmark), one line per notable event
 * (a policy reused, a snapshot kept, a score), and, for whoever wants to watch training closely,
 * every phase-2 step of every extraction.
 */
public interface ExperimentListener {

    /** Progress of the training stages. */
    TrainingProgress progress();

    /** One line about what just happened, e.g. "drcorl κ=20 seed 0: reward 0.469, cost 0.770". */
    void info(String line);

    /**
     * A line the user should see even when progress is turned off (e.g. that a dataset is being
     * collected, which takes a while and writes a file); {@link #info} unless overridden.
     */
    default void notice(String line) {
        info(line);
    }

    /** A phase-2 step of the extraction of {@code algorithm} for budget κ and seed. */
    default void step(String algorithm, double threshold, long seed, PolicyExtractor.StepLog log) {}

    /** Says nothing, shows no progress: for benchmarks and tests. */
    static ExperimentListener silent() {
        return new ExperimentListener() {
            @Override
            public TrainingProgress progress() {
                return TrainingProgress.NONE;
            }

            @Override
            public void info(String line) {}
        };
    }

    /** One line per stage with its duration, and the info lines, on standard output: for notebooks. */
    static ExperimentListener lines() {
        return new ExperimentListener() {
            private final TrainingProgress stages = new TrainingProgress() {
                private String stage;
                private long total, started;

                @Override
                public void start(String s, long steps) {
                    stage = s;
                    total = steps;
                    started = System.nanoTime();
                }

                @Override
                public void advance(long steps) {}

                @Override
                public void finish() {
                    if (stage != null) System.out.printf("%s: %d steps in %.0f s%n", stage, total, (System.nanoTime() - started) / 1e9);
                    stage = null;
                }
            };

            @Override
            public TrainingProgress progress() {
                return stages;
            }

            @Override
            public void info(String line) {
                System.out.println(line.strip());
            }
        };
    }
}
