package org.drcorl.env.mujoco.behavior;

import java.util.SplittableRandom;
import org.drcorl.spi.EpisodePolicy;

/**
 * Plays a {@link Gait} for one episode: time advances by the task's step duration on every
 * call and Gaussian noise of its own seeded source is added. The episode is cut into
 * segments of {@value #SEGMENT_STEPS} steps; each plays the gait at the calm amplitude, or,
 * with probability {@code burstProbability}, at the burst amplitude: a mix of calm and fast
 * running whose cost grows with the share of bursts.
 */
final class GaitPolicy implements EpisodePolicy {
    private final Gait gait;
    private final double stepSeconds;
    static final int SEGMENT_STEPS = 50;
    private final double calmAmplitude;
    private final double burstAmplitude;
    private final double burstProbability;
    private double amplitude;
    private final double noise;
    private final SplittableRandom random;
    private final String label;
    private final double[] buffer;
    private int step;

    GaitPolicy(Gait gait, double stepSeconds, double calmAmplitude, double burstAmplitude, double burstProbability,
               double noise, SplittableRandom random, String label) {
        this.gait = gait;
        this.stepSeconds = stepSeconds;
        this.calmAmplitude = calmAmplitude;
        this.burstAmplitude = burstAmplitude;
        this.burstProbability = burstProbability;
        this.noise = noise;
        this.random = random;
        this.label = label;
        this.buffer = new double[gait.actuators()];
    }

    @Override
    public float[] act(float[] observation) {
        if (step % SEGMENT_STEPS == 0) {
            amplitude = random.nextDouble() < burstProbability ? burstAmplitude : calmAmplitude;
        }
        gait.actionAt(step++ * stepSeconds, amplitude, buffer);
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
