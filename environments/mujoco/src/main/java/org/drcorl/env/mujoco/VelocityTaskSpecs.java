package org.drcorl.env.mujoco;

import org.drcorl.spi.DsrlTasks;
import org.drcorl.spi.TaskSpec;

/**
 * Specs of this family's DSRL tasks: T, cost thresholds and normalization constants are
 * DSRL's own (from the core's table); actions are in [−1, 1].
 */
public final class VelocityTaskSpecs {
    /** The family name shown by {@code drcorl tasks}. */
    public static final String FAMILY = "mujoco";

    private VelocityTaskSpecs() {}

    /** The spec of DSRL task {@code id} with this description. */
    public static TaskSpec dsrl(String id, String description) {
        var c = DsrlTasks.find(id).orElseThrow(() -> new IllegalArgumentException("not a DSRL task: " + id));
        return new TaskSpec(id, FAMILY, description, c.obsDim(), c.actDim(),
                TaskSpec.symmetricBounds(c.actDim(), -1f), TaskSpec.symmetricBounds(c.actDim(), 1f),
                c.maxEpisodeSteps(), c.costThresholds(), c.normalization());
    }
}
