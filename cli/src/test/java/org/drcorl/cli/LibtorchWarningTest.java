package org.drcorl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.drcorl.testing.TestPluginBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that restores snapshots (NDArray.set, under libtorch's deprecated guard) prints no
 * "AutoNonVariableTypeMode is deprecated" on its stderr; in a child JVM, since libtorch warns once
 * per process and on the native stderr, which an in-process test cannot see.
 */
class LibtorchWarningTest {
    @TempDir
    Path tmp;

    @Test
    void aRunPrintsNoLibtorchDeprecationWarning() throws Exception {
        Path plugins = tmp.resolve("plugins");
        TestPluginBuilder.plugin("push").source("push.Tasks", TestPluginBuilder.taskProvider("push", "Tasks", "Push-v0"))
                .buildInto(plugins, "push.jar");
        TestPluginBuilder.plugin("algos").source("t.Bc", TestPluginBuilder.regularizer("t", "Bc", "bc", ""))
                .source("t.Switch", TestPluginBuilder.handler("t", "Switch", "switch")).buildInto(plugins, "algos.jar");
        Path data = tmp.resolve("push.hdf5");
        CliRunner collect = CliRunner.run("collect", "--plugins", plugins.toString(), "--task", "Push-v0", "--episodes", "20",
                "--out", data.toString(), "--quiet");
        assertEquals(0, collect.exitCode(), collect.err());

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        for (String key : List.of("ai.djl.offline", "DJL_CACHE_DIR", "ENGINE_CACHE_DIR", "ai.djl.default_engine")) {
            String v = System.getProperty(key);
            if (v != null) command.add("-D" + key + "=" + v);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--plugins",
                plugins.toString(), "--task", "Push-v0", "--dataset", data.toString(), "--algos", "bc+switch", "--thresholds", "5",
                "--preset", "smoke", "--set", "critic-steps=20", "--set", "pretrain-steps=5", "--set", "extract-steps=15",
                "--out", tmp.resolve("run").toString(), "--quiet"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("bc+switch"), "the run's table: " + out);
        assertFalse(out.contains("AutoNonVariableTypeMode"), out);
    }
}
