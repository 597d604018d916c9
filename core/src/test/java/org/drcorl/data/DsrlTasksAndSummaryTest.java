package org.drcorl.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.drcorl.spi.DsrlTaskConstants;
import org.drcorl.spi.DsrlTasks;
import org.junit.jupiter.api.Test;

class DsrlTasksAndSummaryTest {

    @Test
    void theTwentyThreeTasksWithTheirFamiliesAndThresholds() {
        assertEquals(38, DsrlTasks.all().size(), "8 Bullet, 5 velocity, 16 navigation, 9 MetaDrive");
        assertEquals(21, DsrlTasks.all().stream().filter(t -> t.family().equals(DsrlTasks.SAFETY_GYMNASIUM)).count());
        assertEquals(9, DsrlTasks.all().stream().filter(t -> t.family().equals(DsrlTasks.METADRIVE)).count());
        // spot checks against dsrl/infos.py
        var push2 = DsrlTasks.require("OfflineCarPush2Gymnasium-v0");
        assertEquals(15.1416, push2.normalization().rewardMax(), 1e-4);
        assertEquals(250, push2.normalization().costMax(), 1e-9);
        assertEquals(88, push2.obsDim());
        var hard = DsrlTasks.require("OfflineMetadrive-harddense-v0");
        assertEquals(1000, hard.maxEpisodeSteps());
        assertEquals(84.7668, hard.normalization().costMax(), 1e-4);
        assertEquals(java.util.List.of(10.0, 20.0, 40.0), hard.costThresholds());
        assertEquals(8, DsrlTasks.all().stream().filter(t -> t.family().equals(DsrlTasks.BULLET)).count());
        DsrlTaskConstants car = DsrlTasks.find("OfflineCarCircle-v0").orElseThrow();
        assertEquals(new DsrlTaskConstants("OfflineCarCircle-v0", "bullet", 3.4844, 534.306, 100, 300, 8, 2,
                List.of(10.0, 20.0, 40.0)), car);
        assertEquals(car, DsrlTasks.find("CarCircle-v0").orElseThrow());
        DsrlTaskConstants swimmer = DsrlTasks.find("OfflineSwimmerVelocityGymnasium-v1").orElseThrow();
        assertEquals(List.of(20.0, 40.0, 80.0), swimmer.costThresholds());
        assertEquals("safety-gymnasium", swimmer.family());
        assertEquals(299, DsrlTasks.find("OfflinePointCircle2Gymnasium-v0").orElseThrow().costMax());
        assertTrue(DsrlTasks.find("OfflineNoSuch-v0").isEmpty());
        assertTrue(DsrlTasks.find(null).isEmpty());
        // Normalized scores come from NormalizationConstants with DSRL's numbers.
        assertEquals(1.0, car.normalization().normalizedReward(534.306), 1e-12);
        assertEquals(0.0, car.normalization().normalizedReward(3.4844), 1e-12);
        for (DsrlTaskConstants t : DsrlTasks.all()) assertTrue(t.id().startsWith("Offline") && t.obsDim() > 0);
    }

    @Test
    void summaryCountsSafeEpisodesPerThreshold() {
        OfflineDataset d = Datasets.sample(5, false);   // lengths 3..7, cost returns 1,2,2,3,3, rewards 3,8,15,24,35
        DatasetSummary s = DatasetSummary.of(d, List.of(0.0, 2.0, 3.0));
        assertEquals(25, s.transitions());
        assertEquals(5, s.episodes());
        assertEquals(3, s.minEpisodeLength());
        assertEquals(7, s.maxEpisodeLength());
        assertEquals(new DatasetSummary.Stats(3, 17, 35), s.rewardReturns());
        assertEquals(new DatasetSummary.Stats(1, 2.2, 3), s.costReturns());
        assertEquals(List.of(new DatasetSummary.SafeShare(0, 0, 0), new DatasetSummary.SafeShare(2, 3, 0.6),
                new DatasetSummary.SafeShare(3, 5, 1)), s.safeShares());
    }

    /** DSRL's download names (dsrl/infos.py, DATASET_URLS) and the ids themselves name their task. */
    @Test
    void aDsrlFileNameNamesItsTask() {
        String[][] cases = {
            {"SafetyCarCircle-v0-100-1450.hdf5", "OfflineCarCircle-v0"},
            {"SafetyCarRun-v0-40-651.hdf5", "OfflineCarRun-v0"},
            {"SafetyHopperVelocityGymnasium-v1-250-2240.hdf5", "OfflineHopperVelocityGymnasium-v1"},
            {"SafetyCarGoal2Gymnasium-v0-200-4105.hdf5", "OfflineCarGoal2Gymnasium-v0"},
            {"SafeMetaDrive-easysparse-v0-85-1000.hdf5", "OfflineMetadrive-easysparse-v0"},
            {"OfflineDroneRun-v0.hdf5", "OfflineDroneRun-v0"},
            {"SafetyAntCircle-v0-200-5728.hdf5", "OfflineAntCircle-v0"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], DsrlTasks.fromFileName(c[0]).map(DsrlTaskConstants::id).orElse(null), c[0]);
        }
        for (String other : List.of("carcircle.hdf5", "SafetyCarCircle-v01.hdf5", "SafetyCarCircle2-v0-1.hdf5x", "data.hdf5")) {
            // CarCircle2-v0 is not DSRL's (its Car circles are CarCircle1/2Gymnasium); v01 is no version of v0
            assertTrue(DsrlTasks.fromFileName(other).isEmpty(), other + " names no DSRL task");
        }
    }
}
