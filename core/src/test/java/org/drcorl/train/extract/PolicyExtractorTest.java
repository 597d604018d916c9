package org.drcorl.train.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.drcorl.contract.ContractSuitesTestAccess;
import org.drcorl.data.TransitionBatch;
import org.drcorl.spi.ConstraintHandler;
import org.drcorl.spi.ConstraintStep;
import org.drcorl.spi.PolicyUpdate;
import org.drcorl.spi.Regularizer;
import org.drcorl.spi.RegularizerBatch;
import org.drcorl.spi.SeededTrainingRandom;
import org.drcorl.train.PluginFailure;
import org.drcorl.train.critic.CriticConfig;
import org.drcorl.train.critic.EvaluationConfig;
import org.drcorl.train.critic.IqlCritic;
import org.drcorl.train.critic.QAggregation;
import org.junit.jupiter.api.Test;

class PolicyExtractorTest {
    private static final int S = 3, A = 2, B = 64;

    /** A handler given as a function, for tests. */
    private static ConstraintHandler handler(Function<ConstraintStep, PolicyUpdate> decide) {
        return new ConstraintHandler() {
            public String name() { return "test"; }
            public String description() { return "test handler"; }
            public PolicyUpdate decide(ConstraintStep step) { return decide.apply(step); }
            public Map<String, Double> diagnostics() { return Map.of("calls", 1.0); }
        };
    }

    private record Fixture(NDManager m, DeterministicPolicy policy, IqlCritic reward, IqlCritic cost, TransitionBatch batch) {}

    private static Fixture fixture(NDManager m) {
        SeededTrainingRandom r = new SeededTrainingRandom(1);
        NDArray s = r.normal(m, new Shape(B, S));
        NDArray a = s.get(":, 0:2").tanh().mul(0.5); // the "data" actions follow the state
        TransitionBatch batch = new TransitionBatch(s, a, m.ones(new Shape(B, 1)), m.zeros(new Shape(B, 1)),
                r.normal(m, new Shape(B, S)), m.ones(new Shape(B, 1)));
        CriticConfig cc = new CriticConfig(16, 1e-3, 0.9, 0.7, 0.01, QAggregation.MIN);
        return new Fixture(m, new DeterministicPolicy(m, S, A, 32, new SplittableRandom(2)),
                new IqlCritic(m, S, A, cc, new SplittableRandom(3)), new IqlCritic(m, S, A, cc, new SplittableRandom(4)), batch);
    }

    private static ExtractionConfig config(double beta) {
        return new ExtractionConfig(3e-3, beta, 0, 20, 100, 0.9, false, false, 0);
    }

    @Test
    void pretrainingDistillsTheRegularizerAndLeavesNoArraysBehind() {
        try (NDManager m = NDManager.newBaseManager()) {
            Fixture f = fixture(m);
            Regularizer bc = new ContractSuitesTestAccess().squaredError();
            try (PolicyExtractor x = new PolicyExtractor(f.policy(), config(1), bc, handler(ConstraintStep::rewardUpdate),
                    null, f.reward(), f.cost(), new SeededTrainingRandom(5))) {
                double first = 0, last = 0;
                int arrays = f.policy().parameters().manager().getManagedArrays().size();
                for (int i = 0; i < 150; i++) {
                    try (NDManager step = m.newSubManager()) {
                        double loss = x.pretrainStep(f.batch(), step).regularizerLoss();
                        if (i == 0) first = loss;
                        last = loss;
                    }
                }
                assertTrue(last < 0.2 * first, "behaviour cloning loss " + first + " -> " + last);
                assertEquals(arrays, f.policy().parameters().manager().getManagedArrays().size());
            }
        }
    }

