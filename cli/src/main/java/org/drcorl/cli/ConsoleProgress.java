package org.drcorl.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.drcorl.report.Numbers;
import org.drcorl.train.TrainingProgress;

/**
 * Progress per training stage, with rate and ETA: a live bar on a terminal; on anything else (a
 * log file, CI, a pipe) a plain line at every tenth of the stage, since a bar's carriage returns
 * would garble the log. Silent when quiet.
 */
final class ConsoleProgress implements TrainingProgress {
    /** Longest stage label on a bar: longer ones squeeze the bar itself to "[ ]". */
    static final int LABEL_WIDTH = 30;

    private final boolean quiet;
    private final boolean terminal;
    private final PrintWriter err;
    private ProgressBar bar;
    private String stage;
    private long total, done, started;
    private int reportedTenths;

    ConsoleProgress(boolean quiet, PrintWriter err) {
        this(quiet, err, isTerminal());
    }

    ConsoleProgress(boolean quiet, PrintWriter err, boolean terminal) {
        this.quiet = quiet;
        this.err = err;
        this.terminal = terminal;
    }

    /** Whether stderr goes to a terminal (Java knows it for the console as a whole). */
    static boolean isTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    public void start(String stage, long totalSteps) {
        finish();
        if (quiet) return;
        this.stage = stage;
        this.total = totalSteps;
        this.done = 0;
        this.reportedTenths = 0;
        this.started = System.nanoTime();
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(label(stage)).setInitialMax(totalSteps).setUnit(" steps", 1)
                    .setStyle(ProgressBarStyle.ASCII).showSpeed().build();
        }
    }

    @Override
    public void advance(long steps) {
        if (bar != null) {
            bar.stepBy(steps);
            return;
        }
        if (stage == null) return;
        done += steps;
        int tenths = total <= 0 ? 10 : (int) Math.min(10, 10 * done / total);
        if (tenths > reportedTenths && tenths < 10) {
            reportedTenths = tenths;
            err.println(line());
            err.flush();
        }
    }

    /** Ends the stage; a finished stage is complete (collection episodes may end before their step limit). */
    @Override
    public void finish() {
        if (bar != null) {
            bar.stepTo(bar.getMax());
            bar.close();
            bar = null;
        } else if (stage != null) {
            done = total;
            err.println(line());
            err.flush();
        }
        stage = null;
    }

    /** "critics: 40% (400/1000 steps, 95.1 steps/s, ETA 0:06)". */
    String line() {
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        double rate = done / seconds;
        String eta = done >= total ? "took " + Numbers.clock(seconds) : "ETA " + (rate > 0 ? Numbers.clock((total - done) / rate) : "?");
        return String.format(Locale.ROOT, "%s: %d%% (%d/%d steps, %.1f steps/s, %s)", stage,
                total <= 0 ? 100 : 100 * done / total, done, total, rate, eta);
    }

    /** The stage name cut to {@link #LABEL_WIDTH} characters, the cut marked. */
    static String label(String stage) {
        return stage.length() <= LABEL_WIDTH ? stage : stage.substring(0, LABEL_WIDTH - 1) + "…";
    }
}
