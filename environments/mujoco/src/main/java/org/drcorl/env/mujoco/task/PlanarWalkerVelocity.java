package org.drcorl.env.mujoco.task;

import java.util.SplittableRandom;
import org.drcorl.env.mujoco.ffm.MjcfSource;
import org.drcorl.env.mujoco.MujocoTaskEnv;
import org.drcorl.spi.TaskSpec;

/**
 * What Gymnasium's Hopper-v4 and Walker2d-v4 share, as Safety-Gymnasium's velocity tasks use
 * them: reset noise ±5·10⁻³ on qpos and qvel, observation qpos without x then qvel clipped to
 * ±10, reward forward velocity + 1 for being healthy − 10⁻³·‖a‖², cost 1 above the robot's
 * velocity threshold, 4 sub-steps per step. A subclass says when the robot has fallen.
 */
abstract class PlanarWalkerVelocity extends MujocoTaskEnv {
    private final double velocityThreshold;

    PlanarWalkerVelocity(TaskSpec spec, MjcfSource model, double velocityThreshold) {
        super(spec, model, 4, Root.x(0));
        this.velocityThreshold = velocityThreshold;
    }

    @Override
    protected void randomizeInitialState(SplittableRandom random) {
        perturbQposUniform(random, 5e-3);
        perturbQvelUniform(random, 5e-3);
    }

    @Override
    protected void writeObservation(float[] obs) {
        putQvelClipped(obs, putQpos(obs, 0, 1), 10);
    }

    @Override
    protected double reward(float[] action) {
        return velocityX() + 1.0 - 1e-3 * sumOfSquares(action);
    }

    @Override
    protected double cost() {
        return velocityX() > velocityThreshold ? 1 : 0;
    }
}