    @Test
    void theRegressionWarmStartIsMeanSquaredErrorToTheDataActionsAndAsksNothingOfTheRegularizer() {
        try (NDManager m = NDManager.newBaseManager()) {
            Fixture f = fixture(m);
            Fixture g = fixture(m); // the same initial policy (same seeds)
            Regularizer unusable = new Regularizer() {
                public String name() { return "unusable"; }
                public String description() { return "fails if the warm start calls it"; }
                public NDArray loss(RegularizerBatch b) { throw new AssertionError("the warm start called the regularizer"); }
            };
            try (PolicyExtractor warm = new PolicyExtractor(f.policy(), config(1), unusable, handler(ConstraintStep::rewardUpdate),
                    null, f.reward(), f.cost(), new SeededTrainingRandom(5));
                 PolicyExtractor cloned = new PolicyExtractor(g.policy(), config(1), new ContractSuitesTestAccess().squaredError(),
                         handler(ConstraintStep::rewardUpdate), null, g.reward(), g.cost(), new SeededTrainingRandom(5))) {
                double first = 0, last = 0;
                for (int i = 0; i < 100; i++) {
                    try (NDManager step = m.newSubManager()) {
                        PolicyExtractor.StepLog w = warm.regressionStep(f.batch(), step);
                        PolicyExtractor.StepLog c = cloned.pretrainStep(f.batch(), step);
                        assertEquals(i, w.step());
                        assertEquals(c.regularizerLoss(), w.regularizerLoss(), 1e-6, "the logged loss is the batch's MSE");
                        if (i == 0) first = w.regularizerLoss();
                        last = w.regularizerLoss();
                    }
                }
                assertTrue(last < 0.2 * first, "regression loss " + first + " -> " + last);
                assertArrayEquals(g.policy().parameters().flatten(), f.policy().parameters().flatten(), 1e-5f,
                        "the warm start's steps are the squared-error regularizer's");
            }
        }
    }

    @Test
    void rewardStepsClimbTheRewardCriticAndCostStepsDescendTheCostCritic() {
        try (NDManager m = NDManager.newBaseManager()) {
            Fixture f = fixture(m);
            Regularizer bc = new ContractSuitesTestAccess().squaredError();
            double[] q = new double[2];
            for (int mode = 0; mode < 2; mode++) {
                boolean reward = mode == 0;
                DeterministicPolicy fresh = new DeterministicPolicy(m, S, A, 32, new SplittableRandom(2));
                try (PolicyExtractor x = new PolicyExtractor(fresh, config(50), bc,
                        handler(s -> reward ? s.rewardUpdate() : s.costUpdate()), null, f.reward(), f.cost(), new SeededTrainingRandom(5))) {
                    PolicyExtractor.StepLog firstLog = null, lastLog = null;
                    for (int i = 0; i < 60; i++) {
                        try (NDManager step = m.newSubManager()) {
                            lastLog = x.step(f.batch(), step);
                            if (i == 0) firstLog = lastLog;
                        }
                    }
                    q[mode] = reward ? lastLog.rewardQ() - firstLog.rewardQ() : lastLog.costQ() - firstLog.costQ();
                    assertEquals(Map.of("calls", 1.0), lastLog.handler());
                }
            }
            assertTrue(q[0] > 0, "reward steps raise Q̄_r(s, π(s)) by " + q[0]);
            assertTrue(q[1] < 0, "cost steps lower Q̄_c(s, π(s)) by " + q[1]);
        }
    }

    @Test
    void aFailingPluginIsReportedByNameAndStep() {
        try (NDManager m = NDManager.newBaseManager()) {
            Fixture f = fixture(m);
            Regularizer broken = new Regularizer() {
                public String name() { return "broken"; }
                public String description() { return "throws"; }
                public NDArray loss(RegularizerBatch b) { throw new IllegalStateException("out of ideas"); }
            };
            try (PolicyExtractor x = new PolicyExtractor(f.policy(), config(1), broken, handler(ConstraintStep::rewardUpdate),
                    null, f.reward(), f.cost(), new SeededTrainingRandom(5)); NDManager step = m.newSubManager()) {
                PluginFailure e = assertThrows(PluginFailure.class, () -> x.step(f.batch(), step));
                assertEquals("regularizer 'broken' failed at step 0: out of ideas", e.getMessage());
            }
            Regularizer bc = new ContractSuitesTestAccess().squaredError();
            PolicyUpdate foreign = new org.drcorl.contract.VectorUpdate(new double[] {1});
            try (PolicyExtractor x = new PolicyExtractor(f.policy(), config(1), bc, handler(s -> foreign),
                    null, f.reward(), f.cost(), new SeededTrainingRandom(5)); NDManager step = m.newSubManager()) {
                PluginFailure e = assertThrows(PluginFailure.class, () -> x.step(f.batch(), step));
                assertTrue(e.getMessage().startsWith("constraint handler 'test' returned an update it did not get from the step"), e.getMessage());
            }
        }
    }

    private static OfflineCostEstimator estimator(NDManager m, NDArray starts) {
        return new OfflineCostEstimator(m, S, A, new EvaluationConfig(3, 1, 16, 1e-3, 0.9, 0.1, 0, 1, 1.5, 1.5, 0),
                starts.toFloatArray(), 100, 1.0, 21);
    }

