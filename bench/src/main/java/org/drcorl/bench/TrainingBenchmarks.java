package org.drcorl.bench;

import ai.djl.ndarray.NDManager;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.drcorl.data.TransitionBatch;
import org.drcorl.data.TransitionSampler;
import org.drcorl.handler.slack.SlackRelaxationHandler;
import org.drcorl.regularizer.diffusion.DiffusionScoreRegularizer;
import org.drcorl.spi.SeededTrainingRandom;
import org.drcorl.train.behaviormodel.BehaviorModelConfig;
import org.drcorl.train.behaviormodel.DiffusionBehaviorModel;
import org.drcorl.train.critic.CriticConfig;
import org.drcorl.train.critic.EvaluationConfig;
import org.drcorl.train.critic.FqeEnsemble;
import org.drcorl.train.critic.IqlCritic;
import org.drcorl.train.extract.DeterministicPolicy;
import org.drcorl.train.extract.ExtractionConfig;
import org.drcorl.train.extract.PolicyExtractor;

/**
 * One training step of each stage, exactly as {@code OfflinePipeline} runs it (a sub-manager per
 * step, a minibatch sampled from the dataset onto the device, the stage's own update), at the
 * paper's network sizes. Every stage is bracketed by GEMM-ceiling samples taken in the same
 * process just before and just after it, and its throughput is reported as a fraction of their
 * median, so that a machine shared with other work still gives a meaningful ratio.
 */
final class TrainingBenchmarks {
    private final NDManager root;
    private final TransitionSampler sampler;
    private final GemmCeiling ceiling;
    private final Results results;
    private final int reps;
    private final boolean profile;
    private final int obs, act;

    TrainingBenchmarks(NDManager root, TransitionSampler sampler, GemmCeiling ceiling, Results results, int reps, boolean profile) {
        this.root = root;
        this.sampler = sampler;
        this.ceiling = ceiling;
        this.results = results;
        this.reps = reps;
        this.profile = profile;
        this.obs = sampler.dataset().obsDim();
        this.act = sampler.dataset().actDim();
    }

    /**
     * Times {@code step} ({@code reps} repetitions of about a second each, after warm-up) between two
     * sets of three ceiling samples; {@code gflopPerStep} is read after the timing (stage 3's work
     * depends on what its handler chose).
     */
    void measure(String benchmark, String setting, Runnable step, DoubleSupplier gflopPerStep, String note) {
        measure(benchmark, setting, step, gflopPerStep, () -> note);
    }

