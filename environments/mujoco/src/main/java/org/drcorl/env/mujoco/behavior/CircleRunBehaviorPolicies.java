package org.drcorl.env.mujoco.behavior;

import java.util.SplittableRandom;
import org.drcorl.env.mujoco.navigation.PseudoLidar;
import org.drcorl.env.mujoco.navigation.Robot;
import org.drcorl.spi.BehaviorPolicyFamily;
import org.drcorl.spi.EpisodePolicy;

/**
 * Data-collection policies of the Safety-Gymnasium Circle tasks: a circle-following controller
 * whose radius is the aggressiveness. Each step it reads where the circle's centre is from the
 * observation's circle lidar (the bin with the highest reading and its neighbour's alias give the
 * bearing, the reading the distance, NAVIGATION.md §3), heads along the counter-clockwise tangent
 * turned toward its target radius by atan(gain · radius error), and drives: the Point thrusts and
 * turns by the heading error; the Car drives both wheels and steers by their difference. Everything
 * is egocentric, so no heading estimate is needed.
 *
 * <p>Aggressiveness ({@link Aggressiveness}): careful episodes (α &lt; 1/3) circle at a radius from
 * {@code minRadius} to {@code safeRadius}, inside the walls at 1.125 with room for tracking error;
 * the others circle at a radius growing from {@code safeRadius} to {@code maxRadius}, so they cross
 * the walls for a growing share of every lap and, nearer the reward's peak at 1.5, earn more. Speed
 * grows from {@code minSpeed} of the robot's full drive with the careful episodes' calm level.
 * Gaussian noise of the episode's σ is added to every action, then the action is clipped to [−1, 1].
 */
public final class CircleRunBehaviorPolicies implements BehaviorPolicyFamily {
    private final Robot robot;
    private final NavigationDrive drive;
    private final double minRadius, safeRadius, maxRadius, minSpeed, minNoise, maxNoise;

    /**
     * @param robot      the robot (where its lidar block starts, which way is forward, how it drives)
     * @param drive      its drive settings
     * @param minRadius  radius of the most careful episode
     * @param safeRadius largest careful radius, the smallest of the others
     * @param maxRadius  radius of the most reckless episode
     * @param minSpeed   share of full drive of the most careful episode (the others drive at full)
     * @param minNoise   smallest σ of an episode's action noise
     * @param maxNoise   largest σ
     */
    public CircleRunBehaviorPolicies(Robot robot, NavigationDrive drive, double minRadius, double safeRadius, double maxRadius,
                                     double minSpeed, double minNoise, double maxNoise) {
        if (!(0 < minRadius && minRadius < safeRadius && safeRadius < maxRadius)) {
            throw new IllegalArgumentException("need 0 < minRadius < safeRadius < maxRadius, got "
                    + minRadius + ", " + safeRadius + ", " + maxRadius);
        }
        if (!(0 < minSpeed && minSpeed <= 1)) throw new IllegalArgumentException("minSpeed must be in (0, 1], got " + minSpeed);
        if (!(0 <= minNoise && minNoise <= maxNoise)) throw new IllegalArgumentException("need 0 <= minNoise <= maxNoise");
        this.robot = robot;
        this.drive = drive;
        this.minRadius = minRadius;
        this.safeRadius = safeRadius;
        this.maxRadius = maxRadius;
        this.minSpeed = minSpeed;
        this.minNoise = minNoise;
        this.maxNoise = maxNoise;
    }

    /**
     * The shipped family of a robot: careful radii up to 0.85 (Point) or 0.95 (Car), reckless up to 1.7. The Car is slow
     * on a tight circle (turning takes drive off one wheel), so its careful episodes start at a
     * larger radius and full drive to earn more than DSRL's worst episodes.
     */
    public static CircleRunBehaviorPolicies of(Robot robot) {
        return switch (robot.name()) {
            case "Point" -> new CircleRunBehaviorPolicies(robot, NavigationDrive.POINT, 0.7, 0.85, 1.7, 0.7,
                    0.1 * NavigationDrive.POINT.fullDrive(), 0.5 * NavigationDrive.POINT.fullDrive());
            case "Car" -> new CircleRunBehaviorPolicies(robot, NavigationDrive.CAR, 0.8, 0.95, 1.7, 1.0,
                    0.05 * NavigationDrive.CAR.fullDrive(), 0.3 * NavigationDrive.CAR.fullDrive());
            default -> throw new IllegalArgumentException("no circle-following settings for the robot " + robot.name());
        };
    }

    @Override
    public EpisodePolicy policyFor(int episode, int episodes, SplittableRandom random) {
        Aggressiveness a = Aggressiveness.draw(episode, episodes, random, minNoise, maxNoise);
        double radius = a.alpha() < 1.0 / 3 ? minRadius + (safeRadius - minRadius) * a.calmLevel()
                : safeRadius + (maxRadius - safeRadius) * a.bursts();
        double speed = minSpeed + (1 - minSpeed) * a.calmLevel();
        return new Follower(a, radius, speed, random.split());
    }

    /** One episode: follow the counter-clockwise circle of one radius. */
    private final class Follower implements EpisodePolicy {
        private static final double GUIDANCE_GAIN = 4; // 1/m: the course turns atan(4 · radius error) off the tangent
        private final Aggressiveness aggressiveness;
        private final double radius, speed;
        private final SplittableRandom random;
        private final int lidarOffset = robot.observedWidth();

        Follower(Aggressiveness aggressiveness, double radius, double speed, SplittableRandom random) {
            this.aggressiveness = aggressiveness;
            this.radius = radius;
            this.speed = speed;
            this.random = random;
        }

        @Override
        public float[] act(float[] observation) {
            LidarFix fix = LidarFix.decode(observation, lidarOffset, PseudoLidar.CIRCLE);
            double headingError = 0;
            if (!Double.isNaN(fix.distance())) {
                // the agent sits at p = −(vector to the centre); the counter-clockwise tangent there is p turned by +90°
                double toCentre = fix.bearing();
                double tangent = toCentre - Math.PI / 2; // rot(+90°) of (toCentre + π)
                double outward = Math.atan(GUIDANCE_GAIN * (radius - fix.distance())); // > 0: inside, steer out (clockwise of the tangent)
                headingError = NavigationDrive.wrap(tangent - outward - robot.forwardYaw());
            }
            double[] a = drive.steer(headingError, speed);
            float[] action = new float[2];
            for (int i = 0; i < 2; i++) {
                action[i] = (float) Math.max(-1, Math.min(1, a[i] + aggressiveness.noise() * random.nextGaussian()));
            }
            return action;
        }

        @Override
        public String label() {
            return aggressiveness.label();
        }
    }
}
