package org.drcorl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.drcorl.testing.TestPluginBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectCommandTest {

    @TempDir
    Path tmp;

    @Test
    void collectsWritesAndSummarizesThenRefusesToOverwrite() throws Exception {
        Path plugins = tmp.resolve("plugins");
        TestPluginBuilder.plugin("push").source("push.Tasks", TestPluginBuilder.taskProvider("push", "Tasks", "Push-v0"))
                .buildInto(plugins, "push.jar");
        Path out = tmp.resolve("push.hdf5");
        CliRunner r = CliRunner.run("collect", "--plugins", plugins.toString(), "--task", "Push-v0", "--episodes", "20",
                "--seed", "3", "--out", out.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.exists(out));
        assertTrue(r.out().contains("episodes        20"), r.out());
        assertTrue(r.out().contains("behaviours      push 20"), r.out());
        assertTrue(r.out().contains("κ 5: "), "the task's threshold: " + r.out());

        CliRunner again = CliRunner.run("collect", "--plugins", plugins.toString(), "--task", "Push-v0", "--out", out.toString(), "--quiet");
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains(out + " exists; pass --force to overwrite it"), again.err());

        CliRunner unknown = CliRunner.run("collect", "--plugins", plugins.toString(), "--task", "Nope-v0",
                "--out", tmp.resolve("x.hdf5").toString(), "--quiet");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown task 'Nope-v0'; known tasks: Push-v0"), unknown.err());
        assertFalse(Files.exists(tmp.resolve("x.hdf5")));

        CliRunner info = CliRunner.run("dataset", "info", out.toString());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains("Push-v0 (from the file)"), info.out());
    }

    @Test
    void makesTheOutputFoldersAndWritesFilesOthersCanRead() throws Exception {
        Path plugins = tmp.resolve("plugins");
        TestPluginBuilder.plugin("push").source("push.Tasks", TestPluginBuilder.taskProvider("push", "Tasks", "Push-v0"))
                .buildInto(plugins, "push.jar");
        Path out = tmp.resolve("data/sub/push.hdf5"); // as the README's data/carcircle.hdf5 in a fresh clone
        CliRunner r = CliRunner.run("collect", "--plugins", plugins.toString(), "--task", "Push-v0", "--episodes", "5",
                "--out", out.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(Files.isRegularFile(out));
        // the mode a plain new file gets here (the umask's), not the owner-only mode of a temporary file
        Path plain = Files.createFile(tmp.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(out));

        Files.writeString(tmp.resolve("afile"), "x");
        CliRunner onFile = CliRunner.run("collect", "--plugins", plugins.toString(), "--task", "Push-v0", "--episodes", "5",
                "--out", tmp.resolve("afile/push.hdf5").toString(), "--quiet");
        assertEquals(2, onFile.exitCode());
        assertTrue(onFile.err().contains("is a file, not a folder"), onFile.err());

        // more than fits: refused at once in one line, nothing written
        CliRunner huge = CliRunner.run("collect", "--plugins", plugins.toString(), "--task", "Push-v0", "--episodes", "2000000000",
                "--out", tmp.resolve("huge.hdf5").toString(), "--quiet");
        assertEquals(2, huge.exitCode(), huge.err());
        assertTrue(huge.err().contains("2000000000 episodes of Push-v0"), huge.err());
        assertFalse(Files.exists(tmp.resolve("huge.hdf5")));
    }
}
