package org.drcorl.cli;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.drcorl.data.OfflineDataset;
import org.drcorl.eval.EpisodeStats;
import org.drcorl.eval.Evaluator;
import org.drcorl.eval.PlainMlpPolicy;
import org.drcorl.eval.PolicyScore;
import org.drcorl.report.Evaluation;
import org.drcorl.report.MetricsLog;
import org.drcorl.spi.NormalizationConstants;
import org.drcorl.spi.Regularizer;
import org.drcorl.train.Algorithm;
import org.drcorl.train.CheckpointMetadata;
import org.drcorl.train.extract.DeterministicPolicy;
import org.drcorl.train.OfflinePipeline;
import org.drcorl.train.extract.OnlineCostEstimate;
import org.drcorl.train.SavedPolicy;

/**
 * The work of {@code drcorl run}: per seed, the behaviour model and critics once, then a policy
 * per (budget, algorithm), each saved with its per-step metrics, then evaluated. A policy saved
 * by an earlier run of the same configuration is reused instead of trained again, so an
 * interrupted run resumes where it stopped.
 */
final class Experiment {
    /** The {@link SavedPolicy} result key of the phase-2 step an online selection kept. */
    static final String SELECTED_STEP = "selected-step";

    private final ExperimentSetup setup;
    private final RunLayout layout;
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean verbose;

    Experiment(ExperimentSetup setup, RunLayout layout, PrintWriter err, boolean quiet, boolean verbose) {
        this.setup = setup;
        this.layout = layout;
        this.err = err;
        this.quiet = quiet;
        this.verbose = verbose;
    }

    List<Evaluation> run(OfflineDataset data, String dataHash, NormalizationConstants constants) {
        List<Evaluation> results = new ArrayList<>();
        ConsoleProgress progress = new ConsoleProgress(quiet);
        var preset = setup.preset();
        for (long seed : setup.seeds()) {
            try (NDManager root = NDManager.newBaseManager(setup.device());
                 OfflinePipeline pipeline = new OfflinePipeline(data, preset, seed, setup.task().maxEpisodeSteps(), root,
                         setup.taskId(), layout.checkpoints(seed))) {
                trainStagesIfNeeded(pipeline, seed, dataHash, progress);
                // Cloning every episode does not depend on κ: trained once per seed, saved under each κ.
                Map<String, float[]> budgetFree = new java.util.HashMap<>();
                for (double kappa : setup.thresholds()) {
                    for (Algorithm a : setup.algorithms()) {
                        Map<String, String> description = setup.policyDescription(a, kappa);
                        var dir = layout.policyDir(a.name(), kappa);
                        String name = RunLayout.policyName(seed);
                        Optional<CheckpointMetadata> saved = SavedPolicy.findMatching(dir, name, setup.taskId(), seed, dataHash, description);
                        DeterministicPolicy policy;
                        OptionalLong selected;
                        if (saved.isPresent()) {
                            SavedPolicy loaded = SavedPolicy.load(dir, name, root);
                            policy = loaded.policy();
                            if (a.cloning() == Algorithm.Cloning.ALL) budgetFree.putIfAbsent(a.name(), policy.parameters().flatten());
                            selected = loaded.result(SELECTED_STEP).map(s -> OptionalLong.of(Long.parseLong(s))).orElse(OptionalLong.empty());
                            if (!quiet) err.printf("  %s κ=%s seed %d: reusing the saved policy%n", a.name(), Format.number(kappa), seed);
                        } else {
                            selected = OptionalLong.empty();
                            float[] same = a.cloning() == Algorithm.Cloning.ALL ? budgetFree.get(a.name()) : null;
                            if (same != null) {
                                policy = new DeterministicPolicy(root, data.obsDim(), data.actDim(), preset.policyHidden(),
                                        new java.util.SplittableRandom(seed));
                                policy.parameters().load(same);
                                if (!quiet) err.printf("  %s κ=%s seed %d: the policy trained for the first budget (cloning every"
                                        + " episode does not depend on κ)%n", a.name(), Format.number(kappa), seed);
                            } else {
                                policy = train(pipeline, a, kappa, seed, progress);
                                if (a.cloning() == Algorithm.Cloning.ALL) budgetFree.put(a.name(), policy.parameters().flatten());
                            }
                            if (a.cloning() == null) {
                                var sel = pipeline.lastSelection();
                                if (sel.isPresent()) {
                                    selected = OptionalLong.of(sel.get().step());
                                    var c = sel.get();
                                    if (!quiet) err.printf("  %s κ=%s seed %d: kept %s of %d compared (on %d confirmation episodes:"
                                                    + " reward return %.1f, Ĉ %.2f%s)%n", a.name(), Format.number(kappa), seed,
                                            c.step() < 0 ? "the final policy" : "the policy of phase-2 step " + c.step(), c.compared(),
                                            preset.onlineCostConfirmEpisodes(), c.rewardReturn(), c.normalizedCost(),
                                            c.withinBudget() ? "" : "; none within the budget, so the safest");
                                }
                            }
                            Map<String, String> outcome = new LinkedHashMap<>();
                            selected.ifPresent(s -> outcome.put(SELECTED_STEP, Long.toString(s)));
                            long steps = (long) preset.pretrainSteps() + preset.extractSteps();
                            SavedPolicy.save(dir, name, policy, setup.taskId(), seed, steps, dataHash, preset.policyHidden(),
                                    description, outcome);
                        }
                        try (policy) {
                            Evaluation e = evaluate(setup, PlainMlpPolicy.of(policy.network(), true), a.name(), kappa, seed,
                                    preset.evalEpisodes(), constants, selected);
                            results.add(e);
                            if (!quiet) err.printf("  %s κ=%s seed %d: reward %.3f, cost %.3f%n", a.name(), Format.number(kappa), seed,
                                    e.score().normalizedReward(), e.score().normalizedCost());
                        }
                    }
                }
            }
        }
        err.flush();
        return results;
    }

