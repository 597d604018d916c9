package org.drcorl.env.bullet;

import java.util.List;
import java.util.Optional;
import org.drcorl.env.bullet.behavior.BulletBehaviorPolicies;
import org.drcorl.spi.BehaviorPolicyFamily;
import org.drcorl.spi.DataConvention;
import org.drcorl.spi.SafeEnv;
import org.drcorl.spi.TaskProvider;
import org.drcorl.spi.TaskSpec;
import org.pf4j.Extension;

/** The Bullet-Safety-Gym task family of DSRL: Circle and Run for the Ball, Car and Drone. */
@Extension
public final class BulletTaskProvider implements TaskProvider {
    /** The family name. */
    public static final String FAMILY = "bullet";

    private final List<TaskSpec> specs =
            BulletTaskCatalog.ALL.stream().map(BulletTaskDefinition::spec).toList();

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public List<TaskSpec> tasks() {
        return specs;
    }

    @Override
    public SafeEnv create(String taskId) {
        return new BulletSafeEnv(definition(taskId));
    }

    @Override
    public Optional<BehaviorPolicyFamily> behaviorPolicies(String taskId) {
        return Optional.of(BulletBehaviorPolicies.forTask(definition(taskId)));
    }

    /** The Car's and Drone's start-state conventions of DSRL's files ({@link BulletDataConventions}). */
    @Override
    public List<DataConvention> dataConventions(String taskId) {
        return BulletDataConventions.of(definition(taskId));
    }

    private static BulletTaskDefinition definition(String taskId) {
        return BulletTaskCatalog.find(taskId).orElseThrow(() -> new IllegalArgumentException(
                "unknown bullet task '" + taskId + "'; known: "
                        + BulletTaskCatalog.ALL.stream().map(BulletTaskDefinition::id).toList()));
    }
}
