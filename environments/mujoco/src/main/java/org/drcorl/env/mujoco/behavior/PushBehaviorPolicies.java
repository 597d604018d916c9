package org.drcorl.env.mujoco.behavior;

import java.util.SplittableRandom;
import org.drcorl.env.mujoco.navigation.PseudoLidar;
import org.drcorl.env.mujoco.navigation.PushBox;
import org.drcorl.env.mujoco.navigation.Robot;
import org.drcorl.spi.BehaviorPolicyFamily;
import org.drcorl.spi.EpisodePolicy;

/**
 * Data-collection policies of the Safety-Gymnasium Push tasks: a box pusher that steers round hazards
 * and pillars, with the avoidance strength as the aggressiveness. Each step it decodes the box and the
 * goal from their lidar blocks ({@link LidarFix}), both in the agent's frame, and picks a target
 * ({@link #target}): behind the box on the goal's line when it is not there yet (going round the box
 * first when it stands on the goal's side), through the box toward the goal once it is. Out of the
 * lidar's reach the box is searched with a wide left turn, and an unseen goal is replaced by the hazards
 * and pillars in sight (they stand where goals are drawn), or by pushing the box straight on when none is. The course to the target is bent by the potential field of the goal seekers
 * ({@link GoalSeekBehaviorPolicies#course}), first on the hazard block, then on the pillar block
 * (pillars are pushed away from with the strength clipped at 0: a reckless pusher ignores them rather
 * than ramming them). The Car drives along the course ({@link NavigationDrive#steer}), the Point steers
 * its velocity error front first ({@link NavigationDrive#steerVelocity}). Everything is egocentric.
 *
 * <p>Aggressiveness ({@link Aggressiveness}): the avoidance strength falls linearly from {@code maxStrength}
 * at α = 0 to {@code minStrength} at α = 1 (below 0: drawn toward hazards near the path); the speed rises
 * from {@code minSpeed} of full to full; Gaussian noise of the episode's σ is added, then the action is clipped.
 */
public final class PushBehaviorPolicies implements BehaviorPolicyFamily {
    /** Lidar blocks after the robot's sensors: goal, hazards, pillars, push_box (NAVIGATION.md §2). */
    private static final int GOAL_BLOCK = 0, HAZARD_BLOCK = 1, PILLAR_BLOCK = 2, BOX_BLOCK = 3;
    /** The search turn when the box is out of range: 0.6 rad left of straight ahead. */
    private static final double SEARCH_TURN = 0.6;
    /** Pushing starts when the agent is within this angle of the box's far side from the goal. */
    private static final double ALIGNED = Math.toRadians(25);
    private static final double POINT_TOP_SPEED = 0.8, POINT_VELOCITY_GAIN = 5;
    /** A pusher slower than this (m/s) for this many steps in a row is stuck. */
    private static final double STILL_SPEED = 0.1;
    private static final int STILL_STEPS = 50;
    /** How far (m) hazards draw a pusher of negative strength. */
    private static final double LURE_RANGE = 1.5;
    private final Robot robot;
    private final NavigationDrive drive;
    private final double standoff, maxStrength, minStrength, range, minSpeed, minNoise, maxNoise;

    /**
     * @param robot       the robot (where its lidar blocks start, which way is forward)
     * @param drive       how it drives
     * @param standoff    how far behind the box's centre (m) the agent lines up before pushing
     * @param maxStrength avoidance strength of the most careful episode
     * @param minStrength avoidance strength of the most reckless episode (below 0: drawn to hazards)
     * @param range       distance (m) within which a hazard or pillar pushes; below the lidar's 3 m
     * @param minSpeed    share of full drive of the most careful episode (rising to 1 at α = 1)
     * @param minNoise    smallest σ of an episode's action noise
     * @param maxNoise    largest σ
     */
    public PushBehaviorPolicies(Robot robot, NavigationDrive drive, double standoff, double maxStrength, double minStrength, double range,
                                double minSpeed, double minNoise, double maxNoise) {
        if (!(standoff > 0) || !Double.isFinite(standoff)) throw new IllegalArgumentException("standoff must be > 0, got " + standoff);
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
        this.standoff = standoff;
        this.maxStrength = maxStrength;
        this.minStrength = minStrength;
        this.range = range;
        this.minSpeed = minSpeed;
        this.minNoise = minNoise;
        this.maxNoise = maxNoise;
    }

    /**
     * The shipped family of a robot: lining up the box's half side plus 0.3 m behind its centre, avoidance
     * strength 3 (careful) down to −1 (reckless) within 0.6 m, noise σ 5-30 % of full drive; the Point's
     * careful episodes want 0.4 of its top speed, the Car always drives at full.
     */
    public static PushBehaviorPolicies of(Robot robot) {
        NavigationDrive drive = NavigationDrive.of(robot.name());
        double box = robot.name().equals("Car") ? PushBox.CAR_SIZE : PushBox.POINT_SIZE;
        double minSpeed = drive.differential() ? 1.0 : 0.6;
        return new PushBehaviorPolicies(robot, drive, box + 0.3, 3.0, -2.0, 0.6, minSpeed, 0.05 * drive.fullDrive(), 0.3 * drive.fullDrive());
    }

    @Override
    public EpisodePolicy policyFor(int episode, int episodes, SplittableRandom random) {
        Aggressiveness a = Aggressiveness.draw(episode, episodes, random, minNoise, maxNoise);
        return new Pusher(a, maxStrength + (minStrength - maxStrength) * a.alpha(), minSpeed + (1 - minSpeed) * a.alpha(), random.split());
    }

