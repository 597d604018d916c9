package org.drcorl.env.mujoco.behavior;

import java.util.SplittableRandom;
import org.drcorl.env.mujoco.navigation.PseudoLidar;
import org.drcorl.env.mujoco.navigation.Robot;
import org.drcorl.spi.BehaviorPolicyFamily;
import org.drcorl.spi.EpisodePolicy;

/**
 * Data-collection policies of the Safety-Gymnasium Goal and Button tasks: a goal-seeking controller
 * that steers round what costs, with the avoidance strength as the aggressiveness. Each step it reads
 * the goal's bearing from the goal lidar ({@link LidarFix}; out of range, it drives a wide left turn
 * until the goal comes into view) and bends the course away from every bin of the avoided lidar blocks
 * ({@link Blocks}: hazards; Goal2 also vases; Button hazards, gremlins and the wrong buttons) that reads
 * closer than {@code range} metres ({@link #course}: a potential field on the lidar, NAVIGATION.md §3).
 * The wrong buttons are the buttons block less what the goal block sees: the goal marker stands on the
 * goal button, so a bin the goal button lights reads the same in both and is not avoided.
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
    /**
     * Which lidar blocks (counted after the robot's sensors, NAVIGATION.md §2) a seeker reads.
     *
     * @param goal    the goal's block
     * @param avoid   blocks whose objects it steers round
     * @param moving  blocks of moving objects, steered round from the family's wider moving range (the gremlins)
     * @param buttons the buttons block, whose bins brighter than the goal block's are steered round; −1 if none
     */
    public record Blocks(int goal, int[] avoid, int[] moving, int buttons) {
        public Blocks {
            avoid = avoid.clone();
            moving = moving.clone();
            for (int b : avoid) if (b < 0 || b == goal) throw new IllegalArgumentException("bad avoided block " + b);
            for (int b : moving) if (b < 0 || b == goal) throw new IllegalArgumentException("bad moving block " + b);
        }

        /** A copy: the shipped constants stay as they are. */
        @Override
        public int[] avoid() {
            return avoid.clone();
        }

        /** A copy. */
        @Override
        public int[] moving() {
            return moving.clone();
        }

        /** Goal1: goal, hazards (its vase costs nothing and is driven through). */
        public static final Blocks GOAL1 = new Blocks(0, new int[] {1}, new int[0], -1);
        /** Goal2: goal, hazards, vases (touching or moving a vase costs). */
        public static final Blocks GOAL2 = new Blocks(0, new int[] {1, 2}, new int[0], -1);
        /** Button1, 2: buttons, goal, hazards, gremlins (moving). */
        public static final Blocks BUTTON = new Blocks(1, new int[] {2}, new int[] {3}, 0);
    }

    private final Blocks blocks;
    /** The search turn when the goal is out of range: 0.6 rad left of straight ahead. */
    private static final double SEARCH_TURN = 0.6;
    /** The Point's wanted speed at full speed share (m/s). */
    private static final double POINT_TOP_SPEED = 0.8;
    private final Robot robot;
    private final NavigationDrive drive;
    /** The Point's velocity-error gain: thrust saturates at an error of 1/this m/s. */
    private static final double POINT_VELOCITY_GAIN = 5;
    private final double maxStrength, minStrength, range, movingRange, minSpeed, minNoise, maxNoise;

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
        this(robot, drive, Blocks.GOAL1, maxStrength, minStrength, range, range, minSpeed, minNoise, maxNoise);
    }

    /**
     * As above, reading the lidar blocks {@code blocks}; the objects of its moving blocks push from
     * {@code movingRange} metres (at least {@code range}, below the lidar's 3 m).
     */
    public GoalSeekBehaviorPolicies(Robot robot, NavigationDrive drive, Blocks blocks, double maxStrength, double minStrength, double range,
                                    double movingRange, double minSpeed, double minNoise, double maxNoise) {
        if (!(minStrength <= maxStrength) || !Double.isFinite(maxStrength) || !Double.isFinite(minStrength)) {
            throw new IllegalArgumentException("need minStrength <= maxStrength, got " + minStrength + ", " + maxStrength);
        }
        if (!(range > 0 && range < PseudoLidar.STANDARD.maxDistance())) {
            throw new IllegalArgumentException("range must be in (0, " + PseudoLidar.STANDARD.maxDistance() + "), got " + range);
        }
        if (!(movingRange >= range && movingRange < PseudoLidar.STANDARD.maxDistance())) {
            throw new IllegalArgumentException("movingRange must be in [range, " + PseudoLidar.STANDARD.maxDistance() + "), got " + movingRange);
        }
        if (!(0 < minSpeed && minSpeed <= 1)) throw new IllegalArgumentException("minSpeed must be in (0, 1], got " + minSpeed);
        if (!(0 <= minNoise && minNoise <= maxNoise)) throw new IllegalArgumentException("need 0 <= minNoise <= maxNoise");
        this.robot = robot;
        this.drive = drive;
        this.blocks = java.util.Objects.requireNonNull(blocks, "blocks");
        this.maxStrength = maxStrength;
        this.minStrength = minStrength;
        this.range = range;
        this.movingRange = movingRange;
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
        return of(robot, Blocks.GOAL1);
    }

    /** The shipped family of a robot on the Goal tasks of a level (1 or 2). */
    public static GoalSeekBehaviorPolicies goal(Robot robot, int level) {
        return switch (level) {
            case 1 -> of(robot, Blocks.GOAL1);
            case 2 -> of(robot, Blocks.GOAL2);
            default -> throw new IllegalArgumentException("goal seekers are shipped for Goal levels 1 and 2, got " + level);
        };
    }

    /**
     * The shipped family of a robot on the Button tasks (levels 1 and 2 read the same blocks): gremlins push from
     * 0.96 m (Point) or 1.45 m (Car) rather than 0.6, and the Car backs away from a course behind it
     * ({@link NavigationDrive#steerEitherWay}) with a careful end of strength 6 rather than 3: the gremlins, at
     * 0.35 m/s, catch a Car that turns round on the spot first.
     */
    public static GoalSeekBehaviorPolicies button(Robot robot) {
        boolean car = robot.name().equals("Car");
        return of(robot, Blocks.BUTTON, car ? 6.0 : 3.0, car ? 1.45 : 0.96);
    }

    private static GoalSeekBehaviorPolicies of(Robot robot, Blocks blocks) {
        return of(robot, blocks, 3.0, 0.6);
    }

    private static GoalSeekBehaviorPolicies of(Robot robot, Blocks blocks, double maxStrength, double movingRange) {
        NavigationDrive drive = NavigationDrive.of(robot.name());
        double minSpeed = drive.differential() ? 1.0 : 0.4;
        return new GoalSeekBehaviorPolicies(robot, drive, blocks, maxStrength, -1.0, 0.6, movingRange, minSpeed, 0.05 * drive.fullDrive(),
                0.3 * drive.fullDrive());
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
        double[] xy = {goalX, goalY};
        push(obs, offset, lidar, goalX, goalY, strength, range, xy);
        return Math.atan2(xy[1], xy[0]);
    }

    /** Adds the pushes of the block at {@code offset} (as {@link #course}) to the course vector {@code xy}. */
    static void push(float[] obs, int offset, PseudoLidar lidar, double goalX, double goalY, double strength, double range, double[] xy) {
        double threshold = 1 - range / lidar.maxDistance(), binWidth = 2 * Math.PI / lidar.bins();
        double x = xy[0], y = xy[1];
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
        xy[0] = x;
        xy[1] = y;
    }

    /**
     * The wrong buttons' block: each bin of the buttons block at {@code buttonsAt} that reads brighter than
     * the goal block's at {@code goalAt} (so not the goal button, which the goal marker stands on), else 0; into {@code out}.
     */
    static void wrongButtons(float[] obs, int buttonsAt, int goalAt, int bins, float[] out) {
        for (int b = 0; b < bins; b++) {
            float reading = obs[buttonsAt + b];
            out[b] = reading > obs[goalAt + b] + 1e-4f ? reading : 0;
        }
    }

    /** One episode: seek goal after goal with one avoidance strength. */
    private final class Seeker implements EpisodePolicy {
        private final Aggressiveness aggressiveness;
        private final double strength, speed;
        private final SplittableRandom random;
        private final int lidarOffset = robot.observedWidth();
        private final double[] courseXy = new double[2];
        private final int[] avoid = blocks.avoid(), moving = blocks.moving();
        private final float[] wrongButtons = new float[PseudoLidar.STANDARD.bins()];

        Seeker(Aggressiveness aggressiveness, double strength, double speed, SplittableRandom random) {
            this.aggressiveness = aggressiveness;
            this.strength = strength;
            this.speed = speed;
            this.random = random;
        }

        @Override
        public float[] act(float[] observation) {
            PseudoLidar lidar = PseudoLidar.STANDARD;
            int bins = lidar.bins(), goalAt = lidarOffset + blocks.goal() * bins;
            LidarFix goal = LidarFix.decode(observation, goalAt, lidar);
            double goalBearing = goal.seen() ? goal.bearing() : robot.forwardYaw() + SEARCH_TURN;
            double gx = Math.cos(goalBearing), gy = Math.sin(goalBearing);
            courseXy[0] = gx;
            courseXy[1] = gy;
            for (int block : avoid) push(observation, lidarOffset + block * bins, lidar, gx, gy, strength, range, courseXy);
            for (int block : moving) push(observation, lidarOffset + block * bins, lidar, gx, gy, strength, movingRange, courseXy);
            if (blocks.buttons() >= 0) {
                wrongButtons(observation, lidarOffset + blocks.buttons() * bins, goalAt, bins, wrongButtons);
                push(wrongButtons, 0, lidar, gx, gy, strength, range, courseXy);
            }
            double course = Math.atan2(courseXy[1], courseXy[0]);
            double error = NavigationDrive.wrap(course - robot.forwardYaw());
            double[] a = !drive.differential() ? thrustToward(course, observation)
                    : moving.length > 0 ? drive.steerEitherWay(error, speed) : drive.steer(error, speed);
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
            // the velocimeter (obs[3..4]) reads the agent site's velocity in the body frame, the course's frame
            return drive.steerVelocity(course, speed * POINT_TOP_SPEED, POINT_VELOCITY_GAIN, observation[3], observation[4], true);
        }

        @Override
        public String label() {
            return aggressiveness.label();
        }
    }
}
