package org.drcorl.cli;

import java.io.PrintWriter;
import org.drcorl.experiment.ExperimentListener;
import org.drcorl.train.TrainingProgress;
import org.drcorl.train.extract.PolicyExtractor;

/**
 * The terminal's view of a running experiment: a progress bar per stage and a line per event
 * on stderr (nothing with --quiet), and with --verbose a line every 250 phase-2 steps.
 */
final class ConsoleListener implements ExperimentListener {
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean verbose;
    private final ConsoleProgress progress;

    ConsoleListener(PrintWriter err, boolean quiet, boolean verbose) {
        this.err = err;
        this.quiet = quiet;
        this.verbose = verbose;
        this.progress = new ConsoleProgress(quiet, err);
    }

    @Override
    public TrainingProgress progress() {
        return progress;
    }

    @Override
    public void info(String line) {
        if (quiet) return;
        err.println(line);
        err.flush();
    }

    @Override
    public void notice(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public void step(String algorithm, double threshold, long seed, PolicyExtractor.StepLog log) {
        if (!verbose || log.step() % 250 != 0) return;
        err.printf("%n  step %d: Ĉ %.3f, β %.3f, Q̄_r %.2f, Q̄_c %.2f, reg %.4f, %s%n", log.step(), log.costEstimate(),
                log.beta(), log.rewardQ(), log.costQ(), log.regularizerLoss(), log.handler());
    }
}
