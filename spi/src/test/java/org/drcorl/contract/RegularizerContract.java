package org.drcorl.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.drcorl.spi.NamedExtension;
import org.drcorl.spi.PluginOptions;
import org.drcorl.spi.Regularizer;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Regularizer} must keep. A plugin's test extends this class and
 * implements {@link #newRegularizer()}. The batch's behaviour is a known point mass per state
 * (see {@link PointMassBehaviorModel}), so "pulls toward the data" can be checked exactly.
 */
public abstract class RegularizerContract {

    protected abstract Regularizer newRegularizer();

    protected PluginOptions options() {
        return PluginOptions.empty("regularizer under test");
    }

    /** False only for a regularizer that is deliberately zero (the {@code none} ablation). */
    protected boolean pullsTowardData() {
        return true;
    }

    protected static final int STATE_DIM = 5;
    protected static final int ACTION_DIM = 3;
    protected static final int BATCH = 64;

    protected final Regularizer configured() {
        Regularizer r = newRegularizer();
        PluginOptions o = options();
        r.configure(o);
        o.requireAllRead();
        return r;
    }

    /** The loss and its gradient in the policy actions, for a fresh leaf copy of {@code actions}. */
    private static float[][] lossAndGradient(Regularizer reg, TestRegularizerBatch batch, NDArray actions) {
        NDManager m = batch.manager();
        NDArray leaf = m.create(actions.toFloatArray(), actions.getShape());
        leaf.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = reg.loss(batch.withPolicyActions(leaf));
            assertNotNull(loss, "loss() returned null");
            assertEquals(1, loss.getShape().size(), "loss must be a scalar, got shape " + loss.getShape());
            float value = loss.toFloatArray()[0];
            gc.backward(loss);
            return new float[][] {{value}, leaf.getGradient().toFloatArray()};
        }
    }

    @Test
    public void hasValidNameAndDescription() {
        Regularizer r = newRegularizer();
        assertTrue(r.name() != null && r.name().matches(NamedExtension.NAME_PATTERN),
                "name '" + r.name() + "' must match " + NamedExtension.NAME_PATTERN);
        assertTrue(r.description() != null && !r.description().isBlank(), "description() must say what it does");
    }

    @Test
    public void lossIsAFiniteScalarWithAFiniteGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            PointMassBehaviorModel model = new PointMassBehaviorModel(STATE_DIM, ACTION_DIM, 1);
            TestRegularizerBatch batch = TestRegularizerBatch.create(m, model, BATCH, 2, true);
            float[][] lg = lossAndGradient(configured(), batch, batch.policyActions());
            assertTrue(Float.isFinite(lg[0][0]), "loss is " + lg[0][0]);
            assertEquals(BATCH * ACTION_DIM, lg[1].length, "gradient has the policy actions' shape");
            for (float g : lg[1]) assertTrue(Float.isFinite(g), "gradient has a non-finite entry");
        }
    }

    @Test
    public void isDeterministicGivenTheSeed() {
        float[][] first, second;
        PointMassBehaviorModel model = new PointMassBehaviorModel(STATE_DIM, ACTION_DIM, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            TestRegularizerBatch batch = TestRegularizerBatch.create(m, model, BATCH, 3, true);
            first = lossAndGradient(configured(), batch, batch.policyActions());
        }
        try (NDManager m = NDManager.newBaseManager()) {
            TestRegularizerBatch batch = TestRegularizerBatch.create(m, model, BATCH, 3, true);
            second = lossAndGradient(configured(), batch, batch.policyActions());
        }
        assertEquals(first[0][0], second[0][0], "same seed, different loss: draw randomness from batch.random()");
        assertArrayEquals(first[1], second[1], "same seed, different gradient");
    }

    @Test
    public void needsNoBehaviourModelUnlessItSaysSo() {
        Regularizer r = configured();
        if (r.needsBehaviorModel()) return;
        try (NDManager m = NDManager.newBaseManager()) {
            PointMassBehaviorModel model = new PointMassBehaviorModel(STATE_DIM, ACTION_DIM, 1);
            TestRegularizerBatch batch = TestRegularizerBatch.create(m, model, BATCH, 4, false);
            float[][] lg = lossAndGradient(r, batch, batch.policyActions());
            assertTrue(Float.isFinite(lg[0][0]), "needsBehaviorModel() is false, yet the loss needs one");
        }
    }

    @Test
    public void descendingItPullsActionsTowardTheData() {
        Regularizer r = configured();
        try (NDManager m = NDManager.newBaseManager()) {
            PointMassBehaviorModel model = new PointMassBehaviorModel(STATE_DIM, ACTION_DIM, 1);
            TestRegularizerBatch batch = TestRegularizerBatch.create(m, model, BATCH, 5, true);
            float[] data = batch.dataActions().toFloatArray();
            float[] a = batch.policyActions().toFloatArray();
            double before = meanSquaredDistance(a, data);
            double gradientMass = 0;
            for (int it = 0; it < 60; it++) {
                try (NDManager step = m.newSubManager()) {
                    TestRegularizerBatch b = new TestRegularizerBatch(batch.states(), batch.dataActions(), null,
                            model, batch.random(), step, it);
                    float[] g = lossAndGradient(r, b, step.create(a, batch.policyActions().getShape()))[1];
                    double rms = 0;
                    for (float v : g) rms += v * v;
                    rms = Math.sqrt(rms / g.length);
                    gradientMass += rms;
                    if (rms == 0) continue;
                    for (int i = 0; i < a.length; i++) a[i] = (float) Math.max(-1, Math.min(1, a[i] - 0.05 * g[i] / rms));
                }
            }
            double after = meanSquaredDistance(a, data);
            if (!pullsTowardData()) {
                assertEquals(0.0, gradientMass, 1e-12, "a regularizer that does not pull toward the data should have no gradient");
                return;
            }
            assertTrue(after < 0.5 * before, "descending the regularizer should move actions toward the behaviour's"
                    + " actions: mean squared distance " + before + " -> " + after);
        }
    }

    /**
     * The loss is built inside the host's gradient computation, so a product, quotient, maximum,
     * minimum or power with a plain number must go through {@link org.drcorl.spi.Constants}: DJL's
     * own {@code x.mul(2f)} lends the backward pass a buffer that a garbage collection can free
     * first, and the gradient is then silently wrong (see {@link NumberOperands}).
     */
    @Test
    void multipliesByNumbersOnlyThroughConstants() {
        Class<?> type = newRegularizer().getClass();
        java.util.List<String> calls = NumberOperands.in(type);
        assertTrue(calls.isEmpty(), type.getName() + " uses DJL's number operands, which a garbage collection before the"
                + " backward pass can corrupt; use org.drcorl.spi.Constants (mul, div, maximum, minimum, pow): " + calls);
    }

    private static double meanSquaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
        return s / a.length;
    }
}