    /**
     * Trains the behaviour model and the critics of a seed when a policy still to be trained
     * needs them, logging their losses (a checkpoint reused from an earlier run leaves its log as it was).
     */
    private void trainStagesIfNeeded(OfflinePipeline pipeline, long seed, String dataHash, ConsoleProgress progress) {
        boolean behavior = false, critics = false;
        for (double kappa : setup.thresholds()) {
            for (Algorithm a : setup.algorithms()) {
                if (a.cloning() != null) continue;
                if (SavedPolicy.findMatching(layout.policyDir(a.name(), kappa), RunLayout.policyName(seed), setup.taskId(), seed,
                        dataHash, setup.policyDescription(a, kappa)).isPresent()) continue;
                critics = true;
                behavior |= setup.regularizer(a).needsBehaviorModel();
            }
        }
        if (behavior) {
            MetricsLog log = new MetricsLog();
            long[] step = {0};
            pipeline.behaviorModel(progress, loss -> log.add(step[0]++, Map.of("loss", (double) loss)));
            if (log.size() > 0) log.write(layout.stageLog(seed, "behavior-model"));
        }
        if (critics) {
            MetricsLog log = new MetricsLog();
            long[] step = {0};
            pipeline.trainCritics(progress, l -> {
                Map<String, Double> v = new LinkedHashMap<>();
                v.put("reward_q", (double) l[0].q());
                v.put("reward_v", (double) l[0].v());
                v.put("cost_q", (double) l[1].q());
                v.put("cost_v", (double) l[1].v());
                log.add(step[0]++, v);
            });
            if (log.size() > 0) log.write(layout.stageLog(seed, "critics"));
        }
    }

    private DeterministicPolicy train(OfflinePipeline pipeline, Algorithm a, double kappa, long seed, ConsoleProgress progress) {
        var preset = setup.preset();
        Regularizer reg = setup.regularizer(a);
        if (a.cloning() != null) {
            OfflineDataset subset = a.cloning() == Algorithm.Cloning.SAFE ? pipeline.data().safeEpisodes(kappa) : pipeline.data();
            if (subset.size() == 0) throw new UserError("no episode of the dataset is within κ = " + Format.number(kappa) + " for " + a.name());
            MetricsLog metrics = new MetricsLog();
            DeterministicPolicy policy = pipeline.behaviorCloning(subset, reg, preset.pretrainSteps() + preset.extractSteps(),
                    progress, log -> addRegularizerLoss(metrics, log));
            metrics.write(layout.metrics(a.name(), kappa, seed));
            return policy;
        }
        var online = preset.onlineCostEpisodes() == 0 ? null : new OnlineCostEstimate(setup.provider(), setup.taskId(),
                preset.onlineCostEpisodes(), preset.onlineCostInterval(), preset.onlineCostConfirmEpisodes(),
                2_000_000_000L + 1_000_000L * seed);
        MetricsLog phase1 = new MetricsLog();
        MetricsLog metrics = new MetricsLog();
        DeterministicPolicy policy = pipeline.extract(reg, setup.handler(a), kappa, online, progress,
                log -> addRegularizerLoss(phase1, log), log -> {
            metrics.add(log);
            if (verbose && log.step() % 250 == 0) {
                err.printf("%n  step %d: Ĉ %.3f, β %.3f, Q̄_r %.2f, Q̄_c %.2f, reg %.4f, %s%n", log.step(), log.costEstimate(),
                        log.beta(), log.rewardQ(), log.costQ(), log.regularizerLoss(), log.handler());
            }
        });
        // the log goes first: a saved policy always has its log next to it
        if (phase1.size() > 0) phase1.write(layout.phase1Metrics(a.name(), kappa, seed));
        metrics.write(layout.metrics(a.name(), kappa, seed));
        return policy;
    }

    /** A data-only step (cloning, phase 1): the regularizer's loss is all there is to log. */
    private static void addRegularizerLoss(MetricsLog metrics, org.drcorl.train.extract.PolicyExtractor.StepLog log) {
        metrics.add(log.step(), Map.of("regularizer_loss", log.regularizerLoss()));
    }

    /** DSRL's evaluation of one policy: {@code episodes} rollouts from seeds fixed by the run's seed. */
    static Evaluation evaluate(ExperimentSetup setup, PlainMlpPolicy policy, String algorithm, double kappa, long seed,
                               int episodes, NormalizationConstants constants, OptionalLong selected) {
        List<EpisodeStats> runs = Evaluator.rollouts(setup.provider(), setup.taskId(), policy::act, episodes, 1_000_000L * (seed + 1));
        return new Evaluation(PolicyScore.of(algorithm, kappa, seed, runs, constants), runs, selected);
    }
}
