package org.drcorl.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Loading parameters prints nothing: NDArray.set went through libtorch's deprecated
 * AutoNonVariableTypeMode guard, whose warning reached every user's terminal once per run.
 * Checked in a child JVM, since libtorch warns only once per process.
 */
class ParametersLoadQuietTest {

    /** Loads values into a trainable tensor; prints them so the parent sees it ran. */
    public static final class Probe {
        public static void main(String[] args) {
            try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
                p.add("w", new float[] {1, 2, 3, 4}, new Shape(2, 2));
                p.load(new float[] {5, 6, 7, 8});
                System.out.println("loaded " + java.util.Arrays.toString(p.flatten()) + " trainable "
                        + p.get("w").hasGradient());
            }
        }
    }

    @Test
    void loadingParametersPrintsNoLibtorchWarning() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        for (String key : List.of("ai.djl.offline", "DJL_CACHE_DIR", "ENGINE_CACHE_DIR", "ai.djl.default_engine")) {
            String v = System.getProperty(key);
            if (v != null) command.add("-D" + key + "=" + v);
        }
        command.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", System.getProperty("java.class.path"),
                Probe.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertFalse(out.contains("AutoNonVariableTypeMode"), out);
        assertEquals(true, out.contains("loaded [5.0, 6.0, 7.0, 8.0] trainable true"), out);
    }
}
