package org.drcorl.spi;

import java.util.List;
import java.util.Optional;

/**
 * A family of tasks (an environment plugin). Lists its tasks and makes environments.
 *
 * <p>A new task family is one class implementing this interface plus one {@link SafeEnv}
 * per task, usually extending {@link AbstractSafeEnv}. Task ids must be unique across all
 * loaded plugins; the host refuses a second provider of the same id.
 */
public interface TaskProvider extends org.pf4j.ExtensionPoint {

    /** The family name shown by {@code drcorl tasks}, e.g. {@code bullet}. */
    String family();

    /** The tasks of this family, in display order. */
    List<TaskSpec> tasks();

    /**
     * Makes an environment for one of {@link #tasks()}.
     *
     * @throws IllegalArgumentException for an id that is not one of this provider's
     * @throws IllegalStateException if the provider is not {@linkplain #availability() available}
     */
    SafeEnv create(String taskId);

    /** Whether this provider works here; an unavailable one is listed with its reason. */
    default Availability availability() {
        return Availability.AVAILABLE;
    }

    /**
     * The behaviour policies that {@code drcorl collect} runs to build an offline dataset
     * for a task, or empty if the family offers none.
     */
    default Optional<BehaviorPolicyFamily> behaviorPolicies(String taskId) {
        return Optional.empty();
    }

    /**
     * Statistics that data recorded under {@code taskId}'s conventions show (signs, start values;
     * see {@link DataConvention}); a dataset that breaks one is reported with a warning. Empty
     * when the family declares none.
     */
    default List<DataConvention> dataConventions(String taskId) {
        return List.of();
    }

    /**
     * When {@code taskId}'s episodes end early, as a function of the observation (see
     * {@link TerminationRule}), for the learned model's rollouts that judge a policy offline; empty
     * when the family does not declare it (the model then learns termination from the data).
     */
    default Optional<TerminationRule> termination(String taskId) {
        return Optional.empty();
    }
}
