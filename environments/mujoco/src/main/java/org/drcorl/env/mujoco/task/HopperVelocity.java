package org.drcorl.env.mujoco.task;

import org.drcorl.env.mujoco.MujocoModels;
import org.drcorl.env.mujoco.VelocityTaskSpecs;
import org.drcorl.spi.DataConvention;
import org.drcorl.spi.TaskSpec;
import org.drcorl.spi.TerminationRule;

/**
 * Safety-Gymnasium's SafetyHopperVelocity-v1: Gymnasium's Hopper-v4 reward (forward velocity
 * + 1 for being healthy − 10⁻³·‖a‖²), cost 1 above 0.7402 m/s, termination when the hopper
 * is no longer healthy: torso height ≤ 0.7, |pitch| ≥ 0.2 rad, or any of qpos[2:], qvel
 * beyond ±100. Observation (11): qpos without x (5), then qvel clipped to ±10 (6).
 */
public final class HopperVelocity extends PlanarWalkerVelocity {
    public static final String ID = "OfflineHopperVelocityGymnasium-v1";
    public static final TaskSpec SPEC = VelocityTaskSpecs.dsrl(ID,
            "Hopper hops forward without falling; cost when faster than 0.7402 m/s");
    /**
     * Episodes start upright, the torso at z = 1.25 m ± 0.005: what every file recorded with the task
     * shows ({@code drcorl dataset} checks it).
     */
    public static final DataConvention START = VelocityTaskSpecs.startValue("the torso's height z", 0, 1.25, 5e-3,
            "gymnasium/envs/mujoco/assets/hopper.xml (rootz ref=\"1.25\"), hopper_v4.py (reset_noise_scale=5e-3)");
    public static final double VELOCITY_THRESHOLD = 0.7402;
    /**
     * {@link #terminated()} in the observation: torso height obs[0] above 0.7, pitch obs[1] within
     * ±0.2 rad, the other joint angles obs[2..4] within ±100. The velocities' ±100 cannot be read from
     * the observation (it clips them to ±10); a hopper that fast has long fallen.
     */
    public static final TerminationRule TERMINATION = TerminationRule.over(SPEC.observationDim())
            .within(0, 0.7, Double.POSITIVE_INFINITY).within(2, 5, -100, 100).within(1, -0.2, 0.2)
            .build("healthy while z = obs[0] > 0.7, |pitch| = |obs[1]| < 0.2 and |obs[2..4]| < 100: gymnasium/envs/mujoco/hopper_v4.py"
                    + " (healthy_z_range, healthy_angle_range, healthy_state_range)");

    public HopperVelocity() {
        super(SPEC, MujocoModels.shipped("hopper.xml"), VELOCITY_THRESHOLD);
    }

    @Override
    protected boolean terminated() {
        double z = data.qpos(1), angle = data.qpos(2);
        boolean healthy = z > 0.7 && angle > -0.2 && angle < 0.2;
        for (int i = 2; i < model.nq() && healthy; i++) healthy = Math.abs(data.qpos(i)) < 100;
        for (int i = 0; i < model.nv() && healthy; i++) healthy = Math.abs(data.qvel(i)) < 100;
        return !healthy;
    }
}
