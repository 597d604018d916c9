package org.drcorl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.drcorl.contract.ContractSuitesTestAccess;
import org.drcorl.data.DatasetCollector;
import org.drcorl.data.OfflineDataset;
import org.drcorl.eval.EpisodeStats;
import org.drcorl.eval.Evaluator;
import org.drcorl.eval.PlainMlpPolicy;
import org.drcorl.pluginhost.PluginRuntime;
import org.drcorl.spi.ConstraintHandler;
import org.drcorl.spi.ConstraintStep;
import org.drcorl.spi.PolicyUpdate;
import org.drcorl.spi.TaskProvider;
import org.drcorl.testing.TestPluginBuilder;
import org.drcorl.train.extract.DeterministicPolicy;
import org.drcorl.train.extract.SimulatorAudit;
import org.drcorl.train.extract.PolicyExtractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three stages end to end on a tiny task with the smoke preset. */
class OfflinePipelineTest {

    @TempDir
    Path tmp;

    /** Reward steps under the budget, cost steps over it. */
    /** The median of the dataset's episode cost returns: a budget that half its episodes keep. */
    private static double medianEpisodeCost(OfflineDataset data) {
        double[] costs = data.episodeCostReturns().clone();
        java.util.Arrays.sort(costs);
        return costs[costs.length / 2];
    }

    private static final ConstraintHandler SWITCH = new ConstraintHandler() {
        public String name() { return "switch"; }
        public String description() { return "reward under budget, cost over"; }
        public PolicyUpdate decide(ConstraintStep s) { return s.costEstimate() > 1 ? s.costUpdate() : s.rewardUpdate(); }
        public Map<String, Double> diagnostics() { return Map.of("zone", 0.0); }
    };

    /** Cost steps only: what moves the policy is the cost guidance (and the regularizer). */
    private static final ConstraintHandler COST_ONLY = new ConstraintHandler() {
        public String name() { return "cost-only"; }
        public String description() { return "always the cost update"; }
        public PolicyUpdate decide(ConstraintStep s) { return s.costUpdate(); }
        public Map<String, Double> diagnostics() { return Map.of(); }
    };

    private static final ConstraintHandler REWARD_ONLY = new ConstraintHandler() {
        public String name() { return "reward-only"; }
        public String description() { return "always the reward update"; }
        public PolicyUpdate decide(ConstraintStep s) { return s.rewardUpdate(); }
        public Map<String, Double> diagnostics() { return Map.of(); }
    };

    /** A runtime with the test plugin's one-dimensional push task, Push-v0. */
    private PluginRuntime pushTask() throws Exception {
        Path dir = tmp.resolve("plugins");
        TestPluginBuilder.plugin("push").source("push.Tasks", TestPluginBuilder.taskProvider("push", "Tasks", "Push-v0"))
                .buildInto(dir, "push.jar");
        return PluginRuntime.load(List.of(dir));
    }

    @Test
    void extractsAndClonesPoliciesThatActInTheTask() throws Exception {
        try (PluginRuntime rt = pushTask(); NDManager root = NDManager.newBaseManager()) {
            TaskProvider provider = rt.requireProvider("Push-v0");
            OfflineDataset data = DatasetCollector.collect(provider, "Push-v0", 40, 1, n -> {});
            Preset smoke = Preset.named("smoke");
            try (OfflinePipeline pipeline = new OfflinePipeline(data, smoke, 3, 10, root)) {
                List<PolicyExtractor.StepLog> logs = new ArrayList<>();
                ConstraintHandler handler = SWITCH;
                try (DeterministicPolicy policy = pipeline.extract(new ContractSuitesTestAccess().squaredError(), handler, 5,
                        TrainingProgress.NONE, logs::add)) {
                    assertEquals(smoke.extractSteps(), logs.size(), "one log per phase-2 step");
                    assertTrue(logs.stream().allMatch(l -> Double.isFinite(l.costEstimate()) && Double.isFinite(l.rewardQ())));
                    List<EpisodeStats> episodes = Evaluator.rollouts(provider, "Push-v0",
                            PlainMlpPolicy.of(policy.network(), true)::act, 3, 100);
                    assertEquals(3, episodes.size());
                    assertTrue(episodes.stream().allMatch(e -> e.length() == 10 && Double.isFinite(e.rewardReturn())));
                }
                try (DeterministicPolicy cloned = pipeline.behaviorCloning(data.safeEpisodes(5), new ContractSuitesTestAccess().squaredError(),
                        50, TrainingProgress.NONE)) {
                    float[] a = PlainMlpPolicy.of(cloned.network(), true).act(new float[] {0f, 0f});
                    assertTrue(a[0] > -1 && a[0] < 1);
                }
            }
        }
    }

