package org.drcorl.env.bullet;

import java.util.List;
import java.util.function.Supplier;
import org.drcorl.env.bullet.agent.Agent;
import org.drcorl.env.bullet.task.BulletTask;
import org.drcorl.spi.NormalizationConstants;
import org.drcorl.spi.TaskSpec;

/**
 * One task of the family: which agent does which task, for how long, at what step duration,
 * and DSRL's normalization constants for it.
 *
 * @param id             DSRL's task id, e.g. {@code OfflineCarCircle-v0}
 * @param description    one line for {@code drcorl tasks}
 * @param agents         makes a fresh agent
 * @param tasks          makes a fresh task (tasks keep per-step state)
 * @param maxEpisodeSteps T
 * @param stepSeconds    duration of one environment step
 * @param normalization  DSRL's R_min, R_max, C_max (a collected dataset's own constants override them)
 */
public record BulletTaskDefinition(
        String id,
        String description,
        Supplier<Agent> agents,
        Supplier<BulletTask> tasks,
        int maxEpisodeSteps,
        double stepSeconds,
        NormalizationConstants normalization) {

    /** Evaluation budgets κ of every Bullet task (DSRL). */
    public static final List<Double> COST_THRESHOLDS = List.of(10.0, 20.0, 40.0);

    /** The task's spec; dimensions come from the agent and task themselves. */
    public TaskSpec spec() {
        Agent agent = agents.get();
        int obs = agent.observationDim() + tasks.get().observationDim();
        int act = agent.actionDim();
        return new TaskSpec(id, BulletTaskProvider.FAMILY, description, obs, act,
                TaskSpec.symmetricBounds(act, -1f), TaskSpec.symmetricBounds(act, 1f),
                maxEpisodeSteps, COST_THRESHOLDS, normalization);
    }
}
