package org.drcorl.env.mujoco.task;

import java.util.SplittableRandom;
import org.drcorl.env.mujoco.MujocoModels;
import org.drcorl.env.mujoco.MujocoTaskEnv;
import org.drcorl.env.mujoco.VelocityTaskSpecs;
import org.drcorl.spi.DataConvention;
import org.drcorl.spi.TaskSpec;
import org.drcorl.spi.TerminationRule;

/**
 * Safety-Gymnasium's SafetyAntVelocity-v1: Gymnasium's Ant-v4 reward without contact forces
 * (forward velocity + 1 for being healthy − 0.5·‖a‖²), cost 1 when the torso's planar speed
 * √(v_x² + v_y²) exceeds 2.6222 m/s, termination when the torso height leaves [0.2, 1] or the
 * state is not finite. Observation (27): qpos without x and y (13: height, orientation
 * quaternion, 8 joint angles), then qvel (14).
 */
public final class AntVelocity extends MujocoTaskEnv {
    public static final String ID = "OfflineAntVelocityGymnasium-v1";
    public static final TaskSpec SPEC = VelocityTaskSpecs.dsrl(ID,
            "Ant walks forward without falling; cost when its planar speed exceeds 2.6222 m/s");
    /**
     * Episodes start with the torso at z = 0.75 m ± 0.1: what every file recorded with the task shows
     * ({@code drcorl dataset} checks it).
     */
    public static final DataConvention START = VelocityTaskSpecs.startValue("the torso's height z", 0, 0.75, 0.1,
            "gymnasium/envs/mujoco/assets/ant.xml (torso pos=\"0 0 0.75\"), ant_v4.py (reset_noise_scale=0.1)");
    public static final double VELOCITY_THRESHOLD = 2.6222;
    /**
     * {@link #terminated()} in the observation: torso height obs[0] within [0.2, 1] (closed, as
     * upstream: the bounds are the next floats out). A state that is not finite cannot be recorded.
     */
    public static final TerminationRule TERMINATION = TerminationRule.over(SPEC.observationDim())
            .within(0, Math.nextDown(0.2f), Math.nextUp(1.0f))
            .build("healthy while 0.2 <= z = obs[0] <= 1: gymnasium/envs/mujoco/ant_v4.py (healthy_z_range, is_healthy)");

    public AntVelocity() {
        super(SPEC, MujocoModels.shipped("ant.xml"), 5, Root.xy(0, 1));
    }

    @Override
    protected void randomizeInitialState(SplittableRandom random) {
        perturbQposUniform(random, 0.1);
        perturbQvelGaussian(random, 0.1);
    }

    @Override
    protected void writeObservation(float[] obs) {
        putQvel(obs, putQpos(obs, 0, 2));
    }

    @Override
    protected double reward(float[] action) {
        return velocityX() + 1.0 - 0.5 * sumOfSquares(action);
    }

    @Override
    protected double cost() {
        return speed() > VELOCITY_THRESHOLD ? 1 : 0;
    }

    @Override
    protected boolean terminated() {
        double z = data.qpos(2);
        boolean finite = true;
        for (int i = 0; i < model.nq() && finite; i++) finite = Double.isFinite(data.qpos(i));
        for (int i = 0; i < model.nv() && finite; i++) finite = Double.isFinite(data.qvel(i));
        return !(finite && z >= 0.2 && z <= 1.0);
    }
}