    @Test
    void withAnEstimatorTheHandlerSeesItsUpperBoundAtTheEpisodeStartsAndTheEnsembleFollowsThePolicy() {
        try (NDManager m = NDManager.newBaseManager()) {
            Fixture f = fixture(m);
            NDArray starts = new SeededTrainingRandom(9).normal(m, new Shape(7, S)).add(2);
            ExtractionConfig cfg = config(1);
            Regularizer bc = new ContractSuitesTestAccess().squaredError();
            OfflineCostEstimator e = estimator(m, starts);
            OfflineCostEstimator.Estimate before;
            try (NDManager step = m.newSubManager()) {
                before = e.estimate(f.policy(), step);
            }
            assertTrue(before.costUpper() > before.cost(), "an untrained ensemble disagrees: its bound is above its mean");
            try (PolicyExtractor x = new PolicyExtractor(f.policy(), cfg, bc, handler(ConstraintStep::rewardUpdate), null,
                    f.reward(), f.cost(), new SeededTrainingRandom(5)).withCostEstimator(e, 1000)) {
                PolicyExtractor.StepLog log;
                try (NDManager step = m.newSubManager()) {
                    log = x.step(f.batch(), step);
                }
                assertEquals(before.normalizedUpper(20), log.costEstimate(), 1e-6, "the handler sees the bound, κ = 20");
                assertEquals(before.normalizedMean(20), log.values().get("cost_estimate_mean"), 1e-6);
                // the fixture's cost is 0 everywhere: policy evaluation drives the estimate to 0
                double last = Double.NaN;
                for (int i = 0; i < 200; i++) {
                    try (NDManager step = m.newSubManager()) {
                        x.evaluationStep(copyInto(f.batch(), step));
                    }
                }
                try (NDManager step = m.newSubManager()) {
                    last = x.step(f.batch(), step).costEstimate();
                }
                assertTrue(Math.abs(last) < 0.2 * Math.abs(log.costEstimate()) && Math.abs(last) < 0.05,
                        "Ĉ bound " + log.costEstimate() + " -> " + last + " on zero costs");
            }
        }
    }

    /**
     * Runs phase 1's snapshot and 6 phase-2 steps (a snapshot every 2: after steps 1, 3, 5) and selects with
     * rollouts that give the i-th snapshot judged the cost bound {@code costs[i]} and reward lower bound
     * {@code rewards[i]} (episode units, κ = 20), recording the policy's weights at each judgement.
     */
    private static PolicyExtractor.Selection selectWithRollouts(double[] costs, double[] rewards, java.util.List<float[]> judged,
                                                               float[][] keptWeights) {
        try (NDManager m = NDManager.newBaseManager()) {
            Fixture f = fixture(m);
            NDArray starts = new SeededTrainingRandom(9).normal(m, new Shape(7, S));
            int[] call = {0};
            try (PolicyExtractor x = new PolicyExtractor(f.policy(), config(1), new ContractSuitesTestAccess().squaredError(),
                    handler(ConstraintStep::rewardUpdate), null, f.reward(), f.cost(), new SeededTrainingRandom(5))
                    .withCostEstimator(estimator(m, starts), 2)) {
                x.withRolloutEvaluation(policy -> {
                    judged.add(policy.parameters().flatten());
                    int i = call[0]++;
                    return new OfflineCostEstimator.Estimate(costs[i] / 2, costs[i], costs[i] / 4, rewards[i] + 1, rewards[i]);
                });
                x.snapshotPhaseOne();
                for (int i = 0; i < 6; i++) {
                    try (NDManager step = m.newSubManager()) {
                        x.step(f.batch(), step);
                    }
                }
                PolicyExtractor.Selection sel = x.selectOffline(step -> copyInto(f.batch(), step), m).orElseThrow();
                keptWeights[0] = f.policy().parameters().flatten();
                return sel;
            }
        }
    }