    @Test
    void phaseOneOpensWithTheRegressionWarmStartOnTheEpisodesItNames() throws Exception {
        try (PluginRuntime rt = pushTask(); NDManager root = NDManager.newBaseManager()) {
            OfflineDataset data = DatasetCollector.collect(rt.requireProvider("Push-v0"), "Push-v0", 40, 1, n -> {});
            Preset warm = Preset.named("smoke").with(Map.of("pretrain-regression-steps", "60", "extract-steps", "1", "snapshot-interval", "1"));
            try (OfflinePipeline pipeline = new OfflinePipeline(data, warm, 3, 10, root)) {
                List<PolicyExtractor.StepLog> phase1 = new ArrayList<>();
                try (DeterministicPolicy policy = pipeline.extract(new ContractSuitesTestAccess().squaredError(), SWITCH, 5, null,
                        TrainingProgress.NONE, phase1::add, l -> {})) {
                    assertEquals(warm.pretrainRegressionSteps() + warm.pretrainSteps(), phase1.size(), "warm start, then the regularizer");
                    for (int i = 0; i < warm.pretrainRegressionSteps(); i++) assertEquals(i, phase1.get(i).step());
                    double first = phase1.getFirst().regularizerLoss(), last = phase1.get(warm.pretrainRegressionSteps() - 1).regularizerLoss();
                    assertTrue(last < first, "the regression's loss falls: " + first + " -> " + last);
                }
                // the safe variant regresses on the episodes within κ only: another phase-1 policy where they are fewer
                double kappa = medianEpisodeCost(data);
                assertTrue(data.safeEpisodes(kappa).size() < data.size() && data.safeEpisodes(kappa).size() > 0, "a strict subset at κ " + kappa);
                // the extraction returns the kept policy: without the BC-Safe baseline, which it might keep in both
                Preset phaseOneOnly = warm.with(Map.of("pretrain-steps", "0", "selection.safe-baseline", "false"));
                float[][] weights = new float[3][];
                for (int v = 0; v < 3; v++) {
                    try (OfflinePipeline p = new OfflinePipeline(data, phaseOneOnly.with(Map.of("pretrain-regression-safe", v == 1 ? "true" : "false")), 3, 10, root);
                         DeterministicPolicy policy = p.extract(new ContractSuitesTestAccess().squaredError(), SWITCH, kappa, null,
                                 TrainingProgress.NONE, l -> {}, l -> {})) {
                        weights[v] = policy.parameters().flatten();
                    }
                }
                assertArrayEquals(weights[0], weights[2], "the same seed, the same warm start");
                assertTrue(!java.util.Arrays.equals(weights[0], weights[1]), "safe episodes only: another warm start");
            }
        }
    }

    @Test
    void withBehaviorSafeEpisodesEachBudgetHasABehaviourModelOfItsSafeEpisodesKeptAsACheckpoint() throws Exception {
        try (PluginRuntime rt = pushTask(); NDManager root = NDManager.newBaseManager()) {
            OfflineDataset data = DatasetCollector.collect(rt.requireProvider("Push-v0"), "Push-v0", 40, 1, n -> {});
            double kappa = medianEpisodeCost(data);
            Preset safe = Preset.named("smoke").with(Map.of("behavior-safe-episodes", "true"));
            Path checkpoints = tmp.resolve("checkpoints");
            float[] weights;
            try (OfflinePipeline pipeline = new OfflinePipeline(data, safe, 3, 10, root, "Push-v0", checkpoints)) {
                var all = pipeline.behaviorModel(TrainingProgress.NONE, l -> {});
                var within = pipeline.behaviorModel(kappa, TrainingProgress.NONE);
                assertTrue(within != all, "its own model");
                assertTrue(within == pipeline.behaviorModel(kappa, TrainingProgress.NONE), "one per budget, trained once");
                // the same seed and steps: only the episodes it learned from can make it differ
                assertTrue(!java.util.Arrays.equals(all.parameters().flatten(), within.parameters().flatten()));
                weights = within.parameters().flatten();
            }
            try (OfflinePipeline again = new OfflinePipeline(data, safe, 3, 10, root, "Push-v0", checkpoints)) {
                List<String> trained = new ArrayList<>();
                TrainingProgress watch = new TrainingProgress() {
                    public void start(String what, long total) { trained.add(what); }
                    public void advance(long n) {}
                    public void finish() {}
                };
                assertArrayEquals(weights, again.behaviorModel(kappa, watch).parameters().flatten(), "read back from its checkpoint");
                assertEquals(List.of(), trained, "not trained again");
            }
            try (OfflinePipeline plain = new OfflinePipeline(data, Preset.named("smoke"), 3, 10, root)) {
                assertTrue(plain.behaviorModel(kappa, TrainingProgress.NONE) == plain.behaviorModel(TrainingProgress.NONE, l -> {}),
                        "off: every budget regularizes toward stage 1's model");
            }
        }
    }

