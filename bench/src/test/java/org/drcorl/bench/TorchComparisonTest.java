package org.drcorl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.drcorl.nn.NativeHeap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --vs-torch} without torch: a stand-in for python3 that prints what steps.py prints (one JSON
 * object per step) must give one PyTorch row per step next to drcorl's row of that step, with their ratio;
 * a python that cannot import torch must give a skip message, not a failure.
 */
class TorchComparisonTest {
    @TempDir
    Path dir;

    private Path fakePython(String body) throws IOException {
        Path p = dir.resolve("python");
        Files.writeString(p, "#!/bin/sh\n" + body);
        assertTrue(p.toFile().setExecutable(true));
        return p;
    }

    @Test
    void eachStepGetsARowWithItsRatioToDrcorlsRow() throws Exception {
        Path python = fakePython("""
                echo '{"step": "stage2", "batch": 256, "ms": 20.0, "threads": 1, "torch": "1.13", "blas": "libopenblasp-r0.3.21.so"}'
                echo '{"step": "fqe", "batch": 256, "ms": 10.0, "threads": 1, "torch": "1.13", "blas": "libopenblasp-r0.3.21.so"}'
                """);
        Path script = Files.writeString(dir.resolve("steps.py"), "# stand-in\n");
        Results results = new Results();
        results.add(new Results.Row("stage 2 step", "batch 256, both critics, H 256, 1 thread", 30.0, "ms/step", 1, 1, 0, ""));
        results.add(new Results.Row("FQE ensemble update", "batch 256, 6 members, H 128, 1 thread", 5.0, "ms/step", 1, 1, 0, ""));
        TorchComparison vs = new TorchComparison(script, python.toString(), 1, 8, 2, 1, results);
        vs.run("stage2");
        List<Results.Row> rows = results.rows();
        assertEquals(4, rows.size());
        assertEquals("PyTorch eager: stage 2 step", rows.get(2).benchmark());
        assertEquals(20.0, rows.get(2).value());
        assertTrue(rows.get(2).note().contains("drcorl / PyTorch = 1.50"), rows.get(2).note());
        assertTrue(rows.get(2).setting().contains("libopenblasp"), rows.get(2).setting());
        assertTrue(rows.get(3).note().contains("drcorl / PyTorch = 0.50"), rows.get(3).note());
    }

    @Test
    void pytorchAllocatesWithDrcorlsAllocatorSettings() throws Exception {
        // the stand-in reports the variables it was started with where steps.py names its BLAS
        Path python = fakePython("""
                echo "{\\"step\\": \\"stage2\\", \\"batch\\": 256, \\"ms\\": 20.0, \\"threads\\": 1, \\"torch\\": \\"1.13\\", \\"blas\\": \\"mmap=$MALLOC_MMAP_THRESHOLD_ trim=$MALLOC_TRIM_THRESHOLD_ pad=$MALLOC_TOP_PAD_\\"}"
                """);
        Path script = Files.writeString(dir.resolve("steps.py"), "# stand-in\n");
        Results results = new Results();
        new TorchComparison(script, python.toString(), 1, 8, 2, 1, results).run("stage2");
        String expected = "mmap=" + NativeHeap.environment().get("MALLOC_MMAP_THRESHOLD_") + " trim="
                + NativeHeap.environment().get("MALLOC_TRIM_THRESHOLD_") + " pad=" + NativeHeap.environment().get("MALLOC_TOP_PAD_");
        assertTrue(results.rows().getFirst().setting().endsWith(expected), results.rows().getFirst().setting());
        assertEquals("mmap=33554432 trim=536870912 pad=268435456", expected);
    }

    @Test
    void aFailingScriptFailsTheComparison() throws Exception {
        Path python = fakePython("echo 'steps.py: unknown step' >&2; exit 3\n");
        Path script = Files.writeString(dir.resolve("steps.py"), "# stand-in\n");
        TorchComparison vs = new TorchComparison(script, python.toString(), 1, 8, 2, 1, new Results());
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> vs.run("stage2"));
        assertTrue(e.getMessage().contains("exited with 3"), e.getMessage());
    }

    @Test
    void withoutTorchTheComparisonIsSkippedWithTheInstallCommand() throws Exception {
        Path python = fakePython("echo \"ModuleNotFoundError: No module named 'torch'\"; exit 1\n");
        String why = TorchComparison.unavailable(python.toString()).orElseThrow();
        assertTrue(why.contains("skipped") && why.contains("No module named 'torch'") && why.contains("python3-torch"), why);
        assertTrue(TorchComparison.unavailable(dir.resolve("no-such-python").toString()).orElseThrow().contains("cannot run"));
    }
}
