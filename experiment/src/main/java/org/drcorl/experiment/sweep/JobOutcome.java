package org.drcorl.experiment.sweep;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How one job of a sweep ended.
 *
 * @param job      the job
 * @param exitCode its {@code drcorl run}'s exit code (0: finished); {@link #STAGES_FAILED} when it
 *                 did not run because its stage run failed; -1 when it never reported one
 * @param took     wall time since the sweep started it
 * @param skipped  whether it had finished in an earlier sweep and was not run again
 */
public record JobOutcome(SweepPlan.Job job, int exitCode, Duration took, boolean skipped) {
    public static final int STAGES_FAILED = -2;

    public boolean ok() {
        return exitCode == 0;
    }

    public Path log() {
        return job.log();
    }

    /** "done", or why not. */
    public String describe() {
        if (ok()) return "done";
        if (exitCode == STAGES_FAILED) return "not run: the stages of its task and seed failed";
        return "FAILED (exit " + exitCode + "; log " + job.log() + ")";
    }
}