    @Test
    void theModelsRolloutsJudgeTheSnapshots() {
        java.util.List<float[]> judged = new java.util.ArrayList<>();
        float[][] kept = new float[1][];
        // normalized bounds 3, 0.5, 0.8, 2: the best reward lower bound within the budget is the third snapshot's
        PolicyExtractor.Selection s = selectWithRollouts(new double[] {60, 10, 16, 40}, new double[] {50, 10, 30, 100}, judged, kept);
        assertEquals(4, judged.size(), "the phase-1 policy and the snapshots after steps 1, 3 and 5, each judged once");
        assertEquals(java.util.List.of(-1L, 1L, 3L, 5L), s.candidates().stream().map(PolicyExtractor.Candidate::step).toList());
        assertEquals(3, s.step());
        assertTrue(s.withinBudget());
        assertEquals(0.8, s.normalizedCost(), 1e-9, "the model's bound, not the critics'");
        assertEquals(30, s.rewardReturn(), 1e-9);
        assertEquals(0.8, s.candidates().get(2).modelCost(), 1e-9);
        assertEquals(0.4, s.candidates().get(2).modelCostMean(), 1e-9);
        assertTrue(Double.isFinite(s.candidates().get(2).normalizedCost()), "the critics' estimate is still logged");
        assertArrayEquals(judged.get(2), kept[0], "the kept snapshot's weights are the policy's");

        // none within the budget: the lowest bound is kept, and said to be over it
        judged.clear();
        PolicyExtractor.Selection fallback = selectWithRollouts(new double[] {60, 50, 44, 70}, new double[] {50, 10, 30, 100}, judged, kept);
        assertEquals(3, fallback.step());
        assertEquals(2.2, fallback.normalizedCost(), 1e-9);
        assertTrue(!fallback.withinBudget());
        assertArrayEquals(judged.get(2), kept[0]);
    }

    /**
     * As {@link #selectWithRollouts}, with a BC-Safe baseline: the rollouts judge the baseline first (index 0), then
     * the phase-1 policy and the snapshots after steps 1, 3 and 5; {@code deviations[i]} is the i-th judged policy's
     * action deviation (the baseline's is 2). Support limit 5.
     */
    private static PolicyExtractor.Selection selectWithBaseline(double[] costs, double[] rewards, double[] deviations,
                                                               float[][] weights) {
        try (NDManager m = NDManager.newBaseManager()) {
            Fixture f = fixture(m);
            NDArray starts = new SeededTrainingRandom(9).normal(m, new Shape(7, S));
            int[] judged = {0}, measured = {0};
            try (DeterministicPolicy baseline = new DeterministicPolicy(m, S, A, 32, new SplittableRandom(7));
                 PolicyExtractor x = new PolicyExtractor(f.policy(), config(1), new ContractSuitesTestAccess().squaredError(),
                         handler(ConstraintStep::rewardUpdate), null, f.reward(), f.cost(), new SeededTrainingRandom(5))
                         .withCostEstimator(estimator(m, starts), 2)) {
                x.withRolloutEvaluation(policy -> {
                    int i = judged[0]++;
                    return new OfflineCostEstimator.Estimate(costs[i] / 2, costs[i], costs[i] / 4, rewards[i] + 1, rewards[i]);
                });
                x.withSafeBaseline(baseline, policy -> deviations[measured[0]++], 5);
                x.snapshotPhaseOne();
                for (int i = 0; i < 6; i++) {
                    try (NDManager step = m.newSubManager()) {
                        x.step(f.batch(), step);
                    }
                }
                PolicyExtractor.Selection sel = x.selectOffline(step -> copyInto(f.batch(), step), m).orElseThrow();
                weights[0] = f.policy().parameters().flatten();
                weights[1] = baseline.parameters().flatten();
                assertEquals(5, judged[0], "the baseline, the phase-1 policy and three snapshots, each judged once");
                assertEquals(5, measured[0], "and each one's deviation measured once");
                return sel;
            }
        }
    }