    @Test
    void theKeptPolicyIsChosenOfflineAndAnAuditLogsEverySnapshotWithoutSteering() throws Exception {
        try (PluginRuntime rt = pushTask(); NDManager root = NDManager.newBaseManager()) {
            TaskProvider provider = rt.requireProvider("Push-v0");
            OfflineDataset data = DatasetCollector.collect(provider, "Push-v0", 40, 1, n -> {});
            Preset smoke = Preset.named("smoke").with(Map.of("extract-steps", "30"));
            SimulatorAudit audit = new SimulatorAudit(provider, "Push-v0", 2, 77);
            ConstraintHandler handler = SWITCH;
            try (OfflinePipeline pipeline = new OfflinePipeline(data, smoke, 3, 10, root)) {
                List<PolicyExtractor.StepLog> audited = new ArrayList<>();
                float[] withAudit;
                try (DeterministicPolicy policy = pipeline.extract(new ContractSuitesTestAccess().squaredError(), handler, 5,
                        audit, TrainingProgress.NONE, l -> {}, audited::add)) {
                    withAudit = policy.parameters().flatten();
                }
                PolicyExtractor.Selection chosen = pipeline.lastSelection().orElseThrow();
                assertTrue(chosen.compared() >= 2, "the final policy and at least one snapshot: " + chosen);
                assertEquals(chosen.normalizedCost() <= 1, chosen.withinBudget());
                for (PolicyExtractor.StepLog l : audited) {
                    boolean snapshot = (l.step() + 1) % smoke.snapshotInterval() == 0;
                    assertEquals(snapshot, Double.isFinite(l.values().get("audit.cost")), "audited at snapshots only, step " + l.step());
                }
                List<PolicyExtractor.StepLog> plain = new ArrayList<>();
                try (DeterministicPolicy policy = pipeline.extract(new ContractSuitesTestAccess().squaredError(), handler, 5,
                        TrainingProgress.NONE, plain::add)) {
                    assertArrayEquals(withAudit, policy.parameters().flatten(), "the audit steers nothing: the same policy without it");
                }
                PolicyExtractor.Selection again = pipeline.lastSelection().orElseThrow();
                assertEquals(chosen.step(), again.step());
                assertEquals(estimates(chosen), estimates(again), "the same estimates of the same snapshots");
                assertTrue(chosen.candidates().stream().allMatch(c -> Double.isFinite(c.auditCost()) == (c.step() != PolicyExtractor.BASELINE_STEP)),
                        "every snapshot audited, BC-Safe not (its own evaluation measures it)");
                assertTrue(again.candidates().stream().allMatch(c -> Double.isNaN(c.auditCost())), "no audit, no measurement");
                assertTrue(plain.stream().noneMatch(l -> l.values().containsKey("audit.cost")));
                for (int i = 0; i < plain.size(); i++) assertEquals(audited.get(i).costEstimate(), plain.get(i).costEstimate(), 0.0);
            }
        }
    }

