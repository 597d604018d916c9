package org.drcorl.train;

import java.nio.file.Path;
import java.util.List;
import org.drcorl.data.DatasetCollector;
import org.drcorl.data.OfflineDataset;
import org.drcorl.pluginhost.PluginRuntime;
import org.drcorl.testing.TestPluginBuilder;

/** A small dataset of the test plugin's Push-v0 task. */
final class OfflinePipelineTestData {
    private OfflinePipelineTestData() {}

    static OfflineDataset pushDataset(Path tmp) throws Exception {
        Path dir = tmp.resolve("push-plugin");
        TestPluginBuilder.plugin("push").source("push.Tasks", TestPluginBuilder.taskProvider("push", "Tasks", "Push-v0"))
                .buildInto(dir, "push.jar");
        try (PluginRuntime rt = PluginRuntime.load(List.of(dir))) {
            return DatasetCollector.collect(rt.requireProvider("Push-v0"), "Push-v0", 40, 1, n -> {});
        }
    }
}
