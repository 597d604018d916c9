package org.drcorl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file larger than the JVM may hold is refused before it is read, with the heap flag that
 * helps; checked in a child JVM with a small heap.
 */
class DsrlHdf5MemoryTest {

    @TempDir
    Path dir;

    /** Reads the file named by the first argument; prints the reader's message or "read N". */
    public static final class Probe {
        public static void main(String[] args) {
            try {
                System.out.println("read " + DsrlHdf5Reader.read(Path.of(args[0])).size());
            } catch (DatasetException e) {
                System.out.println(e.getMessage());
            }
        }
    }

    @Test
    void aFileBeyondTheHeapIsRefusedWithTheFlagThatHelps() throws Exception {
        int n = 100_000, obs = 72;
        Path file = dir.resolve("big.hdf5");
        try (WritableHdfFile f = HdfFile.write(file)) {
            float[][] o = new float[n][obs];
            f.putDataset("observations", o);
            f.putDataset("next_observations", o);
            f.putDataset("actions", new float[n][8]);
            for (String k : List.of("rewards", "costs", "terminals", "timeouts")) f.putDataset(k, new float[n]);
        }
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), Probe.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.startsWith(file + ": 100000 transitions need about 0.1 GB of memory to load"), out);
        assertTrue(out.contains("DRCORL_JAVA_OPTS=-Xmx1g"), out);
    }
}
