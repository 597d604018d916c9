package org.drcorl.regularizer.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Map;
import org.drcorl.contract.PointMassBehaviorModel;
import org.drcorl.contract.TestRegularizerBatch;
import org.drcorl.spi.BehaviorModel;
import org.drcorl.spi.PluginOptions;
import org.drcorl.spi.SeededTrainingRandom;
import org.drcorl.spi.TrainingRandom;
import org.drcorl.spi.VpSdeSchedule;
import org.junit.jupiter.api.Test;

class DiffusionScoreRegularizerTest {
    private static final int STATE_DIM = 4;
    private static final int ACTION_DIM = 2;
    private static final int BATCH = 32;

    private static DiffusionScoreRegularizer withOptions(Map<String, String> values) {
        DiffusionScoreRegularizer r = new DiffusionScoreRegularizer();
        PluginOptions o = new PluginOptions("regularizer 'diffusion'", values);
        r.configure(o);
        o.requireAllRead();
        return r;
    }

    /** ∇_a loss for the batch's policy actions, with randomness from {@code seed}. */
    private static float[] gradient(DiffusionScoreRegularizer r, TestRegularizerBatch base, BehaviorModel model, long seed) {
        NDManager m = base.manager();
        NDArray leaf = base.policyActions().duplicate();
        leaf.setRequiresGradient(true);
        TestRegularizerBatch batch = new TestRegularizerBatch(base.states(), base.dataActions(), leaf, model,
                new SeededTrainingRandom(seed), m, 0);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(r.loss(batch));
            return leaf.getGradient().toFloatArray();
        }
    }

    /**
     * A model whose output still carries gradient history to its input (as a careless model
     * would), and which remembers what it was asked and answered.
     */
    private static final class RecordingModel implements BehaviorModel {
        NDArray times;
        NDArray answer;

        public VpSdeSchedule schedule() { return VpSdeSchedule.DRCORL; }
        public int stateDim() { return STATE_DIM; }
        public int actionDim() { return ACTION_DIM; }
        public NDArray predictNoise(NDArray noisyActions, NDArray t, NDArray states) {
            times = t;
            answer = noisyActions.mul(3f).add(states.get(":, :" + ACTION_DIM));
            return answer;
        }
        public NDArray sample(NDArray states, int steps, TrainingRandom random) {
            throw new AssertionError("the score regularizer never samples");
        }
    }

    @Test
    void theGradientIsTheWeightedPredictedNoiseWithNothingThroughTheModel() {
        try (NDManager m = NDManager.newBaseManager()) {
            TestRegularizerBatch base = TestRegularizerBatch.create(m, new PointMassBehaviorModel(STATE_DIM, ACTION_DIM, 1), BATCH, 7, false);
            RecordingModel model = new RecordingModel();
            float[] g = gradient(withOptions(Map.of("weight", "2.5")), base, model, 3);
            // 2.5 · σ_t² · ε̂ / B: an extra term 3·α_t·σ_t²/B would mean a gradient through ε̂.
            float[] expected = model.answer.mul(VpSdeSchedule.DRCORL.sigma(model.times).square()).mul(2.5f / BATCH).toFloatArray();
            assertArrayEquals(expected, g, 1e-6f);
            float[] t = model.times.toFloatArray();
            for (float time : t) assertTrue(time >= 0.02f && time < 0.98f, "t = " + time + " outside [t-min, t-max)");
        }
    }

    @Test
    void varianceReductionLowersTheGradientsVarianceButNotItsMean() {
        PointMassBehaviorModel model = new PointMassBehaviorModel(STATE_DIM, ACTION_DIM, 5);
        int seeds = 200;
        try (NDManager m = NDManager.newBaseManager()) {
            TestRegularizerBatch base = TestRegularizerBatch.create(m, model, BATCH, 11, true);
            float[][] plain = new float[seeds][], reduced = new float[seeds][];
            for (int s = 0; s < seeds; s++) {
                plain[s] = gradient(withOptions(Map.of()), base, model, 100 + s);
                reduced[s] = gradient(withOptions(Map.of("variance-reduced", "true")), base, model, 100 + s);
            }
            double[] plainMean = mean(plain), reducedMean = mean(reduced);
            double plainVariance = variance(plain, plainMean), reducedVariance = variance(reduced, reducedMean);
            assertTrue(reducedVariance < 0.25 * plainVariance,
                    "variance-reduced gradient variance " + reducedVariance + " vs plain " + plainVariance);
            assertTrue(cosine(plainMean, reducedMean) > 0.95, "mean gradients point different ways: cosine "
                    + cosine(plainMean, reducedMean));
            // Both mean gradients point from the data toward the policy: descending them pulls a to μ(s).
            float[] a = base.policyActions().toFloatArray(), mu = base.dataActions().toFloatArray();
            double[] away = new double[a.length];
            for (int i = 0; i < a.length; i++) away[i] = a[i] - mu[i];
            assertTrue(cosine(reducedMean, away) > 0.5, "cosine to a − μ: " + cosine(reducedMean, away));
        }
    }

    @Test
    void rejectsBadOptionsNamingThem() {
        for (var bad : List.of(Map.of("t-min", "0"), Map.of("t-min", "0.5", "t-max", "0.4"), Map.of("t-max", "1.5"),
                Map.of("weight", "0"), Map.of("variance-reduced", "maybe"))) {
            String key = bad.size() == 1 ? bad.keySet().iterator().next() : "t-max";
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withOptions(bad), bad.toString());
            assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        }
    }

    @Test
    void needsTheBehaviourModel() {
        assertEquals(true, withOptions(Map.of()).needsBehaviorModel());
    }

    private static double[] mean(float[][] samples) {
        double[] mean = new double[samples[0].length];
        for (float[] s : samples) for (int i = 0; i < mean.length; i++) mean[i] += s[i] / (double) samples.length;
        return mean;
    }

    private static double variance(float[][] samples, double[] mean) {
        double total = 0;
        for (float[] s : samples) for (int i = 0; i < mean.length; i++) total += (s[i] - mean[i]) * (s[i] - mean[i]);
        return total / samples.length;
    }

    private static double cosine(double[] x, double[] y) {
        double xy = 0, xx = 0, yy = 0;
        for (int i = 0; i < x.length; i++) {
            xy += x[i] * y[i];
            xx += x[i] * x[i];
            yy += y[i] * y[i];
        }
        return xy / Math.sqrt(xx * yy);
    }
}