    @Test
    void withABaselineTheSelectionKeepsItUnlessASnapshotIsASafeImprovementWithinTheSupport() {
        float[][] w = new float[2][];
        // κ 20. Baseline: bound 0.5, reward 41 (mean). Phase 1: over the budget. Step 1: within, but earns less than
        // the baseline. Step 3: within and earns more, but 10× the baseline's deviation. Step 5: a safe improvement.
        double[] costs = {10, 60, 10, 16, 10}, deviations = {2, 2, 4, 20, 6};
        PolicyExtractor.Selection s = selectWithBaseline(costs, new double[] {40, 100, 30, 90, 50}, deviations, w);
        assertEquals(java.util.List.of(PolicyExtractor.BASELINE_STEP, -1L, 1L, 3L, 5L),
                s.candidates().stream().map(PolicyExtractor.Candidate::step).toList());
        assertEquals(java.util.List.of(1.0, 1.0, 2.0, 10.0, 3.0),
                s.candidates().stream().map(PolicyExtractor.Candidate::deviation).toList(), "deviations in the baseline's units");
        assertEquals(5, s.step());
        assertEquals(50, s.rewardReturn(), 1e-9);
        assertEquals(5, s.compared());

        // the same, but step 5 is judged to earn no more than the baseline: nothing improves on it, the baseline is kept
        s = selectWithBaseline(costs, new double[] {40, 100, 30, 90, 41}, deviations, w);
        assertEquals(PolicyExtractor.BASELINE_STEP, s.step());
        assertTrue(s.withinBudget());
        assertArrayEquals(w[1], w[0], "the kept policy is the baseline's weights");

        // step 3 within the support limit: the highest reward of the safe improvements
        s = selectWithBaseline(costs, new double[] {40, 100, 30, 90, 50}, new double[] {2, 2, 4, 10, 6}, w);
        assertEquals(3, s.step());

        // a baseline over the budget is kept all the same when nothing is a safe improvement, and said to be over it
        s = selectWithBaseline(new double[] {30, 60, 50, 40, 25}, new double[] {40, 100, 30, 90, 50}, deviations, w);
        assertEquals(PolicyExtractor.BASELINE_STEP, s.step());
        assertEquals(1.5, s.normalizedCost(), 1e-9);
        assertTrue(!s.withinBudget());
    }

