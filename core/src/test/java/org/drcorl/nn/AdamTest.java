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

    /**
     * {@code step()} (gradients taken from the parameters) and {@code step(grads)} must equal
     * preview, apply and commit bit for bit: DRCORL's phase 2 uses the three, every other stage
     * the one-call step, and a run must not depend on which path took an update.
     */
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
                        if (i % 2 == 0) {
                            adamA.step();
                            for (NDArray p : a.trainableArrays()) {
                                try (NDArray g = p.getGradient()) {
                                    for (float v : g.toFloatArray()) assertEquals(0f, v, "step() zeroes the gradients");
                                }
                            }
                        } else {
                            adamA.step(adamA.takeGradients(step));
                        }
                        backward(netB, x, y);
                        List<NDArray> g = adamB.takeGradients(step);
                        adamB.apply(adamB.preview(g, step));
                        adamB.commit(g);
                        if (i == 0) first = la;
                        last = la;
                    }
                }
                assertArrayEquals(a.flatten(), b.flatten(), 0f);
                assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
                assertEquals(before, a.manager().getManagedArrays().size(), "no arrays left behind in the network's manager");
                assertEquals(200, adamA.steps());
            }
        }
    }

    /**
     * The flat update must give every parameter exactly (bit for bit) the value of the textbook
     * per-tensor AdamW update, over several steps, with weight decay, for tensors of several shapes.
     */
    @Test
    void flatUpdateIsBitIdenticalToThePerTensorUpdate() {
        double lr = 1e-2, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.01;
        try (NDManager m = NDManager.newBaseManager(); Parameters p = new Parameters(m)) {
            Mlp net = Mlp.create(p, "f", new int[] {3, 8, 5, 2}, false, new SplittableRandom(7));
            NDArray x = m.randomUniform(-1, 1, new Shape(32, 3));
            NDArray y = m.randomUniform(-1, 1, new Shape(32, 2));
            List<NDArray> ps = p.trainableArrays();
            List<float[]> theta = new java.util.ArrayList<>(), mom = new java.util.ArrayList<>(), vel = new java.util.ArrayList<>();
            for (NDArray a : ps) {
                theta.add(a.toFloatArray());
                mom.add(new float[(int) a.size()]);
                vel.add(new float[(int) a.size()]);
            }
            try (Adam adam = new Adam(p, lr, b1, b2, eps, wd)) {
                for (int step = 1; step <= 5; step++) {
                    try (NDManager s = m.newSubManager()) {
                        backward(net, x, y);
                        List<NDArray> grads = adam.takeGradients(s);
                        // the reference: the same engine operations, one tensor at a time
                        double c1 = 1 - Math.pow(b1, step), c2 = 1 - Math.pow(b2, step);
                        for (int i = 0; i < ps.size(); i++) {
                            NDArray g = grads.get(i);
                            NDArray mi = s.create(mom.get(i), g.getShape()), vi = s.create(vel.get(i), g.getShape());
                            NDArray th = s.create(theta.get(i), g.getShape());
                            NDArray mHat = mi.mul(b1).add(g.mul(1 - b1)).div(c1);
                            NDArray vHat = vi.mul(b2).add(g.square().mul(1 - b2)).div(c2);
                            NDArray delta = mHat.div(vHat.sqrt().add(eps)).mul(-lr).sub(th.mul(lr * wd));
                            theta.set(i, th.add(delta).toFloatArray());
                            mom.set(i, mi.muli(b1).addi(g.mul(1 - b1)).toFloatArray());
                            vel.set(i, vi.muli(b2).addi(g.square().muli(1 - b2)).toFloatArray());
                        }
                        adam.step(grads);
                    }
                    for (int i = 0; i < ps.size(); i++) {
                        assertArrayEquals(theta.get(i), ps.get(i).toFloatArray(), 0f, "tensor " + i + " after step " + step);
                    }
                }
            }
        }
    }
}
