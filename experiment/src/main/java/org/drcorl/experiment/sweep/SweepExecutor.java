package org.drcorl.experiment.sweep;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a sweep's jobs, each {@code drcorl run} in a JVM of its own, on a local process pool or
 * through a scheduler: a task × seed's extraction runs after its stage run (when that is among the
 * jobs; a finished one is not), and not at all when it failed. A failing job is reported and the
 * others go on.
 */
public interface SweepExecutor {
    /** Runs {@code jobs} and tells {@code finished} about each as it ends, in the order they end. */
    List<JobOutcome> run(List<SweepPlan.Job> jobs, Consumer<JobOutcome> finished);
}