    @Test
    void theSelectionsBaselineIsBcSafeItsDeviationIsTheDatasMeanSquaredErrorAndItIsComparedFirst() throws Exception {
        try (PluginRuntime rt = pushTask(); NDManager root = NDManager.newBaseManager()) {
            OfflineDataset data = DatasetCollector.collect(rt.requireProvider("Push-v0"), "Push-v0", 40, 1, n -> {});
            double kappa = medianEpisodeCost(data);
            Preset smoke = Preset.named("smoke");
            assertTrue(smoke.selection().safeBaseline(), "every preset compares DRCORL with BC-Safe");
            try (OfflinePipeline pipeline = new OfflinePipeline(data, smoke, 3, 10, root);
                 DeterministicPolicy baseline = pipeline.safeBaseline(kappa, TrainingProgress.NONE);
                 DeterministicPolicy bcSafe = pipeline.behaviorCloning(data.safeEpisodes(kappa), new ContractSuitesTestAccess().squaredError(),
                         smoke.cloningSteps(), TrainingProgress.NONE)) {
                float[] a = baseline.parameters().flatten(), b = bcSafe.parameters().flatten();
                double far = 0;
                for (int i = 0; i < a.length; i++) far = Math.max(far, Math.abs(a[i] - b[i]));
                assertTrue(far < 1e-5, "the baseline is BC-Safe (same start, batches, steps and loss): weights differ by " + far);

                // the deviation is the mean over transitions and action dimensions of (π(s) − a)²
                PlainMlpPolicy plain = PlainMlpPolicy.of(baseline.network(), true);
                double sum = 0;
                for (int i = 0; i < data.size(); i++) {
                    float[] act = plain.act(data.observation(i)), want = data.action(i);
                    for (int j = 0; j < data.actDim(); j++) sum += (act[j] - want[j]) * (act[j] - want[j]);
                }
                double deviation = pipeline.actionDeviation(baseline);
                assertEquals(sum / ((double) data.size() * data.actDim()), deviation, 1e-5 * deviation);
                try (DeterministicPolicy untrained = new DeterministicPolicy(root, data.obsDim(), data.actDim(), smoke.policyHidden(),
                        new java.util.SplittableRandom(99))) {
                    assertTrue(pipeline.actionDeviation(untrained) > deviation, "cloning brings the actions nearer the data's");
                }

                try (DeterministicPolicy p = pipeline.extract(new ContractSuitesTestAccess().squaredError(), SWITCH, kappa,
                        TrainingProgress.NONE, l -> {})) {
                    PolicyExtractor.Selection sel = pipeline.lastSelection().orElseThrow();
                    PolicyExtractor.Candidate first = sel.candidates().getFirst();
                    assertEquals(PolicyExtractor.BASELINE_STEP, first.step(), "the baseline is judged first");
                    assertEquals(1.0, first.deviation(), 1e-9, "deviations are in the baseline's units");
                    assertEquals(smoke.snapshotsCompared() + 1, sel.compared());
                    if (sel.step() == PolicyExtractor.BASELINE_STEP) {
                        assertArrayEquals(a, p.parameters().flatten(), "the kept baseline is BC-Safe's weights");
                    } else {
                        PolicyExtractor.Candidate kept = sel.candidates().stream().filter(c -> c.step() == sel.step()).findFirst().orElseThrow();
                        assertTrue(kept.modelCost() <= 1 && kept.deviation() <= smoke.selection().supportLimit()
                                && kept.modelReward() > first.modelReward(), "a kept snapshot is a safe improvement: " + kept);
                    }
                }
            }
            // no baseline where it is switched off, or where no episode is within the budget
            double[] episodeCosts = data.episodeCostReturns();
            OfflineDataset costly = data.filterEpisodes(e -> episodeCosts[e] > 0);
            double lowest = java.util.Arrays.stream(costly.episodeCostReturns()).min().orElseThrow();
            for (var settings : List.of(Map.of("selection.safe-baseline", "false"), Map.<String, String>of())) {
                OfflineDataset episodes = settings.isEmpty() ? costly : data;
                double budget = settings.isEmpty() ? lowest / 2 : kappa;
                assertTrue(!settings.isEmpty() || costly.safeEpisodes(budget).size() == 0);
                try (OfflinePipeline pipeline = new OfflinePipeline(episodes, smoke.with(settings), 3, 10, root);
                     DeterministicPolicy p = pipeline.extract(new ContractSuitesTestAccess().squaredError(), SWITCH, budget,
                             TrainingProgress.NONE, l -> {})) {
                    PolicyExtractor.Selection sel = pipeline.lastSelection().orElseThrow();
                    assertEquals(smoke.snapshotsCompared(), sel.compared(), "only DRCORL's own policies: " + settings + " κ " + budget);
                    assertTrue(sel.candidates().stream().allMatch(c -> c.step() >= -1 && Double.isNaN(c.deviation())));
                }
            }
        }
    }

