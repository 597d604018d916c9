package org.drcorl.env.mujoco.behavior;

import java.util.SplittableRandom;

/**
 * Plays a {@link Gait} for one episode: time advances by the task's step duration on every
 * call; each segment plays the gait at the calm amplitude or, in a burst, at the burst
 * amplitude: a mix of calm and fast running whose cost grows with the share of bursts.
 */
final class GaitPolicy extends SegmentedPolicy {
    private final Gait gait;
    private final double stepSeconds;
    private final double calmAmplitude;
    private final double burstAmplitude;

    GaitPolicy(Gait gait, double stepSeconds, double calmAmplitude, double burstAmplitude, Aggressiveness aggressiveness,
               SplittableRandom random) {
        super(gait.actuators(), aggressiveness, random);
        this.gait = gait;
        this.stepSeconds = stepSeconds;
        this.calmAmplitude = calmAmplitude;
        this.burstAmplitude = burstAmplitude;
    }

    @Override
    protected void act(float[] observation, int step, boolean burst, boolean segmentStart, double[] out) {
        gait.actionAt(step * stepSeconds, burst ? burstAmplitude : calmAmplitude, out);
    }
}
