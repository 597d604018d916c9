package org.drcorl.env.mujoco.task;

import org.drcorl.env.mujoco.MujocoModels;
import org.drcorl.env.mujoco.VelocityTaskSpecs;
import org.drcorl.spi.DataConvention;
import org.drcorl.spi.TaskSpec;
import org.drcorl.spi.TerminationRule;

/**
 * Safety-Gymnasium's SafetyWalker2dVelocity-v1: Gymnasium's Walker2d-v4 reward (forward
 * velocity + 1 for being healthy − 10⁻³·‖a‖²), cost 1 above 2.3415 m/s, termination when the
 * torso height leaves (0.8, 2) or its pitch leaves (−1, 1) rad. Observation (17): qpos
 * without x (8), then qvel clipped to ±10 (9).
 */
public final class Walker2dVelocity extends PlanarWalkerVelocity {
    public static final String ID = "OfflineWalker2dVelocityGymnasium-v1";
    public static final TaskSpec SPEC = VelocityTaskSpecs.dsrl(ID,
            "Walker2d walks forward without falling; cost when faster than 2.3415 m/s");
    /**
     * Episodes start upright, the torso at z = 1.25 m ± 0.005 (HalfCheetah's files, of the same
     * sizes, start at z 0 ± 0.1): what every file recorded with the task shows ({@code drcorl
     * dataset} checks it).
     */
    public static final DataConvention START = VelocityTaskSpecs.startValue("the torso's height z", 0, 1.25, 5e-3,
            "gymnasium/envs/mujoco/assets/walker2d.xml (rootz ref=\"1.25\"), walker2d_v4.py (reset_noise_scale=5e-3)");
    public static final double VELOCITY_THRESHOLD = 2.3415;
    /** {@link #terminated()} in the observation: torso height obs[0] within (0.8, 2), pitch obs[1] within (−1, 1). */
    public static final TerminationRule TERMINATION = TerminationRule.over(SPEC.observationDim()).within(0, 0.8, 2.0).within(1, -1.0, 1.0)
            .build("healthy while 0.8 < z = obs[0] < 2 and |pitch| = |obs[1]| < 1: gymnasium/envs/mujoco/walker2d_v4.py"
                    + " (healthy_z_range, healthy_angle_range)");

    public Walker2dVelocity() {
        super(SPEC, MujocoModels.shipped("walker2d.xml"), VELOCITY_THRESHOLD);
    }

    @Override
    protected boolean terminated() {
        double z = data.qpos(1), angle = data.qpos(2);
        return !(z > 0.8 && z < 2.0 && angle > -1.0 && angle < 1.0);
    }
}