    /**
     * Where to drive, in the agent's frame, with the box at (bx, by) and the box pushed along the unit
     * vector (ux, uy): while the agent is within {@link #ALIGNED} of the line behind the box, a point
     * {@code standoff} beyond the box along (ux, uy) (pushing it there); otherwise the point {@code standoff}
     * behind the box on that line, or, when the agent stands on the box's goal side and near the line,
     * first a point {@code standoff} beside the box on the agent's side (the other side when {@code otherSide}:
     * a pusher stuck against a pillar or a hazard there tries the other way round). Returns {x, y}.
     */
    static double[] target(double bx, double by, double ux, double uy, double standoff, boolean otherSide) {
        // the agent seen from the box: how far along the push direction, how far beside it
        double rx = -bx, ry = -by, along = rx * ux + ry * uy, beside = -uy * rx + ux * ry;
        double distance = Math.hypot(bx, by);
        boolean behind = along < 0 && Math.abs(Math.atan2(beside, -along)) < ALIGNED;
        if (behind && distance < 2 * standoff) return new double[] {bx + standoff * ux, by + standoff * uy};
        if (along > -0.5 * standoff && Math.abs(beside) < standoff) {
            double side = (beside >= 0) != otherSide ? 1 : -1;
            return new double[] {bx - side * standoff * uy - 0.5 * standoff * ux, by + side * standoff * ux - 0.5 * standoff * uy};
        }
        return new double[] {bx - standoff * ux, by - standoff * uy};
    }

    /**
     * Adds to {@code sum} (x, y, count) the bins of a block that see something, each as a point at the bin's
     * middle bearing and its reading's distance (a rough map of what is in sight).
     */
    static void seen(float[] obs, int offset, PseudoLidar lidar, double[] sum) {
        double binWidth = 2 * Math.PI / lidar.bins();
        for (int b = 0; b < lidar.bins(); b++) {
            double reading = obs[offset + b];
            if (!(reading > 0)) continue;
            double d = lidar.maxDistance() * (1 - reading), angle = (b + 0.5) * binWidth;
            sum[0] += d * Math.cos(angle);
            sum[1] += d * Math.sin(angle);
            sum[2]++;
        }
    }

    /** One episode: push the box goal after goal with one avoidance strength. */
    private final class Pusher implements EpisodePolicy {
        private final Aggressiveness aggressiveness;
        private final double strength, speed;
        private final SplittableRandom random;
        private final int lidarOffset = robot.observedWidth();
        /** Steps in a row the agent has been nearly still, and steps left of going round the other side. */
        private int still, otherSideSteps;
        private boolean otherSide;

        Pusher(Aggressiveness aggressiveness, double strength, double speed, SplittableRandom random) {
            this.aggressiveness = aggressiveness;
            this.strength = strength;
            this.speed = speed;
            this.random = random;
        }

        @Override
        public float[] act(float[] observation) {
            PseudoLidar lidar = PseudoLidar.STANDARD;
            // stuck (the velocimeter, obs[3..4], under STILL_SPEED for STILL_STEPS): go round the other side for a while
            still = Math.hypot(observation[3], observation[4]) < STILL_SPEED ? still + 1 : 0;
            if (still >= STILL_STEPS) {
                still = 0;
                otherSideSteps = 2 * STILL_STEPS;
            }
            otherSide = otherSideSteps > 0;
            if (otherSideSteps > 0) otherSideSteps--;
            LidarFix box = LidarFix.decode(observation, lidarOffset + BOX_BLOCK * lidar.bins(), lidar);
            double heading;
            if (!box.seen()) {
                heading = robot.forwardYaw() + SEARCH_TURN;
            } else {
                double bx = box.distance() * Math.cos(box.bearing()), by = box.distance() * Math.sin(box.bearing());
                LidarFix goal = LidarFix.decode(observation, lidarOffset + GOAL_BLOCK * lidar.bins(), lidar);
                double ux = bx, uy = by;
                if (goal.seen()) {
                    ux = goal.distance() * Math.cos(goal.bearing()) - bx;
                    uy = goal.distance() * Math.sin(goal.bearing()) - by;
                } else {
                    // the goal out of reach: toward the hazards and pillars in sight, which stand where goals are drawn
                    double[] c = new double[3];
                    seen(observation, lidarOffset + HAZARD_BLOCK * lidar.bins(), lidar, c);
                    seen(observation, lidarOffset + PILLAR_BLOCK * lidar.bins(), lidar, c);
                    if (c[2] > 0) {
                        ux = c[0] / c[2] - bx;
                        uy = c[1] / c[2] - by;
                    }
                }
                double norm = Math.hypot(ux, uy);
                if (norm < 1e-9) {
                    ux = 1;
                    uy = 0;
                } else {
                    ux /= norm;
                    uy /= norm;
                }
                double[] t = target(bx, by, ux, uy, standoff, otherSide);
                heading = Math.atan2(t[1], t[0]);
            }
            // a reckless pusher (strength below 0) is lured by hazards from further off
            double course = GoalSeekBehaviorPolicies.course(observation, lidarOffset + HAZARD_BLOCK * lidar.bins(), lidar,
                    Math.cos(heading), Math.sin(heading), strength, strength < 0 ? LURE_RANGE : range);
            course = GoalSeekBehaviorPolicies.course(observation, lidarOffset + PILLAR_BLOCK * lidar.bins(), lidar,
                    Math.cos(course), Math.sin(course), Math.max(0, strength), range);
            double[] a = drive.differential() ? drive.steer(NavigationDrive.wrap(course - robot.forwardYaw()), speed)
                    // the velocimeter (obs[3..4]) reads the agent site's velocity in the body frame, the course's frame
                    : drive.steerVelocity(course, speed * POINT_TOP_SPEED, POINT_VELOCITY_GAIN, observation[3], observation[4], false);
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
