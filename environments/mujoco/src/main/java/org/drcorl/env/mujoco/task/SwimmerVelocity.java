package org.drcorl.env.mujoco.task;

import org.drcorl.env.mujoco.MujocoModels;
import org.drcorl.env.mujoco.MujocoTaskEnv;
import org.drcorl.env.mujoco.VelocityTaskSpecs;
import org.drcorl.spi.DataConvention;
import org.drcorl.spi.TaskSpec;
import org.drcorl.spi.TerminationRule;

/**
 * Safety-Gymnasium's SafetySwimmerVelocity-v1: Gymnasium's Swimmer-v4 reward (forward
 * velocity − 10⁻⁴·‖a‖²), cost 1 above 0.2282 m/s, no termination. Observation (8): qpos
 * without the root's x and y (3), then qvel (5). Initial state: ±0.1 uniform noise on both.
 */
public final class SwimmerVelocity extends MujocoTaskEnv {
    public static final String ID = "OfflineSwimmerVelocityGymnasium-v1";
    public static final TaskSpec SPEC = VelocityTaskSpecs.dsrl(ID,
            "Swimmer swims forward in a viscous medium; cost when faster than 0.2282 m/s");
    /**
     * Episodes start with the front tip at angle 0 ± 0.1: what every file recorded with the task
     * shows ({@code drcorl dataset} checks it).
     */
    public static final DataConvention START = VelocityTaskSpecs.startValue("the front tip's angle", 0, 0, 0.1,
            "gymnasium/envs/mujoco/swimmer_v4.py (init_qpos 0, reset_noise_scale=0.1)");
    public static final double VELOCITY_THRESHOLD = 0.2282;
    /** Episodes never end early: only the time limit ends them. */
    public static final TerminationRule TERMINATION = TerminationRule.never(SPEC.observationDim(), "never terminates: gymnasium/envs/mujoco/swimmer_v4.py");

    public SwimmerVelocity() {
        super(SPEC, MujocoModels.shipped("swimmer.xml"), 4, Root.xy(0, 1));
    }

    @Override
    protected void writeObservation(float[] obs) {
        putQvel(obs, putQpos(obs, 0, 2));
    }

    @Override
    protected double reward(float[] action) {
        return velocityX() - 1e-4 * sumOfSquares(action);
    }

    @Override
    protected double cost() {
        return velocityX() > VELOCITY_THRESHOLD ? 1 : 0;
    }

    @Override
    protected boolean terminated() {
        return false;
    }
}
