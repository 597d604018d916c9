package org.drcorl.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.drcorl.contract.NumberOperands;
import org.junit.jupiter.api.Test;

/**
 * {@link Constants} gives DJL's values bit for bit, and a gradient that a garbage collection
 * between the forward and the backward pass cannot touch; the SPI itself and the checker that
 * guards the rule are tested too.
 */
class ConstantsTest {
    private static final int N = 4096;

    private static float[] values(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[N];
        for (int i = 0; i < N; i++) v[i] = (float) (r.nextDouble() * 6 - 3);
        return v;
    }

    @Test
    void givesDjlsValuesBitForBit() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(values(1), new Shape(N));
            for (double c : new double[] {0.99, -0.25 * 19.9, 2 * Math.PI, 1e-3, 3}) {
                assertArrayEquals(x.mul(c).toFloatArray(), Constants.mul(x, c).toFloatArray(), "mul " + c);
                assertArrayEquals(x.mul((float) c).toFloatArray(), Constants.mul(x, c).toFloatArray(), "mul (float) " + c);
                assertArrayEquals(x.div(c).toFloatArray(), Constants.div(x, c).toFloatArray(), "div " + c);
                assertArrayEquals(x.maximum(c).toFloatArray(), Constants.maximum(x, c).toFloatArray(), "maximum " + c);
                assertArrayEquals(x.minimum(c).toFloatArray(), Constants.minimum(x, c).toFloatArray(), "minimum " + c);
                assertArrayEquals(x.abs().pow(c).toFloatArray(), Constants.pow(x.abs(), c).toFloatArray(), "pow " + c);
                assertArrayEquals(x.duplicate().muli(c).toFloatArray(), Constants.muli(x.duplicate(), c).toFloatArray(), "muli " + c);
                assertArrayEquals(x.duplicate().divi(c).toFloatArray(), Constants.divi(x.duplicate(), c).toFloatArray(), "divi " + c);
            }
            NDArray y = x.duplicate();
            assertTrue(Constants.muli(y, 2) == y, "in place: the same array back");
        }
    }

    /** Waits for garbage collections and for the cleaner that frees direct buffers after them. */
    private static void collectGarbage() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(30);
        }
    }

    /** ∂/∂x of Σ op(x, c), with garbage collected between the forward and the backward pass when asked. */
    private static float[] gradient(NDManager m, BiFunction<NDArray, Double, NDArray> op, double c, boolean collect) throws InterruptedException {
        NDArray x = m.create(values(2), new Shape(N));
        x.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = op.apply(x.square(), c).sum(); // through a non-leaf, as in a network
            if (collect) collectGarbage();
            gc.backward(y);
        }
        return x.getGradient().toFloatArray();
    }

    @Test
    void theGradientSurvivesAGarbageCollectionBeforeTheBackwardPass() throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            List<BiFunction<NDArray, Double, NDArray>> ops = List.of(Constants::mul, Constants::div, Constants::maximum,
                    Constants::minimum, Constants::pow);
            String[] names = {"mul", "div", "maximum", "minimum", "pow"};
            for (int k = 0; k < ops.size(); k++) {
                float[] quiet = gradient(m, ops.get(k), 1.5, false);
                for (int rep = 0; rep < 3; rep++) {
                    assertArrayEquals(quiet, gradient(m, ops.get(k), 1.5, true), names[k] + ": the same gradient after a collection");
                }
            }
            // and the values are the right ones: d/dx Σ 1.5·x² = 3x
            float[] x = values(2), g = gradient(m, Constants::mul, 1.5, true);
            for (int i = 0; i < N; i++) assertEquals(3 * x[i], g[i], 1e-5 * (1 + Math.abs(x[i])));
        }
    }

    /**
     * Why {@link Constants} exists, pinned: DJL 0.33's own {@code x.mul(1.5f)} loses the gradient
     * when garbage is collected before the backward pass (measured: 10 of 10 tries wrong, by up to
     * 1e38). When a DJL upgrade makes this fail, the engine keeps the operand itself and
     * {@link Constants} can go.
     */
    @Test
    void djlsOwnNumberOperandLosesTheGradientAfterACollection() throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] quiet = gradient(m, (x, c) -> x.mul(c.floatValue()), 1.5, false);
            int wrong = 0;
            for (int rep = 0; rep < 5; rep++) {
                if (!java.util.Arrays.equals(quiet, gradient(m, (x, c) -> x.mul(c.floatValue()), 1.5, true))) wrong++;
            }
            assertTrue(wrong > 0, "DJL's x.mul(Number) kept its gradient through 5 collections: the engine may own the operand now");
        }
    }

    @Test
    void theSpiCallsNoNumberOperandThatTheBackwardPassKeeps() {
        assertEquals(List.of(), NumberOperands.under(Path.of("target", "classes")));
    }

    /** Calls the checker must find. */
    static final class Offender {
        static NDArray scaled(NDArray x) {
            return x.mul(2f).maximum(0);
        }

        static NDArray shifted(NDArray x) {
            return x.add(2f).sub(1); // safe: their backward keeps no operand
        }
    }

    @Test
    void theCheckerFindsSuchCalls() {
        assertEquals(List.of("org.drcorl.spi.ConstantsTest$Offender.scaled calls NDArray.mul(Number)",
                "org.drcorl.spi.ConstantsTest$Offender.scaled calls NDArray.maximum(Number)"), NumberOperands.in(Offender.class));
    }
}
