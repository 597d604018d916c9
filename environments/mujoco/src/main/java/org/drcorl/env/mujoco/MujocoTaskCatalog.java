package org.drcorl.env.mujoco;

import java.util.List;
import java.util.Optional;
import org.drcorl.env.mujoco.behavior.CircleGaitBehaviorPolicies;
import org.drcorl.env.mujoco.behavior.CircleRunBehaviorPolicies;
import org.drcorl.env.mujoco.behavior.GaitBehaviorPolicies;
import org.drcorl.env.mujoco.behavior.GoalSeekBehaviorPolicies;
import org.drcorl.env.mujoco.behavior.PushBehaviorPolicies;
import org.drcorl.env.mujoco.behavior.FeedbackBehaviorPolicies;
import org.drcorl.env.mujoco.navigation.ButtonTask;
import org.drcorl.env.mujoco.navigation.CircleTask;
import org.drcorl.env.mujoco.navigation.GoalTask;
import org.drcorl.env.mujoco.navigation.NavigationEnv;
import org.drcorl.env.mujoco.navigation.NavigationTasks;
import org.drcorl.env.mujoco.navigation.PushTask;
import org.drcorl.env.mujoco.navigation.Robot;
import org.drcorl.env.mujoco.task.AntCircle;
import org.drcorl.env.mujoco.task.AntRun;
import org.drcorl.env.mujoco.task.BulletAntAgent;
import org.drcorl.env.mujoco.task.AntVelocity;
import org.drcorl.env.mujoco.task.HalfCheetahVelocity;
import org.drcorl.env.mujoco.task.HopperVelocity;
import org.drcorl.env.mujoco.task.SwimmerVelocity;
import org.drcorl.env.mujoco.task.Walker2dVelocity;
import org.drcorl.spi.TerminationRule;

/**
 * The tasks of the MuJoCo family, in display order. Add a task here to publish it. Each declares
 * the start state its files show, so that a file of another task with the same sizes (HalfCheetah's
 * and Walker2d's) or another ant's layout is flagged. The tasks whose episodes end by a bound on the
 * observation, or never end early, declare it (the velocity tasks' "healthy" bounds, the ants' torso
 * height, Circle and Button: never), so that the learned model's rollouts end where the task would;
 * Goal, which ends when no place is left for the next goal, declares none.
 */
public final class MujocoTaskCatalog {
    private MujocoTaskCatalog() {}

    public static final List<MujocoTaskDefinition> ALL = List.of(
            new MujocoTaskDefinition(HalfCheetahVelocity.SPEC, HalfCheetahVelocity::new,
                    GaitBehaviorPolicies.shipped("half_cheetah.txt", 0.05, 0.3, 0.55, 0.75), List.of(HalfCheetahVelocity.START), HalfCheetahVelocity.TERMINATION),
            new MujocoTaskDefinition(HopperVelocity.SPEC, HopperVelocity::new,
                    FeedbackBehaviorPolicies.shipped("hopper.txt", 0.6, 0.02, 0.1), List.of(HopperVelocity.START), HopperVelocity.TERMINATION),
            // six PPO walkers from 1.0 to 3.1 m/s; each episode plays one (they fall when handed over mid-stride)
            new MujocoTaskDefinition(Walker2dVelocity.SPEC, Walker2dVelocity::new,
                    FeedbackBehaviorPolicies.shipped("walker2d.txt", 2.0, 0.05, 0.3, FeedbackBehaviorPolicies.Mixing.WHOLE_EPISODES),
                    List.of(Walker2dVelocity.START), Walker2dVelocity.TERMINATION),
            new MujocoTaskDefinition(SwimmerVelocity.SPEC, SwimmerVelocity::new,
                    FeedbackBehaviorPolicies.shipped("swimmer.txt", 0.07, 0.02, 0.05), List.of(SwimmerVelocity.START), SwimmerVelocity.TERMINATION),
            // two smooth ARS ants (1.2, 1.7 m/s; cost ~0-10), two jerky PPO ants (~1.6 m/s; cost ~200 per 1000 steps): one per episode
            new MujocoTaskDefinition(AntVelocity.SPEC, AntVelocity::new,
                    FeedbackBehaviorPolicies.shipped("ant_calm.txt", "ant_fast.txt", 0.02, 0.1, FeedbackBehaviorPolicies.Mixing.WHOLE_EPISODES),
                    List.of(AntVelocity.START), AntVelocity.TERMINATION),
            // Bullet-Safety-Gym's ant (BULLET-ANT.md); both declare where its episodes start (obs[2] = 0.1·z)
            new MujocoTaskDefinition(AntRun.SPEC, AntRun::new,
                    GaitBehaviorPolicies.shipped("bullet_ant.txt", 1.0 / 30, 0.5, 0.7, 1.0, 0.01, 0.05),
                    List.of(BulletAntAgent.startHeightConvention()), BulletAntAgent.termination(AntRun.SPEC.observationDim())),
            new MujocoTaskDefinition(AntCircle.SPEC, AntCircle::new, antCirclePolicies(),
                    List.of(BulletAntAgent.startHeightConvention()), BulletAntAgent.termination(AntCircle.SPEC.observationDim())),
            circle(Robot.POINT, 1),
            circle(Robot.POINT, 2),
            circle(Robot.CAR, 1),
            circle(Robot.CAR, 2),
            goal(Robot.POINT, 1),
            goal(Robot.CAR, 1),
            goal(Robot.POINT, 2),
            goal(Robot.CAR, 2),
            button(Robot.POINT, 1),
            button(Robot.POINT, 2),
            button(Robot.CAR, 1),
            button(Robot.CAR, 2),
            push(Robot.POINT, 1),
            push(Robot.POINT, 2),
            push(Robot.CAR, 1),
            push(Robot.CAR, 2));

