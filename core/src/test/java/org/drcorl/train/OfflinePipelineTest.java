package org.drcorl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.drcorl.train.extract.OnlineCostEstimate;
import org.drcorl.train.extract.PolicyExtractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three stages end to end on a tiny task with the smoke preset. */
class OfflinePipelineTest {

    @TempDir
    Path tmp;

    /** Reward steps under the budget, cost steps over it. */
    private static final ConstraintHandler SWITCH = new ConstraintHandler() {
        public String name() { return "switch"; }
        public String description() { return "reward under budget, cost over"; }
        public PolicyUpdate decide(ConstraintStep s) { return s.costEstimate() > 1 ? s.costUpdate() : s.rewardUpdate(); }
        public Map<String, Double> diagnostics() { return Map.of("zone", 0.0); }
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
    void withOnlineEstimatesTheChosenPolicyIsTheOneTheConfirmationEpisodesMeasured() throws Exception {
        try (PluginRuntime rt = pushTask(); NDManager root = NDManager.newBaseManager()) {
            TaskProvider provider = rt.requireProvider("Push-v0");
            OfflineDataset data = DatasetCollector.collect(provider, "Push-v0", 40, 1, n -> {});
            Preset smoke = Preset.named("smoke").with(Map.of("extract-steps", "30"));
            OnlineCostEstimate online = new OnlineCostEstimate(provider, "Push-v0", 2, 5, 3, 77);
            ConstraintHandler handler = SWITCH;
            try (OfflinePipeline pipeline = new OfflinePipeline(data, smoke, 3, 10, root)) {
                try (DeterministicPolicy policy = pipeline.extract(new ContractSuitesTestAccess().squaredError(), handler, 5,
                        online, TrainingProgress.NONE, l -> {})) {
                    PolicyExtractor.Selection chosen = pipeline.lastSelection().orElseThrow();
                    assertTrue(chosen.compared() >= 2, "the final policy and at least one snapshot: " + chosen);
                    OnlineCostEstimate.Measurement again = online.confirm(policy, 5);
                    assertEquals(chosen.normalizedCost(), again.normalizedCost(), 0.0, "the loaded weights are the chosen policy's");
                    assertEquals(chosen.rewardReturn(), again.rewardReturn(), 0.0);
                    assertEquals(chosen.normalizedCost() <= 1, chosen.withinBudget());
                }
                try (DeterministicPolicy offline = pipeline.extract(new ContractSuitesTestAccess().squaredError(), handler, 5,
                        TrainingProgress.NONE, l -> {})) {
                    assertTrue(pipeline.lastSelection().isEmpty(), "offline: the final policy, no selection");
                }
            }
        }
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
