package org.drcorl.env.mujoco.task;

import java.util.SplittableRandom;
import org.drcorl.env.mujoco.MujocoModels;
import org.drcorl.env.mujoco.MujocoTaskEnv;
import org.drcorl.env.mujoco.VelocityTaskSpecs;
import org.drcorl.spi.TaskSpec;

/**
 * Bullet-Safety-Gym's AntRun (DSRL's OfflineAntRun-v0) on the MuJoCo ant: run along +x toward
 * a goal 1000 m away. Reward Φ(s′) − Φ(s) with Φ = −60·‖p_xy − (1000, 0)‖ (≈ 60·Δx);
 * cost min(1, 1[|y| > 2] + 1[‖v_xy‖ > 1.5]); episode ends when the torso drops to 0.26 m.
 * Environment step 1/30 s (5 RK4 steps of 1/150 s). Observation: the 33 agent values of
 * {@link BulletAntAgent}; no task part.
 */
public final class AntRun extends MujocoTaskEnv {
    public static final String ID = "OfflineAntRun-v0";
    public static final TaskSpec SPEC = VelocityTaskSpecs.dsrl(ID,
            "Ant runs along +x; cost when |y| > 2 or faster than 1.5 m/s");
    private static final double GOAL_X = 1000;

    private final BulletAntAgent agent;
    private double potential;

    public AntRun() {
        super(SPEC, MujocoModels.shipped("ant.xml"), 5, Root.xy(0, 1));
        model.setTimestep(1.0 / 150);
        agent = new BulletAntAgent(model);
    }

    private double potential() {
        return -60 * Math.hypot(rootX() - GOAL_X, rootY());
    }

    @Override
    protected void randomizeInitialState(SplittableRandom random) {
        perturbQposUniform(random, 0.1);
        perturbQvelGaussian(random, 0.1);
        data.setQpos(2, data.model().qpos0(2)); // start at the default height, not in the floor
        potential = potential();
    }

    @Override
    protected void writeObservation(float[] obs) {
        agent.writeObservation(data, obs);
    }

    @Override
    protected double reward(float[] action) {
        double before = potential;
        potential = potential();
        return potential - before;
    }

    @Override
    protected double cost() {
        return Math.min(1, (Math.abs(rootY()) > 2 ? 1 : 0) + (speed() > BulletAntAgent.SPEED_LIMIT ? 1 : 0));
    }

    @Override
    protected boolean terminated() {
        return !BulletAntAgent.alive(data);
    }
}
