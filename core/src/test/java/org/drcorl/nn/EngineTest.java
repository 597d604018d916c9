package org.drcorl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drcorl.spi.SeededTrainingRandom;
import org.junit.jupiter.api.Test;

/** DJL's PyTorch engine runs here, offline, on CPU, from the native jar on the class path. */
class EngineTest {

    @Test
    void pytorchRunsOfflineFromTheBuildTreeCache() {
        assertEquals("true", System.getProperty("ai.djl.offline"), "tests must run DJL offline");
        Engine engine = Engine.getInstance();
        assertEquals("PyTorch", engine.getEngineName());
        Path cache = Path.of(System.getProperty("ENGINE_CACHE_DIR"));
        assertTrue(Files.isDirectory(cache.resolve("pytorch")), "libtorch unpacked into " + cache);
    }

    @Test
    void matmulAndAutogradWork() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray b = m.create(new float[] {5, 6, 7, 8}, new Shape(2, 2));
            assertArrayEquals(new float[] {19, 22, 43, 50}, a.matMul(b).toFloatArray());

            NDArray x = m.create(new float[] {1, -2, 3});
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(x.square().sum());
            }
            assertArrayEquals(new float[] {2, -4, 6}, x.getGradient().toFloatArray());
        }
    }

    @Test
    void seededRandomIsReproducibleAndHasTheRightMoments() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] a = new SeededTrainingRandom(7).normal(m, new Shape(20000)).toFloatArray();
            float[] b = new SeededTrainingRandom(7).normal(m, new Shape(20000)).toFloatArray();
            assertArrayEquals(a, b);
            double mean = 0, var = 0;
            for (float v : a) mean += v;
            mean /= a.length;
            for (float v : a) var += (v - mean) * (v - mean);
            var /= a.length;
            assertEquals(0, mean, 0.03);
            assertEquals(1, var, 0.05);
            float[] mask = new SeededTrainingRandom(9).bernoulliMask(m, 0.9, new Shape(20000)).toFloatArray();
            double maskMean = 0;
            for (float v : mask) {
                assertTrue(v == 0f || v == (float) (1 / 0.9), "mask entries are 0 or 1/keep");
                maskMean += v / mask.length;
            }
            assertEquals(1.0, maskMean, 0.02, "inverted dropout keeps the expectation");
            float[] u = new SeededTrainingRandom(8).uniform(m, 0.02f, 0.98f, new Shape(1000)).toFloatArray();
            for (float v : u) assertTrue(v >= 0.02f && v < 0.98f);
        }
    }
}
