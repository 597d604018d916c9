package org.drcorl.env.mujoco.behavior;

import java.util.SplittableRandom;
import org.drcorl.env.mujoco.navigation.PseudoLidar;
import org.drcorl.env.mujoco.navigation.Robot;
import org.drcorl.spi.BehaviorPolicyFamily;
import org.drcorl.spi.EpisodePolicy;

/**
 * Data-collection policies of the Safety-Gymnasium Goal tasks: a goal-seeking controller that
 * steers round hazards, with the avoidance strength as the aggressiveness. Each step it reads the
 * goal's bearing from the goal lidar ({@link LidarFix}; out of range, it drives a wide left turn
 * until the goal comes into view) and bends the course away from every hazard-lidar bin that reads
 * closer than {@code range} metres ({@link #course}: a potential field on the lidar, NAVIGATION.md §3).
 * The Car drives along the course ({@link NavigationDrive#steer}); the Point, which coasts, steers
 * its velocity error instead, thrusting forward or backward. Everything is egocentric: no map, no
 * heading estimate.
 *
 * <p>Aggressiveness ({@link Aggressiveness}): the avoidance strength falls linearly from
 * {@code maxStrength} at α = 0 to {@code minStrength} at α = 1; a negative strength draws the agent
 * toward hazards near its path (a reckless driver cutting corners through them), so the family spans
 * careful-and-slow to fast-and-costly. The speed rises from {@code minSpeed} of full to full. Gaussian
 * noise of the episode's σ is added to every action, then the action is clipped to [−1, 1].
 */
public final class GoalSeekBehaviorPolicies implements BehaviorPolicyFamily {
    /** Lidar blocks after the robot's sensors: goal, then hazards (NAVIGATION.md §2). */
    private static final int GOAL_BLOCK = 0, HAZARD_BLOCK = 1;
    /** The search turn when the goal is out of range: 0.6 rad left of straight ahead. */
    private static final double SEARCH_TURN = 0.6;
    /** The Point's wanted speed at full speed share (m/s). */
    private static final double POINT_TOP_SPEED = 0.8;
    private final Robot robot;
    private final NavigationDrive drive;
    /** The Point's velocity-error gain: thrust saturates at an error of 1/this m/s. */
    private static final double POINT_VELOCITY_GAIN = 5;
    private final double maxStrength, minStrength, range, minSpeed, minNoise, maxNoise;

    /**
     * @param robot       the robot (where its lidar blocks start, which way is forward)
     * @param drive       how it drives
     * @param maxStrength avoidance strength of the most careful episode (per unit of the goal's pull)
     * @param minStrength avoidance strength of the most reckless episode (below 0: drawn to hazards)
     * @param range       distance (m) within which a hazard pushes; below the lidar's 3 m
     * @param minSpeed    share of full drive of the most careful episode (rising to 1 at α = 1)
     * @param minNoise    smallest σ of an episode's action noise
     * @param maxNoise    largest σ
     */
    public GoalSeekBehaviorPolicies(Robot robot, NavigationDrive drive, double maxStrength, double minStrength, double range, double minSpeed,
                                    double minNoise, double maxNoise) {
        if (!(minStrength <= maxStrength) || !Double.isFinite(maxStrength) || !Double.isFinite(minStrength)) {
            throw new IllegalArgumentException("need minStrength <= maxStrength, got " + minStrength + ", " + maxStrength);
        }
        if (!(range > 0 && range < PseudoLidar.STANDARD.maxDistance())) {
            throw new IllegalArgumentException("range must be in (0, " + PseudoLidar.STANDARD.maxDistance() + "), got " + range);
        }
        if (!(0 < minSpeed && minSpeed <= 1)) throw new IllegalArgumentException("minSpeed must be in (0, 1], got " + minSpeed);
        if (!(0 <= minNoise && minNoise <= maxNoise)) throw new IllegalArgumentException("need 0 <= minNoise <= maxNoise");
        this.robot = robot;
        this.drive = drive;
        this.maxStrength = maxStrength;
        this.minStrength = minStrength;
        this.range = range;
        this.minSpeed = minSpeed;
        this.minNoise = minNoise;
        this.maxNoise = maxNoise;
    }

    /**
     * The shipped family of a robot: avoidance strength 3 (careful) down to −1 (reckless) within
     * 0.6 m, noise σ 5-30 % of full drive; the Point's careful episodes want 0.4 of its top speed,
     * the Car always drives at full.
     */
    public static GoalSeekBehaviorPolicies of(Robot robot) {
        NavigationDrive drive = NavigationDrive.of(robot.name());
        double minSpeed = drive.differential() ? 1.0 : 0.4;
        return new GoalSeekBehaviorPolicies(robot, drive, 3.0, -1.0, 0.6, minSpeed, 0.05 * drive.fullDrive(), 0.3 * drive.fullDrive());
    }