    @Test
    void averagedSnapshotsChangeOnlyThePhaseTwoCandidatesTheSelectionJudges() throws Exception {
        try (PluginRuntime rt = pushTask(); NDManager root = NDManager.newBaseManager()) {
            OfflineDataset data = DatasetCollector.collect(rt.requireProvider("Push-v0"), "Push-v0", 40, 1, n -> {});
            double kappa = medianEpisodeCost(data);
            Preset smoke = Preset.named("smoke");
            assertTrue(!smoke.selection().averagedSnapshots(), "off unless asked for");
            List<List<PolicyExtractor.Candidate>> judged = new java.util.ArrayList<>();
            for (String averaged : List.of("false", "true")) {
                try (OfflinePipeline pipeline = new OfflinePipeline(data, smoke.with(Map.of("selection.averaged-snapshots", averaged)), 3, 10, root);
                     DeterministicPolicy p = pipeline.extract(new ContractSuitesTestAccess().squaredError(), SWITCH, kappa,
                             TrainingProgress.NONE, l -> {})) {
                    judged.add(pipeline.lastSelection().orElseThrow().candidates());
                }
            }
            List<PolicyExtractor.Candidate> plain = judged.get(0), averaged = judged.get(1);
            assertEquals(plain.stream().map(PolicyExtractor.Candidate::step).toList(), averaged.stream().map(PolicyExtractor.Candidate::step).toList(),
                    "the same snapshots, named by the same steps");
            for (int i = 0; i < plain.size(); i++) {
                boolean phaseTwo = plain.get(i).step() >= 0;
                double a = plain.get(i).modelReward(), b = averaged.get(i).modelReward();
                if (!phaseTwo) assertEquals(a, b, 0.0, "step " + plain.get(i).step() + " is judged as before");
                else assertTrue(a != b, "phase-2 snapshot " + plain.get(i).step() + " is another policy: " + a + " and " + b);
            }
        }
    }

