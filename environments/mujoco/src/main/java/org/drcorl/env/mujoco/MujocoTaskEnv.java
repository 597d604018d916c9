package org.drcorl.env.mujoco;

import java.util.SplittableRandom;
import org.drcorl.env.mujoco.ffm.MjcfSource;
import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoLibrary;
import org.drcorl.env.mujoco.ffm.MujocoModel;
import org.drcorl.env.mujoco.ffm.MujocoUnavailableException;
import org.drcorl.spi.AbstractSafeEnv;
import org.drcorl.spi.StepResult;
import org.drcorl.spi.TaskSpec;

/**
 * Base class of a MuJoCo task: an MJCF model plus four functions. A new task is one short
 * subclass that names its model and says what the agent sees, earns, pays and when the
 * episode ends:
 *
 * <pre>{@code
 * public final class MyCheetahTask extends MujocoTaskEnv {
 *     public static final TaskSpec SPEC = ...;          // id, dims, T, cost thresholds
 *     public MyCheetahTask() {
 *         super(SPEC, MjcfSource.file(Path.of("half_cheetah.xml")), 5, Root.x(0));
 *     }
 *     protected void writeObservation(float[] obs) { putQpos(obs, 0, 1); putQvel(obs, model.nq() - 1, 0); }
 *     protected double reward(float[] action) { return velocityX() - 0.1 * sumOfSquares(action); }
 *     protected double cost() { return velocityX() > 3.2 ? 1 : 0; }
 *     protected boolean terminated() { return false; }
 * }
 * }</pre>
 *
 * <p>What the base class does: loads the model (from a file or a classpath resource), makes
 * its {@code mjData}, and on {@link #reset} returns it to the model's default pose with the
 * task's initial-state noise ({@link #randomizeInitialState}); on {@link #step} validates and
 * clips the action (see {@link AbstractSafeEnv}), writes it to the controls, runs
 * {@code frameSkip} {@code mj_step}s with it held, measures the root's velocity by finite
 * difference over the environment step, and asks the subclass for the reward, cost,
 * termination and observation, in that order. Truncation at T steps is added by
 * {@link AbstractSafeEnv}. Everything random comes from the episode's seed, and MuJoCo is
 * deterministic, so the same seed and actions replay the same episode bit for bit.
 *
 * <p>Actions are written to the controls unchanged: the task's action bounds must be the
 * model's control ranges ([−1, 1] with gears scaling the torque, as in Gymnasium's models).
 */
public abstract class MujocoTaskEnv extends AbstractSafeEnv {
    /** The compiled model (read its sizes and names; do not close it). */
    protected final MujocoModel model;
    /** The simulation state (read positions, velocities, sensors; do not close it). */
    protected final MujocoData data;
    private final int frameSkip;
    private final Root root;
    private double velocityX, velocityY;
    private boolean closed;

    /**
     * Which generalized coordinates are the root's x and y position: the velocity the task
     * rewards and costs is their finite difference over an environment step.
     *
     * @param xQpos index of x in qpos
     * @param yQpos index of y in qpos, or −1 for a planar model that only moves in x and z
     */
    public record Root(int xQpos, int yQpos) {
        /** A planar model whose root slides along x at qpos[xQpos]. */
        public static Root x(int xQpos) {
            return new Root(xQpos, -1);
        }

        /** A root with x and y at qpos[xQpos] and qpos[yQpos] (a free joint: 0 and 1). */
        public static Root xy(int xQpos, int yQpos) {
            return new Root(xQpos, yQpos);
        }
    }

