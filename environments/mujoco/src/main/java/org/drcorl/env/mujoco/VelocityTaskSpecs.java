package org.drcorl.env.mujoco;

import org.drcorl.spi.DataConvention;
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

    /**
     * What every file recorded with a velocity task shows whatever its policies drove: at the
     * episodes' first rows, obs[{@code index}] is a coordinate that the reset puts at {@code start}
     * plus uniform noise within ±{@code noise} (Gymnasium's {@code reset_model}: {@code init_qpos}
     * plus {@code uniform(−reset_noise_scale, reset_noise_scale)}), so its mean lies within that
     * (0.01 of slack for rounding). A file whose episodes start elsewhere has another task's layout:
     * HalfCheetah's and Walker2d's have the same sizes (17 observations, 6 actions), so nothing else
     * tells them apart.
     *
     * @param coordinate the coordinate in words, e.g. "the torso's height z"
     * @param source     where the start and the noise come from (Gymnasium's files)
     */
    public static DataConvention startValue(String coordinate, int index, double start, double noise, String source) {
        return new DataConvention(coordinate + " (obs[" + index + "])", DataConvention.Rows.EPISODE_STARTS, o -> o[index],
                start - noise - 0.01, start + noise + 0.01,
                "episodes start with it at " + start + " ± " + noise + ": " + source);
    }
}
