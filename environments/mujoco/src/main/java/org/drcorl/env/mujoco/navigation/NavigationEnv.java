package org.drcorl.env.mujoco.navigation;

import java.util.List;
import java.util.SplittableRandom;
import org.drcorl.env.mujoco.MujocoTaskEnv;
import org.drcorl.spi.TaskSpec;

/**
 * A Safety-Gymnasium navigation environment: a {@link Robot} in the scene of a {@link NavigationTask}.
 * One step ({@code builder.py:191-248}): the clipped action into the controls, {@value Robot#FRAME_SKIP}
 * {@code mj_step}s, {@code mj_forward}, then the task's reward, the objects' costs summed and turned
 * into 0/1, and the observation ({@link ObservationAssembler}). Reset: {@code mj_resetData}, the agent
 * at a point of the task's placement with a uniform yaw, {@code mj_forward}. Truncation at the spec's
 * T comes from the base class; nothing terminates an episode early (the Circle tasks have no goal).
 *
 * <p>The scene is compiled once ({@link NavigationScene} says why that is faithful for Circle).
 */
public final class NavigationEnv extends MujocoTaskEnv {
    private final Robot robot;
    private final NavigationTask task;
    private final List<NavigationObject> objects;
    private final Placement placement;
    private final AgentFrame agent;
    private final ObservationAssembler observation;
    private boolean agentStale = true;

    /**
     * @throws IllegalArgumentException if the spec's sizes are not the scene's (observation: the
     *                                  robot's sensors plus 16 per lidar-observed object; 2 actions)
     * @throws IllegalStateException    if MuJoCo is unavailable
     */
    public NavigationEnv(TaskSpec spec, Robot robot, NavigationTask task) {
        // Root.xy(0, 1) only feeds the base's finite-difference velocity, which these tasks do not use
        // (the Point's qpos[0..1] are along its turned slide axes): they read J·qvel instead.
        super(spec, NavigationScene.source(spec.id() + " scene (" + robot.name() + " " + task.name() + ")", robot, task.objects()),
                Robot.FRAME_SKIP, Root.xy(0, 1));
        try {
            this.robot = robot;
            this.task = task;
            this.objects = task.objects();
            this.placement = task.agentPlacement();
            robot.check(model);
            for (NavigationObject o : objects) o.bind(model);
            this.agent = new AgentFrame(model.bodyId(Robot.AGENT));
            this.observation = new ObservationAssembler(model, robot, task.lidar(), objects);
            if (observation.width() != spec.observationDim()) {
                throw new IllegalArgumentException(spec.id() + ": " + robot.name() + " " + task.name() + " observes "
                        + observation.width() + " values, the spec says " + spec.observationDim());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public Robot robot() {
        return robot;
    }

    public NavigationTask task() {
        return task;
    }

    /** The agent's state after the last reset or step (tests and tools). */
    public AgentFrame agent() {
        refreshAgent();
        return agent;
    }

    @Override
    protected void randomizeInitialState(SplittableRandom random) {
        double[] xy = placement.draw(random);
        double yaw = random.nextDouble(0, 2 * Math.PI);
        robot.place(model, data, xy[0], xy[1], yaw);
        agentStale = true;
    }

    /**
     * Restarts the episode begun by {@link #reset} with the agent at (x, y) facing {@code yaw}, as if
     * the reset had drawn that pose; returns the first observation. For tests and tools that need a
     * known start (the layout's own draws stay within {@link NavigationTask#agentPlacement()}).
     */
    public float[] placeAgent(double x, double y, double yaw) {
        data.reset();
        robot.place(model, data, x, y, yaw);
        data.forward();
        agentStale = true;
        float[] obs = new float[spec().observationDim()];
        writeObservation(obs);
        return obs;
    }

    @Override
    protected void afterFrameSkip() {
        data.forward();
        agentStale = true;
    }

    private void refreshAgent() {
        if (agentStale) {
            agent.update(data);
            agentStale = false;
        }
    }

    @Override
    protected void writeObservation(float[] obs) {
        refreshAgent();
        observation.write(data, agent, obs);
    }

    @Override
    protected double reward(float[] action) {
        refreshAgent();
        return task.reward(agent);
    }

    @Override
    protected double cost() {
        refreshAgent();
        double sum = 0;
        for (NavigationObject o : objects) sum += o.cost(data, agent);
        return sum > 0 ? 1 : 0;
    }

    @Override
    protected boolean terminated() {
        return false;
    }
}
