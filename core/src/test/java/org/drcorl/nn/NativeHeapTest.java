package org.drcorl.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NativeHeapTest {

    private static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    /** The process's minor page faults so far (field 10 of /proc/self/stat). */
    private static long minorFaults() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[7]); // fields after the command: state is [0], minflt is field 10 overall
    }

    @Test
    void glibcIsTunedBeforeTheFirstNetwork() {
        assumeTrue(linux(), "glibc's allocator is tuned on Linux only");
        assumeTrue(System.getenv("MALLOC_MMAP_THRESHOLD_") == null && System.getenv("MALLOC_TRIM_THRESHOLD_") == null
                && System.getenv("MALLOC_TOP_PAD_") == null, "the user's MALLOC_ settings are left alone");
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            assertEquals("tuned", NativeHeap.ensureTuned());
        }
    }

    /**
     * The pattern of an optimizer step over a large model: several multi-MiB temporaries made and
     * freed together. Untuned, every repetition faults each of their pages in again (about 1,600
     * per temporary of 6.5 MB; measured: 10 ns per element instead of 0.1); tuned, the memory is
     * reused and the faults stop after the first repetitions.
     */
    @Test
    void largeTemporariesDoNotFaultTheirPagesInAgain() throws IOException {
        assumeTrue(linux() && Files.exists(Path.of("/proc/self/stat")), "needs /proc/self/stat");
        assumeTrue("tuned".equals(NativeHeap.ensureTuned()), "not tuned here: " + NativeHeap.ensureTuned());
        int n = 1_639_170; // the behaviour model's parameter count
        int repetitions = 40, temporaries = 6;
        long pagesPerRepetition = (long) temporaries * n * Float.BYTES / 4096;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0f, 1f, new Shape(n));
            Runnable repetition = () -> {
                List<NDArray> made = new ArrayList<>();
                NDArray y = x;
                for (int i = 0; i < temporaries; i++) {
                    y = y.mul(0.5f).addi(x); // one new array per temporary
                    made.add(y);
                }
                made.forEach(NDArray::close);
            };
            for (int i = 0; i < 5; i++) repetition.run(); // the heap grows to the working set once
            long before = minorFaults();
            for (int i = 0; i < repetitions; i++) repetition.run();
            long faults = minorFaults() - before;
            // untuned: ≈ repetitions × pagesPerRepetition (the JVM's own faults are a few hundred)
            assertTrue(faults < 2 * pagesPerRepetition,
                    faults + " page faults in " + repetitions + " repetitions (" + pagesPerRepetition + " pages each)");
        }
    }
}
