package org.drcorl.env.mujoco.behavior;

import java.util.SplittableRandom;
import org.drcorl.spi.EpisodePolicy;

/**
 * Plays a {@link Gait} for one episode: time advances by the task's step duration on every
 * call, the gait is slowed or sped up by {@code frequencyScale} and softened by
 * {@code amplitudeScale}, and Gaussian noise of its own seeded source is added.
 */
final class GaitPolicy implements EpisodePolicy {
    private final Gait gait;
    private final double stepSeconds;
    private final double amplitudeScale;
    private final double frequencyScale;
    private final double noise;
    private final SplittableRandom random;
    private final String label;
    private final double[] buffer;
    private int step;

    GaitPolicy(Gait gait, double stepSeconds, double amplitudeScale, double frequencyScale, double noise,
               SplittableRandom random, String label) {
        this.gait = gait;
        this.stepSeconds = stepSeconds;
        this.amplitudeScale = amplitudeScale;
        this.frequencyScale = frequencyScale;
        this.noise = noise;
        this.random = random;
        this.label = label;
        this.buffer = new double[gait.actuators()];
    }

    @Override
    public float[] act(float[] observation) {
        gait.actionAt(step++ * stepSeconds * frequencyScale, amplitudeScale, buffer);
        float[] action = new float[buffer.length];
        for (int i = 0; i < action.length; i++) {
            action[i] = (float) Math.max(-1, Math.min(1, buffer[i] + noise * random.nextGaussian()));
        }
        return action;
    }

    @Override
    public String label() {
        return label;
    }
}
