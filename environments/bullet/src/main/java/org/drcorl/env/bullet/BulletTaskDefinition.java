package org.drcorl.env.bullet;

import java.util.function.Supplier;
import org.drcorl.env.bullet.agent.Agent;
import org.drcorl.env.bullet.task.BulletTask;
import org.drcorl.spi.DsrlTaskConstants;
import org.drcorl.spi.DsrlTasks;
import org.drcorl.spi.NormalizationConstants;
import org.drcorl.spi.TaskSpec;

/**
 * One task of the family: which agent does which task at what step duration. Its episode
 * length T, budgets κ and normalization constants are DSRL's ({@link DsrlTasks}).
 *
 * @param id             DSRL's task id, e.g. {@code OfflineCarCircle-v0}
 * @param description    one line for {@code drcorl tasks}
 * @param agents         makes a fresh agent
 * @param tasks          makes a fresh task (tasks keep per-step state)
 * @param stepSeconds    duration of one environment step
 */
public record BulletTaskDefinition(
        String id,
        String description,
        Supplier<Agent> agents,
        Supplier<BulletTask> tasks,
        double stepSeconds) {

    public BulletTaskDefinition {
        DsrlTasks.require(id); // a Bullet task here is one of DSRL's
    }

    /** DSRL's facts about this task. */
    public DsrlTaskConstants dsrl() {
        return DsrlTasks.require(id);
    }

    /** T, DSRL's episode length. */
    public int maxEpisodeSteps() {
        return dsrl().maxEpisodeSteps();
    }

    /** DSRL's R_min, R_max, C_max (a collected dataset's own constants override them). */
    public NormalizationConstants normalization() {
        return dsrl().normalization();
    }

    /** The task's spec; dimensions come from the agent and task themselves. */
    public TaskSpec spec() {
        Agent agent = agents.get();
        int obs = agent.observationDim() + tasks.get().observationDim();
        int act = agent.actionDim();
        return new TaskSpec(id, BulletTaskProvider.FAMILY, description, obs, act,
                TaskSpec.symmetricBounds(act, -1f), TaskSpec.symmetricBounds(act, 1f),
                maxEpisodeSteps(), dsrl().costThresholds(), normalization());
    }
}
