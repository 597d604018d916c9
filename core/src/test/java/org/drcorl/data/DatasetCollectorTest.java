package org.drcorl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.drcorl.pluginhost.PluginRuntime;
import org.drcorl.spi.TaskProvider;
import org.drcorl.testing.TestPluginBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCollectorTest {

    @TempDir
    Path tmp;

    @Test
    void collectsReproduciblyWithItsOwnConstantsAndRoundTrips() throws Exception {
        Path dir = tmp.resolve("plugins");
        TestPluginBuilder.plugin("push").source("push.Tasks", TestPluginBuilder.taskProvider("push", "Tasks", "Push-v0"))
                .buildInto(dir, "push.jar");
        try (PluginRuntime rt = PluginRuntime.load(List.of(dir))) {
            TaskProvider p = rt.requireProvider("Push-v0");
            int[] steps = {0};
            OfflineDataset a = DatasetCollector.collect(p, "Push-v0", 12, 7, n -> steps[0] += n);
            OfflineDataset b = DatasetCollector.collect(p, "Push-v0", 12, 7, n -> {});
            OfflineDataset c = DatasetCollector.collect(p, "Push-v0", 12, 8, n -> {});
            assertEquals(12, a.episodeCount());
            assertEquals(120, a.size(), "12 episodes truncated at T = 10");
            assertEquals(120, steps[0]);
            assertEquals(a.contentHash(), b.contentHash(), "same seed, same data");
            assertNotEquals(a.contentHash(), c.contentHash());
            double[] r = a.episodeRewardReturns();
            assertEquals(r[0] < r[11], true, "the stratified push grows over the episodes");
            var n = a.normalization().orElseThrow();
            assertEquals(java.util.Arrays.stream(r).min().orElseThrow(), n.rewardMin(), 1e-4);
            assertEquals(java.util.Arrays.stream(r).max().orElseThrow(), n.rewardMax(), 1e-4);
            assertEquals("Push-v0", a.taskId().orElseThrow());
            assertTrue(a.episodeLabels().orElseThrow().getFirst().startsWith("push("));

            Path file = tmp.resolve("push.hdf5");
            DsrlHdf5Writer.write(a, file);
            OfflineDataset back = DsrlHdf5Reader.read(file);
            assertEquals(a.contentHash(), back.contentHash());
            assertEquals(a.normalization(), back.normalization());
            assertEquals("7", back.metadata().attributes().get("collection_seed"));

            assertThrows(IllegalArgumentException.class, () -> DatasetCollector.collect(p, "Push-v0", 0, 1, x -> {}));
        }
    }

    @Test
    void aCollectionThatCannotFitIsRefusedBeforeItStarts() {
        var spec = new org.drcorl.spi.TaskSpec("Big-v0", "test", "test", 72, 8, org.drcorl.spi.TaskSpec.symmetricBounds(8, -1),
                org.drcorl.spi.TaskSpec.symmetricBounds(8, 1), 1000, java.util.List.of(10.0),
                new org.drcorl.spi.NormalizationConstants(0, 1, 10));
        var rows = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DatasetCollector.requireFits(spec, 2_000_000_000L));
        org.junit.jupiter.api.Assertions.assertTrue(rows.getMessage().contains("more than one dataset holds"), rows.getMessage());
        // within the array limit but beyond this JVM's heap: the message names the flag that helps
        long episodes = Runtime.getRuntime().maxMemory() / DatasetCollector.peakBytes(spec, 1) + 1;
        org.junit.jupiter.api.Assumptions.assumeTrue(episodes * 1000 * 72 < Integer.MAX_VALUE - 8, "a heap this large fits any array");
        var memory = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DatasetCollector.requireFits(spec, episodes));
        org.junit.jupiter.api.Assertions.assertTrue(memory.getMessage().contains("DRCORL_JAVA_OPTS=-Xmx"), memory.getMessage());
        DatasetCollector.requireFits(spec, 10); // a normal collection passes
    }
}
