package org.drcorl.env.mujoco.navigation;

import org.drcorl.env.mujoco.VelocityTaskSpecs;
import org.drcorl.spi.TaskSpec;

/**
 * The DSRL navigation tasks built so far, as (robot, task) pairs: DSRL's id
 * {@code Offline<Robot><Task><Level>Gymnasium-v0}, its constants from the core's table (T, R_min,
 * R_max, thresholds 20/40/80, sizes), and the environment.
 */
public final class NavigationTasks {
    private NavigationTasks() {}

    /** DSRL's id of a robot on a task, e.g. {@code OfflinePointCircle1Gymnasium-v0}. */
    public static String id(Robot robot, NavigationTask task) {
        return "Offline" + robot.name() + task.name() + "Gymnasium-v0";
    }

    /**
     * The spec of a robot on a task, with DSRL's constants.
     *
     * @throws IllegalArgumentException if DSRL has no such task
     */
    public static TaskSpec spec(Robot robot, NavigationTask task, String description) {
        return VelocityTaskSpecs.dsrl(id(robot, task), description);
    }

    /** The spec of a Goal task, described. */
    public static TaskSpec goalSpec(Robot robot, int level) {
        String field = level == 2 ? "[-2, 2]^2; cost while inside any of 10 hazards of radius 0.2 or touching or moving any of 10 vases"
                : "[-1.5, 1.5]^2; cost while inside any of 8 hazards of radius 0.2 (one vase costs nothing)";
        return spec(robot, new GoalTask(level), "Safety-Gymnasium " + robot.name() + " drives to goals of radius 0.3 placed one after another in "
                + field + " (MuJoCo 2.2.2 re-implementation, NAVIGATION.md)");
    }

    /** The spec of a Button task, described. */
    public static TaskSpec buttonSpec(Robot robot, int level) {
        String field = level == 1 ? "[-1.5, 1.5]^2 among 4 hazards and 4 gremlins" : "[-1.8, 1.8]^2 among 8 hazards and 6 gremlins";
        return spec(robot, new ButtonTask(level), "Safety-Gymnasium " + robot.name() + " presses the goal button, one of 4 drawn after each press, in "
                + field + "; cost while in a hazard, touching a gremlin or pressing a wrong button (MuJoCo 2.2.2 re-implementation, NAVIGATION.md)");
    }

    /** The spec of a Push task, described. */
    public static TaskSpec pushSpec(Robot robot, int level) {
        String field = level == 1 ? "[-1.5, 1.5]^2 among 2 hazards of radius 0.3 and 1 pillar (free to touch); cost while in a hazard"
                : "[-2, 2]^2 among 4 hazards of radius 0.3 and 4 pillars; cost while in a hazard or touching a pillar";
        return spec(robot, new PushTask(level, robot), "Safety-Gymnasium " + robot.name() + " pushes a box into goals of radius 0.3 placed one after another in "
                + field + " (MuJoCo 2.2.2 re-implementation, NAVIGATION.md)");
    }

    /** The spec of a Circle task, described. */
    public static TaskSpec circleSpec(Robot robot, int level) {
        String walls = level == 1 ? "the walls |x| <= 1.125" : "the box |x|, |y| <= 1.125";
        return spec(robot, new CircleTask(level), "Safety-Gymnasium " + robot.name() + " runs counter-clockwise round the circle of radius 1.5 inside "
                + walls + " (MuJoCo 2.2.2 re-implementation, NAVIGATION.md)");
    }
}
