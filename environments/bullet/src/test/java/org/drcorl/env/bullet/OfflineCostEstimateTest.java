package org.drcorl.env.bullet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.drcorl.data.DatasetCollector;
import org.drcorl.data.OfflineDataset;
import org.drcorl.eval.EpisodeStats;
import org.drcorl.eval.Evaluator;
import org.drcorl.eval.PlainMlpPolicy;
import org.drcorl.spi.Regularizer;
import org.drcorl.spi.RegularizerBatch;
import org.drcorl.train.OfflinePipeline;
import org.drcorl.train.Preset;
import org.drcorl.train.TrainingProgress;
import org.drcorl.train.critic.EvaluationConfig;
import org.drcorl.train.extract.DeterministicPolicy;
import org.drcorl.train.extract.OfflineCostEstimator;
import org.junit.jupiter.api.Test;

/**
 * The offline cost estimate tells policies apart the way the simulator does (OFFLINE-COST.md,
 * acceptance test T1): on a collected CarCircle dataset, policies of very different cost (clones
 * of the careful, frontier and reckless behaviours, of the safe episodes at two budgets and of
 * everything) are estimated from the data alone and measured on 50 simulator episodes each.
 * The estimate must rank them (Spearman ≥ 0.8), spread over at least half the measured range,
 * and its upper bound must call no policy safe that the simulator finds over 1.1 × κ. Both offline
 * estimators are held to this: the fitted Q evaluation that gives phase 2 its Ĉ, and the rollouts
 * in the learned model of the task that judge the snapshots in the offline selection.
 *
 * <p>It prints one line per policy. To probe other estimator settings without editing code:
 * {@code -Ddrcorl.test.set=evaluation.upper-k=1,evaluation.gamma=0.99} (preset settings as
 * {@code --set} takes them), {@code -Ddrcorl.test.only=careful,all} (a subset of the policies),
 * {@code -Ddrcorl.test.fqeSteps=N} (updates per policy, default 3000).
 */
class OfflineCostEstimateTest {
    private static final String TASK = "OfflineCarCircle-v0";
    private static final int EPISODES = 50;

    /** Behaviour cloning: mean squared distance to the data's actions. */
    private static final Regularizer CLONE = new Regularizer() {
        public String name() { return "clone"; }
        public String description() { return "mean squared error to the data's actions"; }
        public NDArray loss(RegularizerBatch b) {
            return b.policyActions().sub(b.dataActions()).square().sum(new int[] {1}).mean();
        }
        public boolean needsBehaviorModel() { return false; }
    };

    private record Row(String name, double measured, OfflineCostEstimator.Estimate estimate, OfflineCostEstimator.Estimate model) {}

