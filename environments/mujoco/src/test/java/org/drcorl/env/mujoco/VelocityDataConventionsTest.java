package org.drcorl.env.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.drcorl.data.DataConventionCheck;
import org.drcorl.data.DatasetCollector;
import org.drcorl.data.OfflineDataset;
import org.drcorl.env.mujoco.task.AntVelocity;
import org.drcorl.env.mujoco.task.HalfCheetahVelocity;
import org.drcorl.env.mujoco.task.HopperVelocity;
import org.drcorl.env.mujoco.task.SwimmerVelocity;
import org.drcorl.env.mujoco.task.Walker2dVelocity;
import org.drcorl.spi.DataConvention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The velocity tasks' files show where Gymnasium's resets put the robot: Hopper and Walker2d
 * upright at z = 1.25 m, HalfCheetah's root at z = 0, the ant's torso at 0.75 m, the swimmer's
 * tip at angle 0, each within the reset noise. Data collected here fit; a HalfCheetah file, which
 * has Walker2d's sizes (17 observations, 6 actions), is flagged as Walker2d data and the other way
 * round, where nothing else tells them apart.
 */
class VelocityDataConventionsTest {
    private final MujocoTaskProvider provider = new MujocoTaskProvider();

    @Test
    void theStartValuesAreGymnasiumsResets() {
        // the upstream starts and noise (gymnasium/envs/mujoco: the assets' init_qpos, the v4 files' reset_noise_scale)
        assertBounds(HopperVelocity.START, 1.25, 5e-3);
        assertBounds(Walker2dVelocity.START, 1.25, 5e-3);
        assertBounds(HalfCheetahVelocity.START, 0, 0.1);
        assertBounds(SwimmerVelocity.START, 0, 0.1);
        assertBounds(AntVelocity.START, 0.75, 0.1);
        assertFalse(Walker2dVelocity.START.holds(0.05), "a cheetah's start height is not a walker's");
        assertFalse(HalfCheetahVelocity.START.holds(1.25), "a walker's start height is not a cheetah's");
        for (DataConvention c : List.of(HopperVelocity.START, Walker2dVelocity.START, HalfCheetahVelocity.START,
                SwimmerVelocity.START, AntVelocity.START)) {
            assertEquals(DataConvention.Rows.EPISODE_STARTS, c.rows(), c.statistic());
            assertTrue(c.statistic().contains("obs[0]") && c.why().contains("gymnasium/envs/mujoco"), c.statistic() + ": " + c.why());
        }
    }

    /** Every start within the noise fits, with a little slack; a start off by more than that does not. */
    private static void assertBounds(DataConvention c, double start, double noise) {
        assertTrue(c.holds(start) && c.holds(start - noise) && c.holds(start + noise), c.statistic() + " " + c.expected());
        assertFalse(c.holds(start - noise - 0.02) || c.holds(start + noise + 0.02), c.statistic() + " " + c.expected());
    }

    @ParameterizedTest
    @ValueSource(strings = {"OfflineHalfCheetahVelocityGymnasium-v1", "OfflineHopperVelocityGymnasium-v1",
            "OfflineWalker2dVelocityGymnasium-v1", "OfflineSwimmerVelocityGymnasium-v1", "OfflineAntVelocityGymnasium-v1"})
    void collectedDataFit(String task) {
        TaskTests.assumeMujoco();
        OfflineDataset data = DatasetCollector.collect(provider, task, 3, 1, n -> {});
        assertEquals(1, provider.dataConventions(task).size(), task);
        assertEquals(List.of(), DataConventionCheck.warnings(data, task, provider.dataConventions(task)), task + ": data collected here fit");
    }

    @Test
    void aCheetahFileIsNotAWalkerFile() {
        TaskTests.assumeMujoco();
        String cheetah = HalfCheetahVelocity.ID, walker = Walker2dVelocity.ID;
        OfflineDataset cheetahData = DatasetCollector.collect(provider, cheetah, 2, 1, n -> {});
        OfflineDataset walkerData = DatasetCollector.collect(provider, walker, 2, 1, n -> {});
        assertEquals(cheetahData.obsDim(), walkerData.obsDim(), "the same observation size");
        assertEquals(cheetahData.actDim(), walkerData.actDim(), "the same action size");

        List<String> asWalker = DataConventionCheck.warnings(cheetahData, walker, provider.dataConventions(walker));
        assertEquals(1, asWalker.size(), asWalker.toString());
        assertTrue(asWalker.get(0).contains("obs[0]") && asWalker.get(0).contains("walker2d.xml"), asWalker.get(0));
        List<String> asCheetah = DataConventionCheck.warnings(walkerData, cheetah, provider.dataConventions(cheetah));
        assertEquals(1, asCheetah.size(), asCheetah.toString());
        assertTrue(asCheetah.get(0).contains("obs[0]") && asCheetah.get(0).contains("half_cheetah_v4.py"), asCheetah.get(0));
    }
}
