package org.drcorl.env.mujoco.task;

import java.util.SplittableRandom;
import org.drcorl.env.mujoco.MujocoTaskEnv;
import org.drcorl.env.mujoco.VelocityTaskSpecs;
import org.drcorl.spi.TaskSpec;

/**
 * Bullet-Safety-Gym's AntRun (DSRL's OfflineAntRun-v0) with its ant ({@link BulletAntAgent}):
 * run along +x toward a goal 1000 m away. Reward Φ(s′) − Φ(s) + the agent's terms, with
 * Φ = −60·‖p_xy − (1000, 0)‖ ({@code RunTask}, {@code envs/tasks.py:573-584}; ≈ 60·Δx + 1);
 * cost min(1, 1[|y| > 2] + 1[‖v_xy‖ > 1.5]) with the torso's velocity at the end of the step
 * ({@code tasks.py:560-571}); the episode ends when the torso drops to 0.26 m. Environment step
 * 1/30 s (5 RK4 steps of 1/150 s; Bullet: 4 of 1/120). Reset ({@code tasks.py:616-622}): the torso
 * at (U(±0.01), U(±0.01), 0.75) facing +x exactly, Bullet's joint pose, Φ taken, then one passive
 * step. Observation: the 33 agent values of {@link BulletAntAgent}; no task part.
 */
public final class AntRun extends MujocoTaskEnv {
    public static final String ID = "OfflineAntRun-v0";
    public static final TaskSpec SPEC = VelocityTaskSpecs.dsrl(ID,
            "Ant runs along +x; cost when |y| > 2 or faster than 1.5 m/s");
    private static final double GOAL_X = 1000;

    private final BulletAntAgent agent;
    private double potential;

    public AntRun() {
        super(SPEC, BulletAntAgent.model(false), 5, Root.xy(0, 1));
        model.setTimestep(1.0 / 150);
        agent = new BulletAntAgent(model);
    }

    private double potential() {
        return -60 * Math.hypot(rootX() - GOAL_X, rootY());
    }

    @Override
    protected void randomizeInitialState(SplittableRandom random) {
        agent.resetPose(data, random, random.nextDouble(-0.01, 0.01), random.nextDouble(-0.01, 0.01), 0);
        potential = potential(); // before the passive step, as RunTask.specific_reset sets old_potential
        agent.settle(data, frameSkip());
    }

    @Override
    protected void afterFrameSkip() {
        agent.stepped();
    }

    @Override
    protected void writeObservation(float[] obs) {
        agent.writeObservation(data, obs);
    }

    @Override
    protected double reward(float[] action) {
        double before = potential;
        potential = potential();
        return potential - before + agent.specificReward(data, action);
    }

    @Override
    protected double cost() {
        double speed = Math.hypot(data.qvel(0), data.qvel(1));
        return Math.min(1, (Math.abs(rootY()) > 2 ? 1 : 0) + (speed > BulletAntAgent.SPEED_LIMIT ? 1 : 0));
    }

    @Override
    protected boolean terminated() {
        return !BulletAntAgent.alive(data);
    }
}