    /** A Safety-Gymnasium Circle task (NAVIGATION.md): the robot in the level's scene. */
    private static MujocoTaskDefinition circle(Robot robot, int level) {
        var spec = NavigationTasks.circleSpec(robot, level);
        var task = new CircleTask(level);
        return new MujocoTaskDefinition(spec, () -> new NavigationEnv(spec, robot, task), CircleRunBehaviorPolicies.of(robot), List.of(),
                TerminationRule.never(spec.observationDim(), "Circle never ends early: safety_gymnasium/tasks/safe_navigation/circle"));
    }

    /** A Safety-Gymnasium Goal task: the robot in the level's scene, with a task (it keeps state) per environment. */
    private static MujocoTaskDefinition goal(Robot robot, int level) {
        var spec = NavigationTasks.goalSpec(robot, level);
        return new MujocoTaskDefinition(spec, () -> new NavigationEnv(spec, robot, new GoalTask(level)), GoalSeekBehaviorPolicies.goal(robot, level));
    }

    /** A Safety-Gymnasium Button task: the robot in the level's scene, with a task (it keeps state) per environment. */
    private static MujocoTaskDefinition button(Robot robot, int level) {
        var spec = NavigationTasks.buttonSpec(robot, level);
        return new MujocoTaskDefinition(spec, () -> new NavigationEnv(spec, robot, new ButtonTask(level)), GoalSeekBehaviorPolicies.button(robot),
                List.of(), TerminationRule.never(spec.observationDim(), "Button never ends early: safety_gymnasium/tasks/safe_navigation/button"));
    }

    /** A Safety-Gymnasium Push task: the robot in the level's scene, with a task (it keeps state) per environment. */
    private static MujocoTaskDefinition push(Robot robot, int level) {
        var spec = NavigationTasks.pushSpec(robot, level);
        return new MujocoTaskDefinition(spec, () -> new NavigationEnv(spec, robot, new PushTask(level, robot)), PushBehaviorPolicies.of(robot));
    }

    /**
     * Ant Circle's family: the circle gait of Bullet-Safety-Gym's ant ({@code gaits/bullet_ant_circle.txt},
     * tuned on AntCircle's 0.1 s step) at amplitude 0.7, where it walks about 0.45 m/s and seldom tips
     * over (5 of 100 episodes; 12 at 0.8), steered round circles of radius 4 to 5.2 m (careful: inside
     * the safe strip) with bursts aimed at 8 m. The unturned gait walks 110–135° right of the torso's
     * x axis; −135° steered best of the headings tried (−110, −120, −135, −160).
     */
    private static CircleGaitBehaviorPolicies antCirclePolicies() {
        var steering = new CircleGaitBehaviorPolicies.Steering(AntCircle.POSITION_INDEX, AntCircle.POSITION_SCALE,
                AntCircle.ORIENTATION_INDEX, Math.toRadians(-135), 0.5, Math.toRadians(10));
        return new CircleGaitBehaviorPolicies(GaitBehaviorPolicies.readGait("bullet_ant_circle.txt"), steering, 0.1, 0.7, 4, 5.2, 8, 0, 0.05);
    }

    /** The task with this id, if it is one of the family's. */
    public static Optional<MujocoTaskDefinition> find(String id) {
        return ALL.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
