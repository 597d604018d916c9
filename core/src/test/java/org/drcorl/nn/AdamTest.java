package org.drcorl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdamTest {

    /** Least squares on a small MLP; returns the loss. */
    private static float backward(Mlp net, NDArray x, NDArray y) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = net.forward(x).sub(y).square().mean();
            gc.backward(loss);
            return loss.getFloat();
        }
    }

    @Test
    void firstStepMatchesHandComputedAdam() {
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            NDArray w = p.add("w", new float[] {1f, -2f}, new Shape(2));
            try (Adam adam = new Adam(p, 0.1, 0.0); NDManager step = m.newSubManager()) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(w.mul(m.create(new float[] {3f, -0.5f})).sum());
                }
                adam.step(adam.takeGradients(step));
                // first Adam step moves every weight by −lr·sign(g)
                assertArrayEquals(new float[] {0.9f, -1.9f}, w.toFloatArray(), 1e-5f);
            }
        }
    }

    @Test
    void previewApplyCommitEqualsStepAndLossFalls() {
        try (NDManager m = NDManager.newBaseManager(); Parameters a = new Parameters(m); Parameters b = new Parameters(m)) {
            Mlp netA = Mlp.create(a, "f", new int[] {2, 16, 1}, false, new SplittableRandom(5));
            Mlp netB = Mlp.create(b, "f", new int[] {2, 16, 1}, false, new SplittableRandom(5));
            NDArray x = m.randomUniform(-1, 1, new Shape(64, 2));
            NDArray y = x.get(":, 0:1").mul(x.get(":, 1:2")).mul(3);
            try (Adam adamA = new Adam(a, 1e-2, 0.01); Adam adamB = new Adam(b, 1e-2, 0.01)) {
                float first = 0, last = 0;
                int before = a.manager().getManagedArrays().size();
                for (int i = 0; i < 200; i++) {
                    try (NDManager step = m.newSubManager()) {
                        float la = backward(netA, x, y);
                        adamA.step(adamA.takeGradients(step));
                        backward(netB, x, y);
                        List<NDArray> g = adamB.takeGradients(step);
                        adamB.apply(adamB.preview(g, step));
                        adamB.commit(g);
                        if (i == 0) first = la;
                        last = la;
                    }
                }
                assertArrayEquals(a.flatten(), b.flatten(), 1e-6f);
                assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
                assertEquals(before, a.manager().getManagedArrays().size(), "no arrays left behind in the network's manager");
                assertEquals(200, adamA.steps());
            }
        }
    }
}
