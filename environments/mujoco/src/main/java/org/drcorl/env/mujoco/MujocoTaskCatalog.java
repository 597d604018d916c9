package org.drcorl.env.mujoco;

import java.util.List;
import java.util.Optional;
import org.drcorl.env.mujoco.behavior.GaitBehaviorPolicies;
import org.drcorl.env.mujoco.behavior.LinearBehaviorPolicies;
import org.drcorl.env.mujoco.task.AntCircle;
import org.drcorl.env.mujoco.task.AntRun;
import org.drcorl.env.mujoco.task.AntVelocity;
import org.drcorl.env.mujoco.task.HalfCheetahVelocity;
import org.drcorl.env.mujoco.task.HopperVelocity;
import org.drcorl.env.mujoco.task.SwimmerVelocity;
import org.drcorl.env.mujoco.task.Walker2dVelocity;

/** The tasks of the MuJoCo family, in display order. Add a task here to publish it. */
public final class MujocoTaskCatalog {
    private MujocoTaskCatalog() {}

    public static final List<MujocoTaskDefinition> ALL = List.of(
            new MujocoTaskDefinition(HalfCheetahVelocity.SPEC, HalfCheetahVelocity::new,
                    GaitBehaviorPolicies.shipped("half_cheetah.txt", 0.05, 0.3, 0.55, 0.75)),
            new MujocoTaskDefinition(HopperVelocity.SPEC, HopperVelocity::new,
                    LinearBehaviorPolicies.shipped("hopper.txt", 0.6, 0.02, 0.1)),
            new MujocoTaskDefinition(Walker2dVelocity.SPEC, Walker2dVelocity::new, null),
            new MujocoTaskDefinition(SwimmerVelocity.SPEC, SwimmerVelocity::new,
                    LinearBehaviorPolicies.shipped("swimmer.txt", 0.07, 0.02, 0.05)),
            new MujocoTaskDefinition(AntVelocity.SPEC, AntVelocity::new, null),
            new MujocoTaskDefinition(AntRun.SPEC, AntRun::new,
                    GaitBehaviorPolicies.shipped("ant.txt", 1.0 / 30, 0.5, 0.7, 1.0, 0.01, 0.05)),
            new MujocoTaskDefinition(AntCircle.SPEC, AntCircle::new, null));

    /** The task with this id, if it is one of the family's. */
    public static Optional<MujocoTaskDefinition> find(String id) {
        return ALL.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