    /** As above, with a note written after the timing (what the steps did). */
    void measure(String benchmark, String setting, Runnable step, DoubleSupplier gflopPerStep, Supplier<String> note) {
        double[] before = ceiling.samples(3);
        int calls = Timing.callsFor(step, 1.0);
        Timing.Samples s = Timing.perCall(step, 1, reps, calls);
        double[] after = ceiling.samples(3);
        double[] all = new double[6];
        System.arraycopy(before, 0, all, 0, 3);
        System.arraycopy(after, 0, all, 3, 3);
        double ceil = Timing.median(all);
        double seconds = s.medianWall();
        String where = profile ? "; profile: " + StageProfiler.profile(() -> {
            for (int i = 0; i < Math.max(calls, 3); i++) step.run();
        }, 4) : "";
        double spread = max(s.wall()) / min(s.wall());
        results.add(new Results.Row(benchmark, setting, seconds * 1e3, "ms/step", gflopPerStep.getAsDouble() / seconds, ceil,
                Timing.load(), note.get() + String.format(Locale.ROOT, "; ceiling before/after %.1f/%.1f GFLOP/s; slowest/fastest rep %.2f",
                        Timing.median(before), Timing.median(after), spread) + where));
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) m = Math.max(m, x);
        return m;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) m = Math.min(m, x);
        return m;
    }

    /** Stage 1: one noise-prediction step of the paper's behaviour model (H 256, 3 blocks, dropout 0.1). */
    void stage1(int batch, String threads) {
        BehaviorModelConfig config = BehaviorModelConfig.paper();
        try (NDManager m = root.newSubManager();
             DiffusionBehaviorModel model = new DiffusionBehaviorModel(m, obs, act, config, new SplittableRandom(0))) {
            SeededTrainingRandom random = new SeededTrainingRandom(1);
            TransitionSampler batches = sampler.withSeed(2);
            Runnable step = () -> {
                try (NDManager s = m.newSubManager()) {
                    TransitionBatch b = batches.sample(s, batch);
                    model.trainStep(b.states(), b.actions(), random, s);
                }
            };
            double gflop = 3 * FlopCounts.gflop((double) batch * FlopCounts.scoreNetworkMacs(obs, act, config.hidden(), config.blocks()));
            measure("stage 1 step", "batch " + batch + ", H " + config.hidden() + " × " + config.blocks() + " blocks, " + threads,
                    step, () -> gflop, String.format(Locale.ROOT, "%.2f GFLOP/step", gflop));
        }
    }

    /** Stage 2: one IQL update of both critics (paper: H 256, twin Q heads, V, Polyak targets). */
    void stage2(int batch, String threads) {
        CriticConfig rc = CriticConfig.reward(), cc = CriticConfig.cost();
        try (NDManager m = root.newSubManager();
             IqlCritic reward = new IqlCritic(m, obs, act, rc, new SplittableRandom(3));
             IqlCritic cost = new IqlCritic(m, obs, act, cc, new SplittableRandom(4))) {
            TransitionSampler batches = sampler.withSeed(5);
            Runnable step = () -> {
                try (NDManager s = m.newSubManager()) {
                    TransitionBatch b = batches.sample(s, batch);
                    reward.iqlUpdate(b.states(), b.actions(), b.rewards(), b.nextStates(), b.notDone(), s);
                    cost.iqlUpdate(b.states(), b.actions(), b.costs(), b.nextStates(), b.notDone(), s);
                }
            };
            int h = rc.hidden();
            long q = FlopCounts.mlpMacs(obs + act, h, h, 1), v = FlopCounts.mlpMacs(obs, h, h, 1);
            // per critic: target heads 2q, V trained 3v, V(s') v, both Q heads trained 3·2q
            double gflop = 2 * FlopCounts.gflop((double) batch * (8 * q + 4 * v));
            measure("stage 2 step", "batch " + batch + ", both critics, H " + h + ", " + threads, step, () -> gflop,
                    String.format(Locale.ROOT, "%.3f GFLOP/step", gflop));
        }
    }

    /**
     * Stage 3: one phase-2 step of DRCORL (diffusion regularizer, slack handler, critic fine-tuning
     * on, as in the paper preset) and one phase-1 step (the regularizer alone). The phase-2 step is
     * measured without the offline cost estimator (Ĉ then comes from the stage-2 cost critic): its
     * ensemble update is a cost of its own, not counted here.
     */
    void stage3(int batch, String threads) {
        BehaviorModelConfig bc = BehaviorModelConfig.paper();
        CriticConfig rc = CriticConfig.reward(), cc = CriticConfig.cost();
        int h = 256;
        try (NDManager m = root.newSubManager();
             DiffusionBehaviorModel model = new DiffusionBehaviorModel(m, obs, act, bc, new SplittableRandom(6));
             IqlCritic reward = new IqlCritic(m, obs, act, rc, new SplittableRandom(7));
             IqlCritic cost = new IqlCritic(m, obs, act, cc, new SplittableRandom(8));
             DeterministicPolicy policy = new DeterministicPolicy(m, obs, act, h, new SplittableRandom(9))) {
            model.freeze();
            ExtractionConfig config = new ExtractionConfig(3e-4, 0.01, 1000, 20, 300, rc.gamma(), true, true, 0);
            try (PolicyExtractor x = new PolicyExtractor(policy, config, new DiffusionScoreRegularizer(), new SlackRelaxationHandler(),
                    model, reward, cost, new SeededTrainingRandom(10))) {
                TransitionSampler batches = sampler.withSeed(11);
                long p = FlopCounts.mlpMacs(obs, h, h, act), q = FlopCounts.mlpMacs(obs + act, h, h, 1);
                long score = FlopCounts.scoreNetworkMacs(obs, act, bc.hidden(), bc.blocks());
                long[] counted = new long[2]; // steps, parameter gradients (1 outside the slack band, 2 inside)
                Runnable phase2 = () -> {
                    try (NDManager s = m.newSubManager()) {
                        PolicyExtractor.StepLog log = x.step(batches.sample(s, batch), s);
                        counted[0]++;
                        counted[1] += log.handler().getOrDefault("zone", 1.0) == 0.0 ? 2 : 1;
                    }
                };
                // π(s) p; ε̂ of the behaviour model (no gradient) S; ∇_a Q̄ of both critics' frozen target
                // heads 2 × 2 × 2q; each parameter gradient 3p; fine-tuning: π(s') p, per critic
                // target heads on s' 2q and both Q heads trained 6q.
                DoubleSupplier gflop = () -> FlopCounts.gflop((double) batch * (p + score + 8 * q
                        + 3.0 * p * counted[1] / Math.max(1, counted[0]) + p + 16 * q));
                measure("stage 3 step (phase 2)", "batch " + batch + ", policy H " + h + ", diffusion + slack, critic fine-tuning, "
                        + threads, phase2, gflop, () -> String.format(Locale.ROOT, "%.2f parameter gradients per step",
                        (double) counted[1] / Math.max(1, counted[0])));
                Runnable phase1 = () -> {
                    try (NDManager s = m.newSubManager()) {
                        x.pretrainStep(batches.sample(s, batch), s);
                    }
                };
                double g1 = FlopCounts.gflop((double) batch * (p + score + 3 * p));
                measure("stage 3 step (phase 1)", "batch " + batch + ", regularizer only, " + threads, phase1, () -> g1,
                        String.format(Locale.ROOT, "%.3f GFLOP/step", g1));
            }
        }
    }

    /**
     * One update of the offline evaluation ensemble ({@link FqeEnsemble}, the default
     * {@link EvaluationConfig}: 4 cost + 2 reward members of width 128) on π(s′) of a quick-size policy
     * (H 128), states standardized: what phase 2 adds to every step and what the snapshots'
     * re-evaluation repeats.
     */
    void fqe(int batch, String threads) {
        EvaluationConfig ec = EvaluationConfig.standard();
        int h = 128;
        float[] mean = new float[obs], scale = new float[obs];
        java.util.Arrays.fill(scale, 1f);
        try (NDManager m = root.newSubManager();
             FqeEnsemble ensemble = new FqeEnsemble(m, obs, act, ec, 12, mean, scale);
             DeterministicPolicy policy = new DeterministicPolicy(m, obs, act, h, new SplittableRandom(13))) {
            TransitionSampler batches = sampler.withSeed(14);
            Runnable step = () -> {
                try (NDManager s = m.newSubManager()) {
                    TransitionBatch b = batches.sample(s, batch);
                    ensemble.update(b, policy.act(b.nextStates()).stopGradient(), s);
                }
            };
            int members = ec.costMembers() + ec.rewardMembers();
            long q = FlopCounts.mlpMacs(obs + act, ec.hidden(), ec.hidden(), 1), p = FlopCounts.mlpMacs(obs, h, h, act);
            // π(s') p; every member's target on s' q; every member trained 3q
            double gflop = FlopCounts.gflop((double) batch * (p + 4.0 * members * q));
            measure("FQE ensemble update", "batch " + batch + ", " + members + " members, H " + ec.hidden() + ", " + threads, step,
                    () -> gflop, String.format(Locale.ROOT, "%.3f GFLOP/step", gflop));
        }
    }
}
