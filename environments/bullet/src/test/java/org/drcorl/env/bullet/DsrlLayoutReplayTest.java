package org.drcorl.env.bullet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.drcorl.data.DatasetMetadata;
import org.drcorl.data.DsrlHdf5Reader;
import org.drcorl.data.DsrlHdf5Writer;
import org.drcorl.data.OfflineDataset;
import org.drcorl.spi.StepResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An episode written in DSRL's layout (the seven columns, no attributes, DSRL's file name) and read
 * back replays in the simulator: from the same reset, the file's actions give the file's next
 * observations, rewards and costs, and each row's observation is the previous row's next one. What
 * a DSRL file records is what the task does with it, column by column.
 */
class DsrlLayoutReplayTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"OfflineBallCircle-v0", "OfflineBallRun-v0", "OfflineCarCircle-v0", "OfflineCarRun-v0",
        "OfflineDroneCircle-v0", "OfflineDroneRun-v0"})
    void anEpisodeWrittenInDsrlsLayoutReplaysStepForStep(String task) {
        int steps = 60;
        SplittableRandom random = new SplittableRandom(11);
        try (BulletSafeEnv env = new BulletSafeEnv(BulletTaskCatalog.find(task).orElseThrow())) {
            var spec = env.spec();
            OfflineDataset.Builder b = OfflineDataset.builder(spec.observationDim(), spec.actionDim());
            float[] obs = env.reset(5);
            for (int t = 0; t < steps; t++) {
                float[] a = new float[spec.actionDim()];
                for (int i = 0; i < a.length; i++) a[i] = (float) random.nextDouble(-1, 1);
                StepResult r = env.step(a);
                b.add(obs, a, r.reward(), r.cost(), r.observation(), r.terminated(), t == steps - 1 && !r.terminated());
                obs = r.observation();
                if (r.done()) break;
            }
            b.endEpisode(null);
            Path file = tmp.resolve("Safety" + task.substring("Offline".length()) + "-100-1000.hdf5");
            DsrlHdf5Writer.write(b.build().withMetadata(DatasetMetadata.NONE), file);
            OfflineDataset data = DsrlHdf5Reader.read(file);

            float[] replayed = env.reset(5);
            for (int t = 0; t < data.size(); t++) {
                assertArrayEquals(data.observation(t), replayed, task + ": observation of row " + t);
                if (t > 0) assertArrayEquals(data.nextObservation(t - 1), data.observation(t), task + ": row " + t + " follows row " + (t - 1));
                StepResult r = env.step(data.action(t));
                assertArrayEquals(data.nextObservation(t), r.observation(), task + ": next observation of row " + t);
                assertEquals(data.reward(t), (float) r.reward(), task + ": reward of row " + t);
                assertEquals(data.cost(t), (float) r.cost(), task + ": cost of row " + t);
                assertEquals(data.terminal(t), r.terminated(), task + ": terminal of row " + t);
                replayed = r.observation();
            }
        }
    }
}
