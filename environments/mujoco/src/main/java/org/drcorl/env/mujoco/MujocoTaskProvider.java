package org.drcorl.env.mujoco;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.drcorl.env.mujoco.ffm.MujocoLibrary;
import org.drcorl.spi.Availability;
import org.drcorl.spi.BehaviorPolicyFamily;
import org.drcorl.spi.DataConvention;
import org.drcorl.spi.SafeEnv;
import org.drcorl.spi.TaskProvider;
import org.drcorl.spi.TaskSpec;
import org.drcorl.spi.TerminationRule;
import org.pf4j.Extension;

/**
 * The MuJoCo task family. Its tasks are always listed; where the MuJoCo 2.2.2 library is
 * missing (or another version is installed) {@link #availability()} says so, with the
 * install command, and {@link #create} refuses with the same reason.
 */
@Extension
public final class MujocoTaskProvider implements TaskProvider {
    private final List<MujocoTaskDefinition> definitions;
    private final Supplier<Availability> availability;

    public MujocoTaskProvider() {
        this(MujocoTaskCatalog.ALL, MujocoLibrary::availability);
    }

    /** A provider of other definitions or with another availability check (tests, tools). */
    public MujocoTaskProvider(List<MujocoTaskDefinition> definitions, Supplier<Availability> availability) {
        this.definitions = List.copyOf(definitions);
        this.availability = availability;
    }

    @Override
    public String family() {
        return VelocityTaskSpecs.FAMILY;
    }

    @Override
    public List<TaskSpec> tasks() {
        return definitions.stream().map(MujocoTaskDefinition::spec).toList();
    }

    @Override
    public Availability availability() {
        return availability.get();
    }

    @Override
    public SafeEnv create(String taskId) {
        MujocoTaskDefinition definition = definition(taskId);
        Availability a = availability();
        if (!a.available()) throw new IllegalStateException(taskId + " is unavailable: " + a.reason());
        return definition.factory().get();
    }

    @Override
    public Optional<BehaviorPolicyFamily> behaviorPolicies(String taskId) {
        return definition(taskId).behaviorPolicies();
    }

    /**
     * The conventions the task's definition declares (AntRun and AntCircle: where Bullet-Safety-Gym's
     * ant starts, so that a file in another ant's layout is flagged).
     */
    @Override
    public List<DataConvention> dataConventions(String taskId) {
        return definition(taskId).conventions();
    }

    /** The rule the task's definition declares (see {@link MujocoTaskCatalog}); empty for Goal, which declares none. */
    @Override
    public Optional<TerminationRule> termination(String taskId) {
        return Optional.ofNullable(definition(taskId).termination());
    }

    private MujocoTaskDefinition definition(String taskId) {
        return definitions.stream().filter(d -> d.id().equals(taskId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mujoco task '" + taskId + "'; known: "
                        + definitions.stream().map(MujocoTaskDefinition::id).toList()));
    }
}