    @Test
    void estimateRanksFixedPoliciesLikeTheSimulatorAndItsBoundCallsNoUnsafePolicySafe() {
        BulletTaskProvider provider = new BulletTaskProvider();
        OfflineDataset data = DatasetCollector.collect(provider, TASK, 200, 0, n -> {});
        List<String> labels = data.episodeLabels().orElseThrow();
        Preset preset = Preset.named("quick");
        String set = System.getProperty("drcorl.test.set", "");
        if (!set.isBlank()) {
            java.util.Map<String, String> o = new java.util.TreeMap<>();
            for (String kv : set.split(",")) o.put(kv.split("=")[0], kv.split("=")[1]);
            preset = preset.with(o);
        }
        List<String> only = List.of(System.getProperty("drcorl.test.only", "careful,frontier,reckless,safe κ10,safe κ40,all").split(","));
        int steps = Integer.getInteger("drcorl.test.fqeSteps", 3000);
        EvaluationConfig config = preset.evaluation();
        List<Row> rows = new ArrayList<>();
        try (NDManager root = NDManager.newBaseManager();
             OfflinePipeline pipeline = new OfflinePipeline(data, preset, 0, 300, root)) {
            long tm = System.nanoTime();
            var dynamics = pipeline.dynamicsModel(preset.model(), TrainingProgress.NONE);
            System.out.printf(Locale.ROOT, "dynamics model trained in %.1f s%n", (System.nanoTime() - tm) / 1e9);
            List<String> names = List.of("careful", "frontier", "reckless", "safe κ10", "safe κ40", "all");
            for (String name : names) {
                if (!only.contains(name)) continue;
                OfflineDataset subset = switch (name) {
                    case "safe κ10" -> data.safeEpisodes(10);
                    case "safe κ40" -> data.safeEpisodes(40);
                    case "all" -> data;
                    default -> data.filterEpisodes(e -> labels.get(e).startsWith(name));
                };
                try (DeterministicPolicy policy = pipeline.behaviorCloning(subset, CLONE, 1500, TrainingProgress.NONE)) {
                    PlainMlpPolicy fast = PlainMlpPolicy.of(policy.network(), true);
                    double measured = Evaluator.rollouts(provider, TASK, fast::act, EPISODES, 7_000_000L).stream()
                            .mapToDouble(EpisodeStats::costReturn).average().orElseThrow();
                    long t0 = System.nanoTime();
                    OfflineCostEstimator.Estimate e = pipeline.evaluateOffline(policy, config, steps, 11, TrainingProgress.NONE);
                    System.out.printf(Locale.ROOT, "%-9s measured %6.1f  estimate %6.1f  upper %6.1f  spread %5.1f  reward %6.1f  (%.1f s)%n",
                            name, measured, e.cost(), e.costUpper(), e.costSpread(), e.reward(), (System.nanoTime() - t0) / 1e9);
                    t0 = System.nanoTime();
                    OfflineCostEstimator.Estimate me = pipeline.evaluateByRollout(policy, dynamics);
                    System.out.printf(Locale.ROOT, "%-9s model    estimate %6.1f  upper %6.1f  spread %5.1f  reward %6.1f  (%.1f s)%n",
                            name, me.cost(), me.costUpper(), me.costSpread(), me.reward(), (System.nanoTime() - t0) / 1e9);
                    rows.add(new Row(name, measured, e, me));
                }
            }
        }
        double[] measured = rows.stream().mapToDouble(Row::measured).toArray();
        check("fitted Q evaluation (phase 2's Ĉ)", rows, measured, Row::estimate);
        check("model rollouts (the offline selection's judge)", rows, measured, Row::model);
    }

    /** The acceptance checks of one estimator: ranks, spread, and no unsafe policy called safe at κ 10, 20, 40. */
    private static void check(String estimator, List<Row> rows, double[] measured,
                              java.util.function.Function<Row, OfflineCostEstimator.Estimate> of) {
        double[] estimated = rows.stream().mapToDouble(r -> of.apply(r).cost()).toArray();
        double rho = spearman(measured, estimated);
        double measuredRange = range(measured), estimatedRange = range(estimated);
        System.out.printf(Locale.ROOT, "%s: Spearman %.2f, estimate range %.1f of measured %.1f%n", estimator, rho, estimatedRange,
                measuredRange);
        assertTrue(rho >= 0.8, estimator + ": Spearman(estimate, measured) = " + rho + " < 0.8");
        assertTrue(estimatedRange >= 0.5 * measuredRange, estimator + ": estimates span " + estimatedRange + ", measured " + measuredRange);
        for (double kappa : new double[] {10, 20, 40}) {
            for (Row r : rows) {
                boolean calledSafe = of.apply(r).normalizedUpper(kappa) <= 1.0;
                assertTrue(!calledSafe || r.measured() <= 1.1 * kappa, String.format(Locale.ROOT,
                        "%s, κ %.0f: %s measured %.1f but its upper bound %.1f calls it safe", estimator, kappa, r.name(), r.measured(),
                        of.apply(r).costUpper()));
            }
        }
    }

    private static double range(double[] x) {
        return java.util.Arrays.stream(x).max().orElseThrow() - java.util.Arrays.stream(x).min().orElseThrow();
    }

    /** Spearman's ρ: Pearson's correlation of the ranks (ties get their mean rank). */
    static double spearman(double[] a, double[] b) {
        return pearson(ranks(a), ranks(b));
    }

    private static double[] ranks(double[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int below = 0, equal = 0;
            for (double y : x) {
                if (y < x[i]) below++;
                else if (y == x[i]) equal++;
            }
            r[i] = below + (equal + 1) / 2.0;
        }
        return r;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = java.util.Arrays.stream(a).average().orElseThrow(), mb = java.util.Arrays.stream(b).average().orElseThrow();
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
