package org.drcorl.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.drcorl.train.TrainingProgress;

/** A terminal progress bar (rate and ETA) per training stage; silent when quiet. */
final class ConsoleProgress implements TrainingProgress {
    private final boolean quiet;
    private ProgressBar bar;

    ConsoleProgress(boolean quiet) {
        this.quiet = quiet;
    }

    @Override
    public void start(String stage, long totalSteps) {
        finish();
        if (quiet) return;
        bar = new ProgressBarBuilder().setTaskName(stage).setInitialMax(totalSteps).setUnit(" steps", 1)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().build();
    }

    @Override
    public void advance(long steps) {
        if (bar != null) bar.stepBy(steps);
    }

    @Override
    public void finish() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
