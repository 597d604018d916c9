package org.drcorl.cli;

import static org.drcorl.testing.TestPluginBuilder.handler;
import static org.drcorl.testing.TestPluginBuilder.plugin;
import static org.drcorl.testing.TestPluginBuilder.regularizer;
import static org.drcorl.testing.TestPluginBuilder.taskProvider;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsCommandTest {

    @TempDir
    Path tmp;

    @Test
    void listsPluginsByKindAndExplainsRefusalsInOneLine() throws Exception {
        Path dir = tmp.resolve("plugins");
        plugin("demo").source("demo.Reg", regularizer("demo", "Reg", "demo-reg", ""))
                .source("demo.Handler", handler("demo", "Handler", "demo-handler"))
                .source("demo.Tasks", taskProvider("demo", "Tasks", "DemoTask-v0"))
                .buildInto(tmp.resolve("b1"), "demo.jar");
        Files.createDirectories(dir);
        Files.copy(tmp.resolve("b1/demo.jar"), dir.resolve("demo.jar"));
        Files.copy(tmp.resolve("b1/demo.jar"), dir.resolve("demo-again.jar"));
        Files.writeString(dir.resolve("broken.jar"), "not a zip");

        CliRunner r = CliRunner.run("plugins", "--plugins", dir.toString());
        assertEquals(1, r.exitCode(), "refused plugins make the command fail");
        assertTrue(r.out().contains("demo 1.0.0 (tests)"), r.out());
        assertTrue(r.out().matches("(?s).*task\\s+DemoTask-v0.*"), r.out());
        assertTrue(r.out().matches("(?s).*regularizer\\s+demo-reg\\s+test regularizer demo-reg.*"), r.out());
        assertTrue(r.out().matches("(?s).*constraint handler\\s+demo-handler.*"), r.out());
        String[] errLines = r.err().strip().split("\n");
        assertEquals(2, errLines.length, r.err());
        assertTrue(r.err().contains("drcorl: refused plugin " + dir.resolve("broken.jar") + ": not a readable jar"), r.err());
        assertTrue(r.err().contains("drcorl: refused plugin " + dir.resolve("demo.jar") + ": duplicate plugin id 'demo', already loaded from "
                + dir.resolve("demo-again.jar")), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose");
    }

    @Test
    void tasksListsDimsLengthAndThresholds() throws Exception {
        Path dir = tmp.resolve("plugins");
        plugin("demo").source("demo.Tasks", taskProvider("demo", "Tasks", "DemoTask-v0")).buildInto(dir, "demo.jar");
        CliRunner r = CliRunner.run("tasks", "--plugins", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().matches("(?s).*DemoTask-v0\\s+test\\s+2\\s+1\\s+10\\s+5\\s+ok.*"), r.out());

        // DSRL's 38 tasks, each marked simulated or not by the loaded plugins
        CliRunner dsrl = CliRunner.run("tasks", "--dsrl", "--plugins", dir.toString());
        assertEquals(0, dsrl.exitCode(), dsrl.err());
        assertEquals(1 + 38 + 1, dsrl.out().strip().lines().count(), dsrl.out());
        assertTrue(dsrl.out().matches("(?s).*OfflineMetadrive-harddense-v0\\s+metadrive\\s+259\\s+2\\s+1000.*data only.*"), dsrl.out());
        assertTrue(dsrl.out().contains("of 38 simulated here"), dsrl.out());

        // dataset info --task takes a plugin's task too
        Path data = tmp.resolve("demo.hdf5");
        CliRunner collect = CliRunner.run("collect", "--plugins", dir.toString(), "--task", "DemoTask-v0", "--episodes", "4",
                "--out", data.toString(), "--quiet");
        assertEquals(0, collect.exitCode(), collect.err());
        CliRunner info = CliRunner.run("dataset", "info", data.toString(), "--task", "DemoTask-v0", "--plugins", dir.toString());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains("DemoTask-v0 (--task)"), info.out());
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CliRunner r = CliRunner.run("fly");
        assertEquals(2, r.exitCode());
        assertEquals("drcorl: error: unknown command 'fly' (drcorl --help lists the commands and options)", r.err().strip());
    }
}
