package org.drcorl.experiment.sweep;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a sweep's points, each {@code drcorl run} in a JVM of its own: on a local process pool or
 * through a scheduler. A failing point is reported and the others go on.
 */
public interface SweepExecutor {
    /**
     * Runs {@code points} (each given as its command line) and tells {@code finished} about each as it
     * ends, in the order they end.
     */
    List<PointOutcome> run(List<SweepPlan.Job> jobs, Consumer<PointOutcome> finished);
}
