package org.drcorl.env.mujoco.behavior;

import java.util.SplittableRandom;
import org.drcorl.spi.EpisodePolicy;

/**
 * An episode policy cut into segments of {@value #SEGMENT_STEPS} steps, each played calm or, with
 * the episode's burst probability, fast; Gaussian noise of the episode's σ is added to every
 * action, which is clipped to [−1, 1]. A subclass says what calm and fast are.
 */
abstract class SegmentedPolicy implements EpisodePolicy {
    static final int SEGMENT_STEPS = 50;
    private final Aggressiveness aggressiveness;
    private final SplittableRandom random;
    private final double[] buffer;
    private boolean burst;
    private int step;

    SegmentedPolicy(int actionDim, Aggressiveness aggressiveness, SplittableRandom random) {
        this.aggressiveness = aggressiveness;
        this.random = random;
        this.buffer = new double[actionDim];
    }

    /**
     * Writes the noiseless action of {@code step} into {@code out}; {@code burst} says whether
     * this segment plays fast, {@code segmentStart} whether it begins here.
     */
    protected abstract void act(float[] observation, int step, boolean burst, boolean segmentStart, double[] out);

    /** The episode's own random source (a subclass may draw from it at a segment's start). */
    protected final SplittableRandom random() {
        return random;
    }

    @Override
    public final float[] act(float[] observation) {
        boolean start = step % SEGMENT_STEPS == 0;
        if (start) burst = random.nextDouble() < aggressiveness.bursts();
        act(observation, step++, burst, start, buffer);
        float[] action = new float[buffer.length];
        for (int i = 0; i < action.length; i++) {
            action[i] = (float) Math.max(-1, Math.min(1, buffer[i] + aggressiveness.noise() * random.nextGaussian()));
        }
        return action;
    }

    @Override
    public final String label() {
        return aggressiveness.label();
    }
}
