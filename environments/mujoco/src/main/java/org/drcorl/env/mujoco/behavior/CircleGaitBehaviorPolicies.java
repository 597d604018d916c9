package org.drcorl.env.mujoco.behavior;

import java.util.SplittableRandom;
import org.drcorl.spi.BehaviorPolicyFamily;
import org.drcorl.spi.EpisodePolicy;

/**
 * Data-collection policies of Ant Circle: one open-loop {@link Gait} steered along a clockwise
 * circle whose radius is the aggressiveness. The ant need not turn to change course — it is
 * four-fold symmetric, so the same gait with its legs' roles passed on by a quarter turn
 * ({@link AntQuarterTurns}) walks 90° further round in the torso's frame. Each step the policy
 * reads the ant's position and heading from the observation, asks a guidance law for a world
 * direction (the clockwise tangent, turned outward or inward by atan(gain · radius error)),
 * and walks the quarter-turned gait closest to it; it changes quarter only when the current
 * one is more than 45° + {@code hysteresis} off, so it does not chatter on a sector border
 * (every change of quarter is a jolt to the legs).
 *
 * <p>Aggressiveness as in the other families ({@link Aggressiveness}): careful episodes circle
 * at a radius from {@code minRadius} to {@code safeRadius} (inside the safe strip |x| ≤ 6 with
 * room for tracking error), the others circle at {@code safeRadius} with bursts aimed at
 * {@code burstRadius} in a growing share of their 50-step segments. The reward peaks at radius
 * 7, so the more reckless episodes also earn more.
 */
public final class CircleGaitBehaviorPolicies implements BehaviorPolicyFamily {
    private final Gait gait;
    private final Steering steering;
    private final double stepSeconds;
    private final double amplitude;
    private final double minRadius;
    private final double safeRadius;
    private final double burstRadius;
    private final double minNoise;
    private final double maxNoise;

    /**
     * Where the steering finds the ant's state in the task's observation, and how the gait walks.
     *
     * @param positionIndex    index of x (y follows)
     * @param positionScale    x = positionScale · observation[positionIndex]
     * @param orientationIndex index of the torso quaternion in PyBullet's order (x, y, z, w)
     * @param gaitHeading      direction (radians, in the torso frame) the unturned gait walks
     * @param gain             guidance gain (1/m): the course turns atan(gain · radius error) off the tangent
     * @param hysteresis       extra error (radians) beyond 45° before the policy changes quarter
     */
    public record Steering(int positionIndex, double positionScale, int orientationIndex, double gaitHeading, double gain,
                         double hysteresis) {
    }

    /**
     * @param gait        the ant's gait (8 actuators in {@link AntQuarterTurns}' order)
     * @param steering    where position and orientation are, and the steering settings
     * @param stepSeconds the task's environment step (s), the gait's clock
     * @param amplitude   amplitude scale the gait is played at
     * @param minRadius   radius of the most careful episode (m)
     * @param safeRadius  largest radius of a careful episode, the calm radius of the others
     * @param burstRadius radius aimed at in bursts
     * @param minNoise    smallest σ of an episode's Gaussian action noise
     * @param maxNoise    largest σ
     */
    public CircleGaitBehaviorPolicies(Gait gait, Steering steering, double stepSeconds, double amplitude, double minRadius,
                                      double safeRadius, double burstRadius, double minNoise, double maxNoise) {
        if (gait.actuators() != AntQuarterTurns.ACTUATORS) {
            throw new IllegalArgumentException("the steered gait must drive the ant's 8 actuators, got " + gait.actuators());
        }
        if (!(stepSeconds > 0 && amplitude > 0)) throw new IllegalArgumentException("step and amplitude must be positive");
        if (!(0 < minRadius && minRadius < safeRadius && safeRadius < burstRadius)) {
            throw new IllegalArgumentException("need 0 < minRadius < safeRadius < burstRadius, got "
                    + minRadius + ", " + safeRadius + ", " + burstRadius);
        }
        if (!(0 <= minNoise && minNoise <= maxNoise)) throw new IllegalArgumentException("need 0 <= minNoise <= maxNoise");
        this.gait = gait;
        this.steering = steering;
        this.stepSeconds = stepSeconds;
        this.amplitude = amplitude;
        this.minRadius = minRadius;
        this.safeRadius = safeRadius;
        this.burstRadius = burstRadius;
        this.minNoise = minNoise;
        this.maxNoise = maxNoise;
    }

    @Override
    public EpisodePolicy policyFor(int episode, int episodes, SplittableRandom random) {
        Aggressiveness a = Aggressiveness.draw(episode, episodes, random, minNoise, maxNoise);
        double calm = minRadius + (safeRadius - minRadius) * a.calmLevel();
        return new Steered(a, calm, random.split());
    }

    /** One episode: the gait, turned each step to the quarter that heads where the guidance law says. */
    private final class Steered extends SegmentedPolicy {
        private final double calmRadius;
        private final double[] gaitAction = new double[AntQuarterTurns.ACTUATORS];
        private int quarter = -1;

        Steered(Aggressiveness aggressiveness, double calmRadius, SplittableRandom random) {
            super(AntQuarterTurns.ACTUATORS, aggressiveness, random);
            this.calmRadius = calmRadius;
        }

        @Override
        protected void act(float[] observation, int step, boolean burst, boolean segmentStart, double[] out) {
            // the course in the torso's frame, measured from the unturned gait's walking direction
            double bearing = course(observation, burst ? burstRadius : calmRadius) - yaw(observation) - steering.gaitHeading();
            int nearest = Math.floorMod(Math.round(bearing / (Math.PI / 2)), 4);
            if (quarter < 0 || Math.abs(wrap(bearing - quarter * Math.PI / 2)) > Math.PI / 4 + steering.hysteresis()) {
                quarter = nearest;
            }
            gait.actionAt(step * stepSeconds, amplitude, gaitAction);
            AntQuarterTurns.turn(gaitAction, quarter, out);
        }

        /** The world direction to walk: the clockwise tangent, turned toward the target radius. */
        private double course(float[] o, double radius) {
            double x = steering.positionScale() * o[steering.positionIndex()];
            double y = steering.positionScale() * o[steering.positionIndex() + 1];
            double r = Math.hypot(x, y);
            double off = Math.atan(steering.gain() * (radius - r)); // > 0: inside the target circle, head outward
            double tangent = Math.atan2(-x, y); // clockwise: (y, −x)
            return tangent + off; // outward is the tangent turned by +90° when circling clockwise
        }

        private double yaw(float[] o) {
            int q = steering.orientationIndex();
            double x = o[q], y = o[q + 1], z = o[q + 2], w = o[q + 3];
            return Math.atan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z));
        }
    }

    private static double wrap(double angle) {
        return Math.atan2(Math.sin(angle), Math.cos(angle));
    }
}
