package org.drcorl.env.mujoco.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Opening the library: the supported version is accepted; anything else is refused with a reason and a fix. */
class MujocoLibraryTest {

    @Test
    void otherVersionsAreRefusedNamingBothVersionsAndTheInstallCommand() {
        assertTrue(MujocoLibrary.versionRefusal(222, "libmujoco.so").isEmpty());
        String reason = MujocoLibrary.versionRefusal(231, "/opt/mujoco/lib/libmujoco.so").orElseThrow();
        assertTrue(reason.contains("/opt/mujoco/lib/libmujoco.so"), reason);
        assertTrue(reason.contains("2.3.1") && reason.contains("2.2.2"), reason);
        assertTrue(reason.contains("apt-get install libmujoco2.2.2"), reason);
        assertTrue(MujocoLibrary.versionRefusal(3002, "x").orElseThrow().contains("3002"));
    }

    @Test
    void aMissingLibraryIsReportedWithTheInstallCommand() {
        try (Arena arena = Arena.ofConfined()) {
            var e = assertThrows(MujocoUnavailableException.class,
                    () -> MujocoLibrary.open("/nonexistent/libmujoco.so.2.2.2", arena));
            assertTrue(e.getMessage().contains("not found") && e.getMessage().contains("/nonexistent/libmujoco.so.2.2.2"), e.getMessage());
            assertTrue(e.getMessage().contains("apt-get install libmujoco2.2.2"), e.getMessage());
        }
    }

    @Test
    void aLibraryThatIsNotMujocoIsRefused() {
        Path libm = Path.of("/lib/x86_64-linux-gnu/libm.so.6");
        assumeTrue(Files.exists(libm), "no libm at " + libm + " to stand in for a foreign library");
        try (Arena arena = Arena.ofConfined()) {
            var e = assertThrows(MujocoUnavailableException.class, () -> MujocoLibrary.open(libm.toString(), arena));
            assertTrue(e.getMessage().contains("mj_version") && e.getMessage().contains("not a MuJoCo"), e.getMessage());
        }
    }

    @Test
    void theInstalledLibraryIsTheSupportedVersion() throws Exception {
        var availability = MujocoLibrary.availability();
        assumeTrue(availability.available(), "MuJoCo not available: " + availability.reason());
        MujocoLibrary library = MujocoLibrary.shared();
        assertEquals(MjLayout.VERSION, library.version());
        assertFalse(library.source().isBlank());
    }

    /**
     * MuJoCo's own error handler would print "Press Enter to exit" and wait on stdin forever in a
     * batch run; drcorl's names the error and exits with a status of its own, shutdown hooks run.
     */
    @Test
    void aFatalMujocoErrorEndsTheProcessWithAMessageNotAHang() throws Exception {
        var availability = MujocoLibrary.availability();
        assumeTrue(availability.available(), "MuJoCo not available: " + availability.reason());
        Path dir = Files.createTempDirectory("mujoco-error");
        Path marker = dir.resolve("hooks-ran");
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(javaBin.toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), MujocoErrorProbe.class.getName(), marker.toString())
                .redirectErrorStream(true).start(); // stdin stays an open pipe: a handler reading it would block
        boolean ended = p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
        if (!ended) p.destroyForcibly();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(ended, "the process hung after the MuJoCo error: " + output);
        assertEquals(MujocoLibrary.FATAL_EXIT_CODE, p.exitValue(), output);
        assertTrue(output.contains("MuJoCo fatal error: probe error 42"), output);
        assertFalse(output.contains("RETURNED"), output);
        assertTrue(Files.exists(marker), "shutdown hooks ran (temporary files get removed)");
    }
}