    @Test
    void fineTuningTrainsExactlyTheCriticsItNames() {
        for (boolean rewardTuned : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager()) {
                Fixture f = fixture(m);
                float[] reward0 = f.reward().qParameters().flatten(), cost0 = f.cost().qParameters().flatten();
                ExtractionConfig cfg = new ExtractionConfig(3e-3, 1, 0, 20, 100, 0.9, rewardTuned, !rewardTuned, 0);
                try (PolicyExtractor x = new PolicyExtractor(f.policy(), cfg, new ContractSuitesTestAccess().squaredError(),
                        handler(ConstraintStep::rewardUpdate), null, f.reward(), f.cost(), new SeededTrainingRandom(5))) {
                    for (int i = 0; i < 3; i++) {
                        try (NDManager step = m.newSubManager()) {
                            x.step(f.batch(), step);
                        }
                    }
                }
                assertEquals(rewardTuned, !java.util.Arrays.equals(reward0, f.reward().qParameters().flatten()), "reward critic");
                assertEquals(!rewardTuned, !java.util.Arrays.equals(cost0, f.cost().qParameters().flatten()), "cost critic");
            }
        }
    }

    /** The batch, copied into {@code step} as the pipeline's sampler makes it. */
    private static TransitionBatch copyInto(TransitionBatch b, NDManager step) {
        java.util.function.Function<NDArray, NDArray> c = a -> step.create(a.toFloatArray(), a.getShape());
        return new TransitionBatch(c.apply(b.states()), c.apply(b.actions()), c.apply(b.rewards()), c.apply(b.costs()),
                c.apply(b.nextStates()), c.apply(b.notDone()));
    }

    @Test
    void manyPhaseTwoStepsLeaveNoArraysOutsideTheirStep() {
        try (NDManager m = NDManager.newBaseManager()) {
            Fixture f = fixture(m);
            NDArray starts = new SeededTrainingRandom(9).normal(m, new Shape(7, S));
            ExtractionConfig cfg = new ExtractionConfig(3e-3, 1, 0, 20, 100, 0.9, true, true, 0);
            try (PolicyExtractor x = new PolicyExtractor(f.policy(), cfg, new ContractSuitesTestAccess().squaredError(),
                    handler(s -> s.rewardUpdate().plus(s.costUpdate()).times(0.5)), null, f.reward(), f.cost(),
                    new SeededTrainingRandom(5)).withCostEstimator(estimator(m, starts), 7)) {
                int[] before = null;
                for (int i = 0; i < 300; i++) {
                    try (NDManager step = m.newSubManager()) {
                        x.step(copyInto(f.batch(), step), step);
                    }
                    int[] now = {m.getManagedArrays().size(), f.policy().parameters().manager().getManagedArrays().size(),
                            f.reward().qParameters().manager().getManagedArrays().size(),
                            f.cost().qTargetParameters().manager().getManagedArrays().size(),
                            f.cost().valueParameters().manager().getManagedArrays().size()};
                    if (i == 0) before = now;
                    else assertArrayEquals(before, now, "arrays held outside the step after step " + i);
                }
            }
        }
    }

    /**
     * Phase 1's snapshot and 7 phase-2 steps with a snapshot every 3 (after steps 2 and 5, and the final policy after
     * step 6), judged by rollouts that rate the second phase-2 snapshot best; returns the weights after each step in
     * {@code stepWeights}, the judged ones in {@code judged}, and the kept ones last in {@code judged}.
     */
    private static PolicyExtractor.Selection sevenSteps(boolean averaged, java.util.List<float[]> stepWeights, java.util.List<float[]> judged) {
        try (NDManager m = NDManager.newBaseManager()) {
            Fixture f = fixture(m);
            NDArray starts = new SeededTrainingRandom(9).normal(m, new Shape(7, S));
            double[] rewards = {1, 2, 30, 3};
            try (PolicyExtractor x = new PolicyExtractor(f.policy(), config(1), new ContractSuitesTestAccess().squaredError(),
                    handler(ConstraintStep::rewardUpdate), null, f.reward(), f.cost(), new SeededTrainingRandom(5))
                    .withCostEstimator(estimator(m, starts), 3).withAveragedSnapshots(averaged)) {
                x.withRolloutEvaluation(policy -> {
                    int i = judged.size();
                    judged.add(policy.parameters().flatten());
                    return new OfflineCostEstimator.Estimate(5, 10, 2, rewards[i] + 1, rewards[i]);
                });
                x.snapshotPhaseOne();
                for (int i = 0; i < 7; i++) {
                    try (NDManager step = m.newSubManager()) {
                        x.step(copyInto(f.batch(), step), step);
                    }
                    stepWeights.add(f.policy().parameters().flatten());
                }
                PolicyExtractor.Selection sel = x.selectOffline(step -> copyInto(f.batch(), step), m).orElseThrow();
                judged.add(f.policy().parameters().flatten());
                return sel;
            }
        }
    }

    private static float[] mean(java.util.List<float[]> weights, int from, int to) {
        float[] out = new float[weights.getFirst().length];
        for (int j = 0; j < out.length; j++) {
            double sum = 0;
            for (int i = from; i < to; i++) sum += weights.get(i)[j];
            out[j] = (float) (sum / (to - from));
        }
        return out;
    }

    @Test
    void averagedSnapshotsAreTheMeansOfTheirBlocksAndLeaveTrainingAsItWas() {
        java.util.List<float[]> plainSteps = new java.util.ArrayList<>(), plainJudged = new java.util.ArrayList<>();
        java.util.List<float[]> steps = new java.util.ArrayList<>(), judged = new java.util.ArrayList<>();
        PolicyExtractor.Selection plain = sevenSteps(false, plainSteps, plainJudged);
        PolicyExtractor.Selection averaged = sevenSteps(true, steps, judged);
        for (int i = 0; i < 7; i++) {
            assertArrayEquals(plainSteps.get(i), steps.get(i), "phase 2 trains the same policy at step " + i + " either way");
        }
        assertEquals(java.util.List.of(-1L, 2L, 5L, 6L), averaged.candidates().stream().map(PolicyExtractor.Candidate::step).toList());
        assertEquals(5, averaged.step(), "the best judged snapshot, named by the step its block ends at");
        assertEquals(5, plain.step());
        assertArrayEquals(plainJudged.get(0), judged.get(0), "the phase-1 policy is not averaged");
        assertArrayEquals(plainSteps.get(2), plainJudged.get(1), "without averaging a snapshot is the policy after its step");
        assertArrayEquals(plainSteps.get(5), plainJudged.get(2));
        float[][] expected = {mean(steps, 0, 3), mean(steps, 3, 6), steps.get(6)};
        for (int b = 0; b < 3; b++) {
            float[] got = judged.get(b + 1);
            for (int j = 0; j < got.length; j++) {
                assertEquals(expected[b][j], got[j], 1e-6, "block " + b + ", weight " + j + ": the mean of the block's steps");
            }
        }
        assertTrue(!java.util.Arrays.equals(judged.get(2), plainJudged.get(2)), "the steps moved the policy, so the mean is another policy");
        assertArrayEquals(judged.get(2), judged.getLast(), "the kept policy holds the averaged weights that were judged best");
        assertArrayEquals(plainJudged.get(2), plainJudged.getLast());
    }
}
