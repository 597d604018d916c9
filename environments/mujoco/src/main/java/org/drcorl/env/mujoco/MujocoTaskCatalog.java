package org.drcorl.env.mujoco;

import java.util.List;
import java.util.Optional;
import org.drcorl.env.mujoco.task.HalfCheetahVelocity;

/** The tasks of the MuJoCo family, in display order. Add a task here to publish it. */
public final class MujocoTaskCatalog {
    private MujocoTaskCatalog() {}

    public static final List<MujocoTaskDefinition> ALL = List.of(
            new MujocoTaskDefinition(HalfCheetahVelocity.SPEC, HalfCheetahVelocity::new, null));

    /** The task with this id, if it is one of the family's. */
    public static Optional<MujocoTaskDefinition> find(String id) {
        return ALL.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