    @Test
    void theTasksTerminationRuleEndsTheModelsRolloutsUnlessSwitchedOff() throws Exception {
        try (PluginRuntime rt = pushTask(); NDManager root = NDManager.newBaseManager()) {
            OfflineDataset data = DatasetCollector.collect(rt.requireProvider("Push-v0"), "Push-v0", 40, 1, n -> {});
            Preset smoke = Preset.named("smoke");
            // a rule no state satisfies: every simulated episode ends on its first step
            var endsAtOnce = org.drcorl.spi.TerminationRule.over(data.obsDim()).within(0, 1e6, 2e6).build("ends at once");
            // 0: no rule; 1: the rule; 2: the rule, switched off; 3: no rule, a horizon of one step
            double[][] estimates = new double[4][];
            String[] known = {"true", "true", "false", "true"};
            for (int i = 0; i < 4; i++) {
                try (OfflinePipeline pipeline = new OfflinePipeline(data, smoke.with(Map.of("model.known-termination", known[i])), 3,
                        i == 3 ? 1 : 10, root);
                     DeterministicPolicy policy = pipeline.behaviorCloning(data, new ContractSuitesTestAccess().squaredError(), 20,
                             TrainingProgress.NONE)) {
                    if (i == 1 || i == 2) pipeline.useTaskTermination(endsAtOnce);
                    var e = pipeline.evaluateByRollout(policy, pipeline.dynamicsModel(smoke.model(), TrainingProgress.NONE));
                    estimates[i] = new double[] {e.cost(), e.reward()};
                    var refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                            () -> pipeline.useTaskTermination(org.drcorl.spi.TerminationRule.never(data.obsDim() + 1, "too long")));
                    assertTrue(refused.getMessage().contains((data.obsDim() + 1) + " dimensions"), refused.getMessage());
                }
            }
            assertEquals(estimates[3][0], estimates[1][0], 1e-5, "the rule ends every episode after its first step");
            assertEquals(estimates[3][1], estimates[1][1], 1e-5);
            assertTrue(Math.abs(estimates[0][1] - estimates[1][1]) > 1e-3, "ten steps are not one: " + estimates[0][1] + ", " + estimates[1][1]);
            assertEquals(estimates[0][0], estimates[2][0], 0.0, "model.known-termination=false: the head decides, as without a rule");
            assertEquals(estimates[0][1], estimates[2][1], 0.0);
        }
    }

    @Test
    void theModelsUpperKSetsHowPessimisticItsJudgementIsAndDoesNotRetrainIt() throws Exception {
        try (PluginRuntime rt = pushTask(); NDManager root = NDManager.newBaseManager()) {
            OfflineDataset data = DatasetCollector.collect(rt.requireProvider("Push-v0"), "Push-v0", 40, 1, n -> {});
            Preset smoke = Preset.named("smoke");
            try (OfflinePipeline pipeline = new OfflinePipeline(data, smoke, 3, 10, root);
                 DeterministicPolicy policy = pipeline.behaviorCloning(data, new ContractSuitesTestAccess().squaredError(), 20,
                         TrainingProgress.NONE)) {
                var model = pipeline.dynamicsModel(smoke.model(), TrainingProgress.NONE);
                var strict = pipeline.evaluateByRollout(policy, model);
                var lenient = pipeline.evaluateByRollout(policy, model, 0.5);
                assertTrue(model == pipeline.dynamicsModel(smoke.with(Map.of("model.upper-k", "0.5")).model(), TrainingProgress.NONE),
                        "another k is the same trained model");
                var retrain = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> pipeline.dynamicsModel(
                        smoke.with(Map.of("model.steps", "21")).model(), TrainingProgress.NONE));
                assertTrue(retrain.getMessage().contains("steps=20"), retrain.getMessage());
                assertEquals(strict.cost(), lenient.cost(), 0.0, "the same model, the same rollouts");
                assertEquals(strict.reward(), lenient.reward(), 0.0);
                assertEquals(strict.cost() + smoke.model().upperK() * strict.costSpread(), strict.costUpper(), 1e-9);
                assertEquals(lenient.cost() + 0.5 * lenient.costSpread(), lenient.costUpper(), 1e-9);
                double strictMargin = strict.reward() - strict.rewardLower(), lenientMargin = lenient.reward() - lenient.rewardLower();
                assertTrue(lenientMargin > 0, "two members disagree somewhat on the reward: " + lenient);
                assertEquals(smoke.model().upperK() / 0.5, strictMargin / lenientMargin, 1e-6, "the reward bound is mean − k·σ");
                // the members behind the bounds, each one's episode cost and reward (what a selection log replays)
                double[] costs = strict.costMembers(), rewards = strict.rewardMembers();
                assertEquals(smoke.model().members(), costs.length);
                assertEquals(smoke.model().members(), rewards.length);
                assertEquals(strict.cost(), java.util.Arrays.stream(costs).average().orElseThrow(), 1e-9);
                assertEquals(strict.reward(), java.util.Arrays.stream(rewards).average().orElseThrow(), 1e-9 * (1 + Math.abs(strict.reward())));
                assertEquals(0, pipeline.evaluateOffline(policy, smoke.evaluation(), 1, 5, TrainingProgress.NONE).costMembers().length,
                        "the critics' estimate has no per-member episode values");
            }
        }
    }

    /**
     * Extracts a policy from {@code data} with {@code preset} and {@code handler} (κ 5), logging one value
     * and the regularizer's loss of every phase-2 step; its weights must come out finite.
     */
    private static void extractLogging(OfflineDataset data, Preset preset, ConstraintHandler handler, NDManager root,
                                       java.util.function.ToDoubleFunction<PolicyExtractor.StepLog> value, List<Double> values,
                                       List<Double> losses) throws Exception {
        try (OfflinePipeline pipeline = new OfflinePipeline(data, preset, 3, 10, root);
             DeterministicPolicy p = pipeline.extract(new ContractSuitesTestAccess().squaredError(), handler, 5, TrainingProgress.NONE,
                     l -> { values.add(value.applyAsDouble(l)); losses.add(l.regularizerLoss()); })) {
            for (float w : p.parameters().flatten()) assertTrue(Float.isFinite(w), "finite weights with " + preset.model());
        }
    }

    @Test
    void aLearnedModelCanSteerPhaseTwoAndGiveItsCostGuidance() throws Exception {
        try (PluginRuntime rt = pushTask(); NDManager root = NDManager.newBaseManager()) {
            OfflineDataset data = DatasetCollector.collect(rt.requireProvider("Push-v0"), "Push-v0", 40, 1, n -> {});
            Preset critics = Preset.named("smoke");
            Preset guided = critics.with(Map.of("model.steer-interval", "10", "model.guidance-horizon", "3", "model.steer-k", "1"));
            List<Double> fqe = new ArrayList<>(), model = new ArrayList<>(), lossCritics = new ArrayList<>(), lossModel = new ArrayList<>();
            extractLogging(data, critics, COST_ONLY, root, PolicyExtractor.StepLog::costEstimate, fqe, lossCritics);
            extractLogging(data, guided, COST_ONLY, root, PolicyExtractor.StepLog::costEstimate, model, lossModel);
            assertEquals(guided.extractSteps(), model.size());
            for (int i = 0; i < model.size(); i++) {
                assertTrue(Double.isFinite(model.get(i)) && model.get(i) >= 0, "Ĉ " + model.get(i) + " at step " + i);
                if (i % 10 != 0) assertEquals(model.get(i - 1), model.get(i), 0.0, "the model's Ĉ is held between re-estimates, step " + i);
            }
            assertTrue(java.util.stream.IntStream.range(1, 10).anyMatch(i -> !fqe.get(i).equals(fqe.get(i - 1))),
                    "the critics' Ĉ moves every step: " + fqe.subList(0, 10));
            assertTrue(!lossCritics.subList(1, lossCritics.size()).equals(lossModel.subList(1, lossModel.size())),
                    "the model's cost guidance moves the policy elsewhere than the critics'");
        }
    }

    @Test
    void aLearnedModelCanGiveTheRewardGuidanceToo() throws Exception {
        try (PluginRuntime rt = pushTask(); NDManager root = NDManager.newBaseManager()) {
            OfflineDataset data = DatasetCollector.collect(rt.requireProvider("Push-v0"), "Push-v0", 40, 1, n -> {});
            Preset costOnly = Preset.named("smoke").with(Map.of("model.guidance-horizon", "3"));
            Preset both = costOnly.with(Map.of("model.reward-guidance", "true", "model.guidance-k", "1"));
            List<Double> criticQ = new ArrayList<>(), modelQ = new ArrayList<>(), lossCritic = new ArrayList<>(), lossModel = new ArrayList<>();
            extractLogging(data, costOnly, REWARD_ONLY, root, PolicyExtractor.StepLog::rewardQ, criticQ, lossCritic);
            extractLogging(data, both, REWARD_ONLY, root, PolicyExtractor.StepLog::rewardQ, modelQ, lossModel);
            assertEquals(both.extractSteps(), modelQ.size());
            for (double q : modelQ) assertTrue(Double.isFinite(q), "the model's simulated reward is read: " + q);
            assertNotEquals(criticQ.getFirst(), modelQ.getFirst(), "the reward term's value is the model's, not the critic's");
            assertTrue(!lossCritic.subList(1, lossCritic.size()).equals(lossModel.subList(1, lossModel.size())),
                    "the model's reward guidance moves the policy elsewhere than the critic's");
            assertThrows(IllegalArgumentException.class, () -> Preset.named("smoke").with(Map.of("model.reward-guidance", "true")),
                    "reward guidance without a simulated horizon is refused");
        }
    }

    /** A selection's candidates without what an audit measured: what the estimator said of each snapshot. */
    private static List<List<Double>> estimates(PolicyExtractor.Selection s) {
        return s.candidates().stream().map(c -> List.of((double) c.step(), c.rewardReturn(), c.normalizedCostMean(), c.normalizedCost())).toList();
    }

    @Test
    void plainJavaPolicyMatchesTheEngine() {
        try (NDManager m = NDManager.newBaseManager();
             DeterministicPolicy policy = new DeterministicPolicy(m, 8, 2, 256, new java.util.SplittableRandom(1))) {
            PlainMlpPolicy fast = PlainMlpPolicy.of(policy.network(), true);
            java.util.SplittableRandom r = new java.util.SplittableRandom(2);
            for (int k = 0; k < 20; k++) {
                float[] s = new float[8];
                for (int i = 0; i < 8; i++) s[i] = (float) r.nextGaussian();
                float[] engine = policy.act(m.create(s, new ai.djl.ndarray.types.Shape(1, 8))).toFloatArray();
                float[] plain = fast.act(s);
                for (int i = 0; i < 2; i++) assertEquals(engine[i], plain[i], 1e-5f);
            }
        }
    }
}
