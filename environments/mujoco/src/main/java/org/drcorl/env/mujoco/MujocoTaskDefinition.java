package org.drcorl.env.mujoco;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.drcorl.spi.BehaviorPolicyFamily;
import org.drcorl.spi.DataConvention;
import org.drcorl.spi.TaskSpec;
import org.drcorl.spi.TerminationRule;

/**
 * One task of the family: its spec (known without MuJoCo, so that an unavailable task is
 * still listed), how to make an environment, and its data-collection policies if any.
 *
 * @param spec      the task's spec
 * @param factory   makes a fresh environment (loads the model; needs MuJoCo)
 * @param behaviors the policies {@code drcorl collect} plays, or null if the task has none yet
 * @param conventions what data recorded under the task's conventions show ({@code drcorl dataset} checks files against them)
 * @param termination when its episodes end early, as a function of the observation (the learned model's rollouts end
 *                    there), or null where the environment's termination is not one (the model then learns it)
 */
public record MujocoTaskDefinition(TaskSpec spec, Supplier<? extends MujocoTaskEnv> factory, BehaviorPolicyFamily behaviors,
                                   List<DataConvention> conventions, TerminationRule termination) {

    public MujocoTaskDefinition {
        conventions = List.copyOf(conventions);
        if (termination != null && termination.observationDim() != spec.observationDim()) {
            throw new IllegalArgumentException(spec.id() + ": termination rule of " + termination.observationDim()
                    + " dimensions for observations of " + spec.observationDim());
        }
    }

    /** A task that declares no termination rule. */
    public MujocoTaskDefinition(TaskSpec spec, Supplier<? extends MujocoTaskEnv> factory, BehaviorPolicyFamily behaviors,
                                List<DataConvention> conventions) {
        this(spec, factory, behaviors, conventions, null);
    }

    /** A task that declares no data conventions. */
    public MujocoTaskDefinition(TaskSpec spec, Supplier<? extends MujocoTaskEnv> factory, BehaviorPolicyFamily behaviors) {
        this(spec, factory, behaviors, List.of(), null);
    }

    public String id() {
        return spec.id();
    }

    public Optional<BehaviorPolicyFamily> behaviorPolicies() {
        return Optional.ofNullable(behaviors);
    }
}
