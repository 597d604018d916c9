package org.drcorl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.drcorl.spi.SeededTrainingRandom;
import org.junit.jupiter.api.Test;

class ScoreNetworkTest {

    @Test
    void hasThePaperArchitectureAndShapes() {
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            ScoreNetwork net = new ScoreNetwork(p, 8, 2, 256, 3, 0.1, new SplittableRandom(1));
            // time MLP 64·128+128 + 128·128+128; input (2+8+128)·256+256; 3 blocks of
            // LN 2·256 + 256·1024+1024 + 1024·256+256; output 256·2+2
            long expected = (64 * 128 + 128) + (128 * 128 + 128) + (138 * 256 + 256)
                    + 3L * (2 * 256 + 256 * 1024 + 1024 + 1024 * 256 + 256) + (256 * 2 + 2);
            assertEquals(expected, p.trainableArrays().stream().mapToLong(NDArray::size).sum());
            assertEquals(expected + 32, p.count(), "the 32 Fourier frequencies are saved but not trained");
            SeededTrainingRandom r = new SeededTrainingRandom(2);
            NDArray eps = net.forward(r.normal(m, new Shape(5, 2)), r.uniform(m, 0f, 1f, new Shape(5, 1)),
                    r.normal(m, new Shape(5, 8)), false, r);
            assertEquals(new Shape(5, 2), eps.getShape());
        }
    }

    @Test
    void dropoutOnlyInTrainingAndFrozenNetworksCollectNoGradient() {
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            ScoreNetwork net = new ScoreNetwork(p, 3, 2, 32, 2, 0.5, new SplittableRandom(1));
            NDArray a = m.create(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, new Shape(2, 2));
            NDArray t = m.create(new float[] {0.3f, 0.7f}, new Shape(2, 1));
            NDArray s = m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            float[] eval1 = net.forward(a, t, s, false, new SeededTrainingRandom(1)).toFloatArray();
            float[] eval2 = net.forward(a, t, s, false, new SeededTrainingRandom(2)).toFloatArray();
            float[] train = net.forward(a, t, s, true, new SeededTrainingRandom(3)).toFloatArray();
            assertArrayEquals(eval1, eval2);
            assertFalse(java.util.Arrays.equals(eval1, train));

            p.setFrozen(true);
            NDArray leaf = a.duplicate();
            leaf.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(net.forward(leaf, t, s, false, null).sum());
            }
            assertTrue(leaf.getGradient().abs().sum().getFloat() > 0, "gradient reaches the input");
            for (NDArray w : p.trainableArrays()) assertFalse(w.hasGradient(), "frozen parameter " + w.getName() + " has a gradient");
        }
    }
}
