package org.drcorl.experiment.sweep;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How one point of a sweep ended.
 *
 * @param point    the (task, seed) pair
 * @param exitCode its {@code drcorl run}'s exit code (0: finished), or -1 when it never ran
 * @param log      its output
 * @param took     wall time
 * @param skipped  whether it had finished in an earlier sweep and was not run again
 */
public record PointOutcome(SweepGrid.Point point, int exitCode, Path log, Duration took, boolean skipped) {
    public boolean ok() {
        return exitCode == 0;
    }
}