    /**
     * Loads the model and prepares the state.
     *
     * @param spec      the task's spec; its action dimension must equal the model's actuators
     * @param source    the MJCF model
     * @param frameSkip {@code mj_step}s per environment step
     * @param root      where the root's position is in qpos
     * @throws IllegalStateException    if MuJoCo is not available here (the message says how to install it)
     * @throws IllegalArgumentException if the model cannot be loaded or does not fit the spec
     */
    protected MujocoTaskEnv(TaskSpec spec, MjcfSource source, int frameSkip, Root root) {
        super(spec);
        if (frameSkip <= 0) throw new IllegalArgumentException(spec.id() + ": frameSkip must be positive, got " + frameSkip);
        MujocoLibrary library;
        try {
            library = MujocoLibrary.shared();
        } catch (MujocoUnavailableException e) {
            throw new IllegalStateException(spec.id() + " is unavailable: " + e.getMessage(), e);
        }
        this.frameSkip = frameSkip;
        this.root = root;
        this.model = MujocoModel.load(library, source);
        try {
            if (model.nu() != spec.actionDim()) {
                throw new IllegalArgumentException(spec.id() + ": the model " + source.describe() + " has " + model.nu()
                        + " actuators, the spec " + spec.actionDim() + " action dimensions");
            }
            if (root.xQpos() < 0 || root.xQpos() >= model.nq() || root.yQpos() >= model.nq()) {
                throw new IllegalArgumentException(spec.id() + ": root coordinates " + root + " outside qpos of size " + model.nq());
            }
            this.data = model.makeData();
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------- the task's four functions

    /** Writes the observation ({@code obs.length} = the spec's observation dimension). */
    protected abstract void writeObservation(float[] obs);

    /** The reward of the step just simulated; {@code action} is the clipped action that was applied. */
    protected abstract double reward(float[] action);

    /** The cost of the step just simulated: 0 or 1. */
    protected abstract double cost();

    /** Whether the task ends the episode in the state just reached (a fall). */
    protected abstract boolean terminated();

    /**
     * Runs after the {@code frameSkip} {@code mj_step}s of an environment step and before the
     * reward. Default: nothing, so positions and sensors are those {@code mj_step} left (computed
     * at the start of its last substep). Safety-Gymnasium runs {@code mj_forward} here so that
     * they describe the state reached; its tasks override this.
     */
    protected void afterFrameSkip() {}

    /**
     * Runs before each of the {@code frameSkip} {@code mj_step}s: where a task moves its mocap bodies
     * (Safety-Gymnasium's gremlins, {@code underlying.py} moves them before every substep). Default: nothing.
     */
    protected void beforeSubstep() {}

    /**
     * Draws the initial state around the model's default pose, which {@code mj_resetData} has
     * just restored. Default: Gymnasium's uniform noise of ±0.1 on every qpos and qvel entry.
     * Override to change the noise (the {@code perturb...} helpers) or the pose.
     */
    protected void randomizeInitialState(SplittableRandom random) {
        perturbQposUniform(random, 0.1);
        perturbQvelUniform(random, 0.1);
    }

    // ---------------------------------------------------------------- helpers for subclasses

    /** Seconds per environment step: {@code frameSkip × timestep}. */
    protected final double dt() {
        return frameSkip * model.timestep();
    }

    /** Velocity of the root along x over the last environment step. */
    public final double velocityX() {
        return velocityX;
    }

    /** Velocity of the root along y over the last environment step (0 for a planar root). */
    public final double velocityY() {
        return velocityY;
    }

    /** Planar speed of the root over the last environment step, √(v_x² + v_y²). */
    public final double speed() {
        return Math.sqrt(velocityX * velocityX + velocityY * velocityY);
    }

    /** Root position along x now. */
    protected final double rootX() {
        return data.qpos(root.xQpos());
    }

    /** Root position along y now (0 for a planar root). */
    protected final double rootY() {
        return root.yQpos() < 0 ? 0 : data.qpos(root.yQpos());
    }

    /** ‖a‖², the usual control cost. */
    protected static double sumOfSquares(float[] a) {
        double s = 0;
        for (float v : a) s += (double) v * v;
        return s;
    }

    /** Copies qpos[from..nq) into obs starting at {@code at}; returns the next free index. */
    protected final int putQpos(float[] obs, int at, int from) {
        for (int i = from; i < model.nq(); i++) obs[at++] = (float) data.qpos(i);
        return at;
    }

    /** Copies qvel into obs starting at {@code at}; returns the next free index. */
    protected final int putQvel(float[] obs, int at) {
        for (int i = 0; i < model.nv(); i++) obs[at++] = (float) data.qvel(i);
        return at;
    }

    /** Copies qvel clipped to ±{@code bound} into obs starting at {@code at}; returns the next free index. */
    protected final int putQvelClipped(float[] obs, int at, double bound) {
        for (int i = 0; i < model.nv(); i++) obs[at++] = (float) Math.max(-bound, Math.min(bound, data.qvel(i)));
        return at;
    }

    /** Adds U(−scale, scale) to every qpos entry. */
    protected final void perturbQposUniform(SplittableRandom random, double scale) {
        for (int i = 0; i < model.nq(); i++) data.setQpos(i, data.qpos(i) + random.nextDouble(-scale, scale));
    }

    /** Adds U(−scale, scale) to every qvel entry. */
    protected final void perturbQvelUniform(SplittableRandom random, double scale) {
        for (int i = 0; i < model.nv(); i++) data.setQvel(i, data.qvel(i) + random.nextDouble(-scale, scale));
    }

    /** Adds scale·N(0, 1) to every qvel entry. */
    protected final void perturbQvelGaussian(SplittableRandom random, double scale) {
        for (int i = 0; i < model.nv(); i++) data.setQvel(i, data.qvel(i) + scale * random.nextGaussian());
    }

    /** The simulation state, for tests and behaviour policies that need the true state. */
    public final MujocoData data() {
        return data;
    }

    /** The model, for tests and tools. */
    public final MujocoModel model() {
        return model;
    }

    /** Environment steps' worth of {@code mj_step}s. */
    public final int frameSkip() {
        return frameSkip;
    }

    // ---------------------------------------------------------------- the loop

    @Override
    protected final float[] resetState(SplittableRandom random) {
        data.reset();
        randomizeInitialState(random);
        data.forward();
        velocityX = 0;
        velocityY = 0;
        return observation();
    }

    @Override
    protected final StepResult simulate(float[] action) {
        double x0 = rootX(), y0 = rootY();
        data.setControls(action);
        for (int i = 0; i < frameSkip; i++) {
            beforeSubstep();
            data.step();
        }
        afterFrameSkip();
        double dt = dt();
        velocityX = (rootX() - x0) / dt;
        velocityY = (rootY() - y0) / dt;
        double reward = reward(action);
        double cost = cost();
        boolean terminated = terminated();
        return new StepResult(observation(), reward, cost, terminated, false);
    }

    private float[] observation() {
        float[] obs = new float[spec().observationDim()];
        writeObservation(obs);
        return obs;
    }

    @Override
    public void close() {
        super.close();
        if (closed) return;
        closed = true;
        data.close();
        model.close();
    }
}