    @Override
    public EpisodePolicy policyFor(int episode, int episodes, SplittableRandom random) {
        Aggressiveness a = Aggressiveness.draw(episode, episodes, random, minNoise, maxNoise);
        return new Seeker(a, maxStrength + (minStrength - maxStrength) * a.alpha(), minSpeed + (1 - minSpeed) * a.alpha(), random.split());
    }

    /**
     * The course, in the agent's frame, round the hazards seen in the block at {@code offset}: the
     * goal direction {@code (goalX, goalY)} plus, for every bin reading closer than {@code range},
     * {@code strength} × its depth into the range (0 at the range, 1 at the agent) times a push away
     * from the bin's mid direction and, when the bin lies toward the goal, as much again sideways, to
     * the side nearer the goal (so the course goes round a hazard instead of stalling in front of it).
     * Returns the course's angle.
     */
    static double course(float[] obs, int offset, PseudoLidar lidar, double goalX, double goalY, double strength, double range) {
        double threshold = 1 - range / lidar.maxDistance(), binWidth = 2 * Math.PI / lidar.bins();
        double x = goalX, y = goalY;
        for (int b = 0; b < lidar.bins(); b++) {
            double reading = obs[offset + b];
            if (reading <= threshold) continue;
            double push = strength * (reading - threshold) / (1 - threshold), angle = (b + 0.5) * binWidth;
            double cx = Math.cos(angle), cy = Math.sin(angle);
            x -= push * cx;
            y -= push * cy;
            if (cx * goalX + cy * goalY > 0) {
                double side = (-cy * goalX + cx * goalY) >= 0 ? 1 : -1; // the perpendicular (−cy, cx) or its opposite, whichever leans to the goal
                x += side * push * -cy;
                y += side * push * cx;
            }
        }
        return Math.atan2(y, x);
    }

    /** One episode: seek goal after goal with one avoidance strength. */
    private final class Seeker implements EpisodePolicy {
        private final Aggressiveness aggressiveness;
        private final double strength, speed;
        private final SplittableRandom random;
        private final int lidarOffset = robot.observedWidth();

        Seeker(Aggressiveness aggressiveness, double strength, double speed, SplittableRandom random) {
            this.aggressiveness = aggressiveness;
            this.strength = strength;
            this.speed = speed;
            this.random = random;
        }

        @Override
        public float[] act(float[] observation) {
            PseudoLidar lidar = PseudoLidar.STANDARD;
            LidarFix goal = LidarFix.decode(observation, lidarOffset + GOAL_BLOCK * lidar.bins(), lidar);
            double goalBearing = goal.seen() ? goal.bearing() : robot.forwardYaw() + SEARCH_TURN;
            double course = course(observation, lidarOffset + HAZARD_BLOCK * lidar.bins(), lidar,
                    Math.cos(goalBearing), Math.sin(goalBearing), strength, range);
            double[] a = drive.differential() ? drive.steer(NavigationDrive.wrap(course - robot.forwardYaw()), speed)
                    : thrustToward(course, observation);
            float[] action = new float[2];
            for (int i = 0; i < 2; i++) {
                action[i] = (float) Math.max(-1, Math.min(1, a[i] + aggressiveness.noise() * random.nextGaussian()));
            }
            return action;
        }

        /**
         * The Point coasts (its slide joints barely damp it): it steers the velocity error, the wanted
         * velocity ({@code speed} × {@value #POINT_TOP_SPEED} m/s along the course) less the velocimeter's,
         * thrusting forward or backward, whichever needs less turning.
         */
        private double[] thrustToward(double course, float[] observation) {
            double want = speed * POINT_TOP_SPEED;
            // the velocimeter (obs[3..4]) reads the agent site's velocity in the body frame, the course's frame
            double ex = want * Math.cos(course) - observation[3], ey = want * Math.sin(course) - observation[4];
            double error = Math.atan2(ey, ex), sign = 1;
            if (Math.abs(error) > Math.PI / 2) {
                error = NavigationDrive.wrap(error - Math.PI);
                sign = -1;
            }
            double thrust = sign * drive.fullDrive() * Math.min(1, POINT_VELOCITY_GAIN * Math.hypot(ex, ey)) * Math.cos(error);
            double turn = Math.max(-drive.turnLimit(), Math.min(drive.turnLimit(), drive.turnGain() * error));
            return new double[] {thrust, turn};
        }

        @Override
        public String label() {
            return aggressiveness.label();
        }
    }
}
