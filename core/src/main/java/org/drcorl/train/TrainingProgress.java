package org.drcorl.train;

/** Told how a long stage advances, for a progress bar; {@link #NONE} ignores it. */
public interface TrainingProgress {
    TrainingProgress NONE = new TrainingProgress() {
        public void start(String stage, long totalSteps) {}
        public void advance(long steps) {}
        public void finish() {}
    };

    void start(String stage, long totalSteps);

    void advance(long steps);

    void finish();
}
