package org.drcorl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Python with h5py as a test oracle (never a runtime dependency). Without h5py the
 * cross-checks are skipped, except on CI (env CI set), where they must run.
 */
final class H5py {
    private H5py() {}

    /** Debian's interpreter: a pyenv shim on PATH may lack the Debian h5py package. */
    static final String PYTHON = "/usr/bin/python3";

    private static Boolean available;

    static synchronized void require() {
        if (available == null) {
            available = Files.isExecutable(Path.of(PYTHON)) && runQuietly("import h5py, numpy") == 0;
        }
        if (!available) {
            String why = PYTHON + " cannot import h5py and numpy (install python3-h5py)";
            if (System.getenv("CI") != null) fail(why + "; CI requires the h5py cross-checks");
            assumeTrue(false, why + "; skipping the h5py cross-check");
        }
    }

    private static int runQuietly(String script) {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", script).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Runs {@code script} with {@code args} as sys.argv[1:]; returns stdout lines, failing the test on a non-zero exit. */
    static List<String> run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("python did not finish in 60 s");
        }
        assertEquals(0, p.exitValue(), () -> "python failed:\n" + output);
        return output.lines().toList();
    }
}
