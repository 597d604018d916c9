package org.drcorl.env.bullet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.drcorl.data.DatasetCollector;
import org.drcorl.data.DatasetSummary;
import org.drcorl.data.DsrlHdf5Reader;
import org.drcorl.data.DsrlHdf5Writer;
import org.drcorl.data.OfflineDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CarCircle dataset collected, written and read back spans the reward–cost plane at every threshold. */
class CollectedDatasetTest {

    @TempDir
    Path tmp;

    @Test
    void collectedCarCircleDataHasSafeAndUnsafeEpisodesAtEveryThreshold() {
        BulletTaskProvider provider = new BulletTaskProvider();
        OfflineDataset collected = DatasetCollector.collect(provider, "OfflineCarCircle-v0", 30, 11, n -> {});
        Path file = tmp.resolve("carcircle.hdf5");
        DsrlHdf5Writer.write(collected, file);
        OfflineDataset data = DsrlHdf5Reader.read(file);
        assertEquals(collected.contentHash(), data.contentHash());
        assertEquals(30 * 300, data.size());

        DatasetSummary summary = DatasetSummary.of(data, List.of(10.0, 20.0, 40.0));
        for (DatasetSummary.SafeShare share : summary.safeShares()) {
            assertTrue(share.share() >= 0.2 && share.share() <= 0.8,
                    "κ " + share.threshold() + ": " + share.safeEpisodes() + "/30 safe; the data must hold both kinds");
        }
        // the unsafe episodes are the rewarding ones: a naive learner is pulled toward cost
        double[] r = data.episodeRewardReturns(), c = data.episodeCostReturns();
        double safeReward = 0, unsafeReward = 0;
        int safe = 0;
        for (int i = 0; i < r.length; i++) {
            if (c[i] <= 20) { safeReward += r[i]; safe++; } else unsafeReward += r[i];
        }
        assertTrue(unsafeReward / (r.length - safe) > safeReward / safe, "unsafe episodes earn more reward on average");
        var n = data.normalization().orElseThrow();
        assertTrue(n.rewardMax() > n.rewardMin());
    }
}
