package org.drcorl.env.mujoco.navigation;

import java.util.List;
import java.util.SplittableRandom;
import org.drcorl.env.mujoco.MujocoTaskEnv;
import org.drcorl.spi.TaskSpec;

/**
 * A Safety-Gymnasium navigation environment: a {@link Robot} in the scene of a {@link NavigationTask}.
 * One step ({@code builder.py:191-248}): the clipped action into the controls, {@value Robot#FRAME_SKIP}
 * {@code mj_step}s, {@code mj_forward}, then the task's reward clipped to ±{@value #REWARD_CLIP}, the
 * objects' costs summed and turned into 0/1, the task's goal handling (which may re-place the goal,
 * or end the episode when it cannot), and the observation ({@link ObservationAssembler}). Reset:
 * {@code mj_resetData}, a {@link Layout} drawn with the keepouts (the agent and every {@link PlacedObject}
 * instance, then their yaws), everything moved there, {@code mj_forward}, then the task's
 * {@link NavigationTask#beginEpisode} (the Goal task's second goal draw). Truncation at the spec's T
 * comes from the base class.
 *
 * <p>The scene is compiled once ({@link NavigationScene} says why that is faithful). Draws during an
 * episode (goal re-placements) come from a stream split off the episode's at reset, so a seed
 * replays the episode.
 */
public final class NavigationEnv extends MujocoTaskEnv {
    /** Rewards are clipped to ±this ({@code reward_clip}, {@code base_task.py:65-81}; {@code builder.py:250-272}). */
    public static final double REWARD_CLIP = 10;
    private final Robot robot;
    private final NavigationTask task;
    private final List<NavigationObject> objects;
    private final Layout layout;
    private final AgentFrame agent;
    private final ObservationAssembler observation;
    private final NavigationTask.Relayout relayout = new NavigationTask.Relayout() {
        @Override
        public boolean replace(PlacedObject object, int i) {
            return NavigationEnv.this.replace(object, i);
        }

        @Override
        public void move(PlacedObject object, int i, double x, double y) {
            int entry = layout.entry(object, i);
            layout.set(entry, x, y);
            layout.applyEntry(entry, model, data);
            data.forward();
            agentStale = true;
        }

        @Override
        public int choose(int n) {
            if (n <= 0) throw new IllegalArgumentException("choose needs n > 0, got " + n);
            return episodeRandom.nextInt(n);
        }
    };
    /** The objects that move mocap bodies before every substep (gremlins). */
    private final List<NavigationObject> movers;
    private boolean agentStale = true;
    private SplittableRandom episodeRandom = new SplittableRandom(0);

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
            this.movers = objects.stream().filter(NavigationObject::movesMocaps).toList();
            this.layout = new Layout(task.agentPlacement(), objects);
            robot.check(model);
            for (NavigationObject o : objects) o.bind(model);
            this.agent = AgentFrame.of(model, robot);
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
        layout.sample(random);
        layout.apply(robot, model, data);
        episodeRandom = random.split();
        data.forward();
        agentStale = true;
        refreshAgent();
        task.beginEpisode(data, agent, relayout);
    }

    /** {@link NavigationTask.Relayout#replace}: update the layout, draw the instance again, move it, forward. */
    private boolean replace(PlacedObject object, int i) {
        refreshAgent();
        layout.refresh(data, agent);
        int entry = layout.entry(object, i);
        if (!layout.redraw(entry, episodeRandom)) return false;
        layout.applyEntry(entry, model, data);
        data.forward();
        agentStale = true;
        return true;
    }

    /**
     * Restarts the episode begun by {@link #reset} with the agent at (x, y) facing {@code yaw} and the
     * objects where the layout put them (or where {@link #placeObject} moved them), as if the reset had
     * drawn that pose; the task measures its progress from there. Returns the first observation. For
     * tests and tools that need a known start; keepouts are not checked.
     */
    public float[] placeAgent(double x, double y, double yaw) {
        data.reset();
        layout.set(0, x, y);
        layout.setYaw(0, yaw);
        layout.apply(robot, model, data);
        return settle();
    }

    /**
     * Moves instance {@code i} of one of the task's placed objects to (x, y) in the episode begun by
     * {@link #reset}, the rest staying; the task measures its progress from there. Returns the
     * observation. For tests and tools; keepouts are not checked.
     */
    public float[] placeObject(PlacedObject object, int i, double x, double y) {
        int entry = layout.entry(object, i);
        layout.set(entry, x, y);
        layout.applyEntry(entry, model, data);
        return settle();
    }

    /** Where instance {@code i} of a placed object stands in the layout: {x, y}. */
    public double[] layoutPosition(PlacedObject object, int i) {
        int entry = layout.entry(object, i);
        return new double[] {layout.x(entry), layout.y(entry)};
    }

    private float[] settle() {
        data.forward();
        agentStale = true;
        refreshAgent();
        task.measureFrom(data, agent);
        float[] obs = new float[spec().observationDim()];
        writeObservation(obs);
        return obs;
    }

    /** What a task may do to the layout, for tests and tools that drive a task's goal handling by hand. */
    public NavigationTask.Relayout relayout() {
        return relayout;
    }

    @Override
    protected void beforeSubstep() {
        for (NavigationObject o : movers) o.beforeSubstep(data);
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
        return Math.max(-REWARD_CLIP, Math.min(REWARD_CLIP, task.reward(data, agent)));
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
        refreshAgent();
        return task.afterStep(data, agent, relayout);
    }
}
