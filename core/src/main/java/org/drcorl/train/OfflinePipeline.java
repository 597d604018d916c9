package org.drcorl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.drcorl.data.OfflineDataset;
import org.drcorl.data.TransitionBatch;
import org.drcorl.data.TransitionSampler;
import org.drcorl.nn.Parameters;
import org.drcorl.spi.ConstraintHandler;
import org.drcorl.spi.Regularizer;
import org.drcorl.spi.SeededTrainingRandom;
import org.drcorl.train.behaviormodel.DiffusionBehaviorModel;
import org.drcorl.train.critic.DynamicsEnsemble;
import org.drcorl.train.critic.IqlCritic;
import org.drcorl.train.extract.DeterministicPolicy;
import org.drcorl.train.extract.ExtractionConfig;
import org.drcorl.train.critic.EvaluationConfig;
import org.drcorl.train.extract.OfflineCostEstimator;
import org.drcorl.train.extract.PolicyExtractor;
import org.drcorl.train.extract.SimulatorAudit;

/**
 * The three stages of one (task, seed): the behaviour model and the critics are trained once
 * and then every policy (each cost threshold, each regularizer × handler pair) is extracted
 * from them, each with its own copy of the critics (extraction fine-tunes them).
 */
public final class OfflinePipeline implements AutoCloseable {
    private final OfflineDataset data;
    private final Preset preset;
    private final long seed;
    private final int horizon;
    private final String taskId;
    private final Path checkpoints;
    private final NDManager manager;
    private final TransitionSampler sampler;
    private String dataHash;
    private DiffusionBehaviorModel behavior;
    private IqlCritic rewardCritic;
    private IqlCritic costCritic;
    private java.util.Optional<PolicyExtractor.Selection> lastSelection = java.util.Optional.empty();

    /**
     * @param horizon T, the task's episode length (for the offline cost estimate)
     */
    public OfflinePipeline(OfflineDataset data, Preset preset, long seed, int horizon, NDManager parent) {
        this(data, preset, seed, horizon, parent, null, null);
    }

    /**
     * A pipeline that saves its behaviour model and critics in {@code checkpoints} and reuses
     * them when the same task, data, seed and settings come again.
     *
     * @param taskId      the task, recorded in (and checked against) the checkpoints
     * @param checkpoints folder of the checkpoints, or null for none
     */
    public OfflinePipeline(OfflineDataset data, Preset preset, long seed, int horizon, NDManager parent,
                           String taskId, Path checkpoints) {
        this.taskId = taskId == null ? data.taskId().orElse("unknown") : taskId;
        this.checkpoints = checkpoints;
        this.data = data;
        this.preset = preset;
        this.seed = seed;
        this.horizon = horizon;
        this.manager = parent.newSubManager();
        this.sampler = new TransitionSampler(data, seed);
    }

    /** Stage 1 (trained on first use). */
    public synchronized DiffusionBehaviorModel behaviorModel(TrainingProgress progress, Consumer<Float> losses) {
        if (behavior == null) behavior = trainBehaviorModel(data, "behavior-model", Map.of(), progress, losses);
        return behavior;
    }

    private final Map<Double, DiffusionBehaviorModel> safeBehavior = new java.util.HashMap<>();

    /**
     * The behaviour model an extraction for budget κ regularizes toward: stage 1's, or with
     * {@code behavior-safe-episodes} one learned from the episodes within κ alone (trained on first
     * use, one per budget), so that the regularizer pulls toward the data's safe behaviour rather than
     * toward its dominant mode, which is the unsafe one on most tasks (docs/results/offline-matrix.md).
     */
    public DiffusionBehaviorModel behaviorModel(double costThreshold, TrainingProgress progress) {
        if (!preset.behaviorSafeEpisodes()) return behaviorModel(progress, l -> {});
        synchronized (safeBehavior) {
            DiffusionBehaviorModel m = safeBehavior.get(costThreshold);
            if (m != null) return m;
            OfflineDataset safe = safeEpisodes(costThreshold, "behavior-safe-episodes");
            String kappa = Double.toString(costThreshold);
            m = trainBehaviorModel(safe, "behavior-model-kappa-" + kappa.replace('.', '_'), Map.of("safe-episodes-within", kappa),
                    progress, l -> {});
            safeBehavior.put(costThreshold, m);
            return m;
        }
    }

    /** The episodes within κ, for the setting that learns from them alone; refused when there are none. */
    private OfflineDataset safeEpisodes(double costThreshold, String setting) {
        OfflineDataset safe = data.safeEpisodes(costThreshold);
        if (safe.size() == 0) throw new IllegalArgumentException(setting + ": no episode of the dataset is within κ = " + costThreshold);
        return safe;
    }

    private DiffusionBehaviorModel trainBehaviorModel(OfflineDataset episodes, String name, Map<String, String> extra,
                                                      TrainingProgress progress, Consumer<Float> losses) {
        DiffusionBehaviorModel model = new DiffusionBehaviorModel(manager, data.obsDim(), data.actDim(), preset.behavior(),
                new SplittableRandom(seed ^ 0x5151L));
        Map<String, String> config = new java.util.TreeMap<>(extra);
        config.put("behavior", preset.behavior().toString());
        config.put("batch", Integer.toString(preset.behaviorBatch()));
        CheckpointMetadata meta = metadata("behavior-model", preset.behaviorSteps(), config,
                Checkpoints.tensorNames(model.parameters()), Checkpoints.valueCount(model.parameters()));
        if (checkpoints != null && Checkpoints.loadIfMatching(checkpoints, name, meta, model.parameters())) {
            model.freeze();
            return model;
        }
        SeededTrainingRandom random = new SeededTrainingRandom(seed ^ 0xB1L);
        TransitionSampler batches = episodes == data ? sampler.withSeed(seed ^ 0xB2L) : new TransitionSampler(episodes, seed ^ 0xB2L);
        progress.start(episodes == data ? "behaviour model" : "behaviour model of the safe episodes", preset.behaviorSteps());
        for (int i = 0; i < preset.behaviorSteps(); i++) {
            try (NDManager step = manager.newSubManager()) {
                TransitionBatch b = batches.sample(step, preset.behaviorBatch());
                losses.accept(model.trainStep(b.states(), b.actions(), random, step));
            }
            progress.advance(1);
        }
        progress.finish();
        model.freeze();
        if (checkpoints != null) Checkpoints.save(checkpoints, name, meta, model.parameters());
        return model;
    }

    /** Stage 2 (trained on first use): reward and cost critics. */
    public void trainCritics(TrainingProgress progress, Consumer<IqlCritic.Losses[]> losses) {
        if (rewardCritic != null) return;
        SplittableRandom init = new SplittableRandom(seed ^ 0xC1L);
        rewardCritic = new IqlCritic(manager, data.obsDim(), data.actDim(), preset.rewardCritic(), init);
        costCritic = new IqlCritic(manager, data.obsDim(), data.actDim(), preset.costCritic(), init);
        Parameters[] all = {rewardCritic.qParameters(), rewardCritic.qTargetParameters(), rewardCritic.valueParameters(),
                costCritic.qParameters(), costCritic.qTargetParameters(), costCritic.valueParameters()};
        CheckpointMetadata meta = metadata("critics", preset.criticSteps(), Map.of(
                "reward", preset.rewardCritic().toString(), "cost", preset.costCritic().toString(),
                "batch", Integer.toString(preset.criticBatch())), Checkpoints.tensorNames(all), Checkpoints.valueCount(all));
        if (checkpoints != null && Checkpoints.loadIfMatching(checkpoints, "critics", meta, all)) return;
        progress.start("critics", preset.criticSteps());
        for (int i = 0; i < preset.criticSteps(); i++) {
            try (NDManager step = manager.newSubManager()) {
                TransitionBatch b = sampler.sample(step, preset.criticBatch());
                IqlCritic.Losses r = rewardCritic.iqlUpdate(b.states(), b.actions(), b.rewards(), b.nextStates(), b.notDone(), step);
                IqlCritic.Losses c = costCritic.iqlUpdate(b.states(), b.actions(), b.costs(), b.nextStates(), b.notDone(), step);
                losses.accept(new IqlCritic.Losses[] {r, c});
            }
            progress.advance(1);
        }
        progress.finish();
        if (checkpoints != null) Checkpoints.save(checkpoints, "critics", meta, all);
    }

    /**
     * How far the stage-2 critics got: at the dataset's episode starts, each critic's mean target Q
     * at the data's first action next to the data's own discounted return (Monte Carlo, with the
     * critic's γ; the reward in the critic's scaled units). A critic far below its return is not
     * converged (each backup carries the value one step further back).
     */
    public record CriticCheck(double rewardQ, double rewardReturn, double costQ, double costReturn) {}

    /** See {@link CriticCheck}; trains the critics first if needed. */
    public CriticCheck criticCheck() {
        trainCritics(TrainingProgress.NONE, l -> {});
        int episodes = data.episodeCount(), obs = data.obsDim(), act = data.actDim();
        float[] actions = new float[episodes * act];
        double rewardReturn = 0, costReturn = 0;
        double gr = preset.rewardCritic().gamma(), gc = preset.costCritic().gamma();
        for (int e = 0; e < episodes; e++) {
            var ep = data.episode(e);
            System.arraycopy(data.action(ep.start()), 0, actions, e * act, act);
            double r = 0, c = 0;
            for (int i = ep.start() + ep.length() - 1; i >= ep.start(); i--) {
                r = data.reward(i) * sampler.rewardScale() + gr * r;
                c = data.cost(i) + gc * c;
            }
            rewardReturn += r;
            costReturn += c;
        }
        try (NDManager m = manager.newSubManager()) {
            var shape = new ai.djl.ndarray.types.Shape(episodes, obs);
            NDArray s0 = m.create(initialStates(), shape);
            NDArray a0 = m.create(actions, new ai.djl.ndarray.types.Shape(episodes, act));
            double rq = rewardCritic.targetMean(s0, a0).mean().getFloat();
            double cq = costCritic.targetMean(s0, a0).mean().getFloat();
            return new CriticCheck(rq, rewardReturn / episodes, cq, costReturn / episodes);
        }
    }

    private synchronized CheckpointMetadata metadata(String kind, long steps, Map<String, String> config, List<String> tensors, long values) {
        if (dataHash == null) dataHash = data.contentHash(); // SHA-256 over the whole dataset: once
        return new CheckpointMetadata(CheckpointMetadata.FORMAT, kind, taskId, data.obsDim(), data.actDim(), seed, steps,
                dataHash, config, tensors, values);
    }

    /**
     * Stage 3: extracts a policy for budget κ with a regularizer and a constraint handler
     * (phase 1: {@code pretrainRegressionSteps} of regression on the data's actions, if any, then
     * {@code pretrainSteps} of the regularizer alone; then the offline cost estimator's
     * pre-training on that policy; phase 2: {@code extractSteps} with Ĉ from the estimator; then
     * the offline selection among the snapshots, see {@link #lastSelection()}). Trains stages 1 and
     * 2 first if needed. No simulator episode is involved. The caller closes the returned policy.
     */
    public DeterministicPolicy extract(Regularizer regularizer, ConstraintHandler handler, double costThreshold,
                                       TrainingProgress progress, Consumer<PolicyExtractor.StepLog> log) {
        return extract(regularizer, handler, costThreshold, null, progress, l -> {}, log);
    }

    /**
     * As {@link #extract(Regularizer, ConstraintHandler, double, TrainingProgress, Consumer)}, with
     * every snapshot also measured by {@code audit} in the simulator when it is not null (logged
     * only: it steers nothing), and every phase-1 (regularizer-only) step reported to {@code pretrainLog}.
     */
    public DeterministicPolicy extract(Regularizer regularizer, ConstraintHandler handler, double costThreshold,
                                       SimulatorAudit audit, TrainingProgress progress,
                                       Consumer<PolicyExtractor.StepLog> pretrainLog,
                                       Consumer<PolicyExtractor.StepLog> log) {
        Extraction e = extractAndSelect(regularizer, handler, costThreshold, audit, progress, pretrainLog, log);
        lastSelection = e.selection();
        return e.policy();
    }

    /** An extracted policy and the offline selection's account of why it was kept. */
    public record Extraction(DeterministicPolicy policy, java.util.Optional<PolicyExtractor.Selection> selection) {}

    /**
     * {@link #extract(Regularizer, ConstraintHandler, double, SimulatorAudit, TrainingProgress, Consumer, Consumer)}
     * with the selection returned rather than kept in the pipeline: several extractions may run at
     * once on threads of their own once the stages they need are trained (the behaviour model,
     * critics and learned model are then only read; each extraction copies the critics it tunes).
     */
    public Extraction extractAndSelect(Regularizer regularizer, ConstraintHandler handler, double costThreshold,
                                       SimulatorAudit audit, TrainingProgress progress,
                                       Consumer<PolicyExtractor.StepLog> pretrainLog,
                                       Consumer<PolicyExtractor.StepLog> log) {
        DiffusionBehaviorModel regularizedToward = regularizer.needsBehaviorModel() ? behaviorModel(costThreshold, progress) : null;
        trainCritics(progress, l -> {});
        DeterministicPolicy policy = new DeterministicPolicy(manager, data.obsDim(), data.actDim(), preset.policyHidden(),
                new SplittableRandom(seed ^ 0xD1L));
        ExtractionConfig config = new ExtractionConfig(preset.policyLearningRate(), preset.betaStart(),
                preset.betaGrowthSteps(), costThreshold, horizon, preset.costCritic().gamma(),
                preset.rewardFineTuning(), preset.costFineTuning(), preset.rewardWarmupSteps());
        TransitionSampler batches = sampler.withSeed(seed ^ 0xD2L);
        TransitionSampler evaluationBatches = sampler.withSeed(seed ^ 0xD4L);
        int evaluationSteps = preset.evaluation().pretrainSteps();
        var model = preset.model().steps() > 0 ? dynamicsModel(preset.model(), progress) : null;
        DeterministicPolicy baseline = preset.selection().safeBaseline() ? safeBaseline(costThreshold, progress) : null;
        try (baseline; IqlCritic r = rewardCritic.copy(manager); IqlCritic c = costCritic.copy(manager);
             PolicyExtractor x = new PolicyExtractor(policy, config, regularizer, handler,
                     regularizedToward, r, c, new SeededTrainingRandom(seed ^ 0xD3L))
                     .withCostEstimator(newCostEstimator(preset.evaluation(), seed ^ 0xD5L), preset.snapshotInterval())
                     .withAveragedSnapshots(preset.selection().averagedSnapshots())
                     .withAudit(audit)) {
            if (model != null) x.withRolloutEvaluation(p -> evaluateByRollout(p, model));
            if (baseline != null) x.withSafeBaseline(baseline, this::actionDeviation, preset.selection().supportLimit());
            DynamicsEnsemble.Config mc = preset.model();
            if (model != null && (mc.steerInterval() > 0 || mc.guidanceHorizon() > 0)) {
                double gamma = preset.costCritic().gamma();
                x.withModelGuidance(new PolicyExtractor.ModelGuidance(p -> evaluateByRollout(p, model), mc.steerInterval(), mc.steerK(),
                        mc.guidanceHorizon() == 0 ? null : (s, a) -> model.simulatedGradients(s, a, policy::act, mc.guidanceHorizon(),
                                gamma, mc.guidanceK(), mc.rewardGuidance())));
            }
            progress.start("policy " + regularizer.name() + " × " + handler.name() + " κ=" + costThreshold,
                    preset.pretrainRegressionSteps() + preset.pretrainSteps() + evaluationSteps + preset.extractSteps());
            TransitionSampler regression = batches;
            if (preset.pretrainRegressionSteps() > 0 && preset.pretrainRegressionSafe()) {
                regression = new TransitionSampler(safeEpisodes(costThreshold, "pretrain-regression-safe"), seed ^ 0xD6L);
            }
            for (int i = 0; i < preset.pretrainRegressionSteps(); i++) {
                try (NDManager step = manager.newSubManager()) {
                    pretrainLog.accept(x.regressionStep(regression.sample(step, preset.extractBatch()), step));
                }
                progress.advance(1);
            }
            for (int i = 0; i < preset.pretrainSteps(); i++) {
                try (NDManager step = manager.newSubManager()) {
                    pretrainLog.accept(x.pretrainStep(batches.sample(step, preset.extractBatch()), step));
                }
                progress.advance(1);
            }
            for (int i = 0; i < evaluationSteps; i++) {
                try (NDManager step = manager.newSubManager()) {
                    x.evaluationStep(evaluationBatches.sample(step, preset.extractBatch()));
                }
                progress.advance(1);
            }
            x.snapshotPhaseOne();
            for (int i = 0; i < preset.extractSteps(); i++) {
                try (NDManager step = manager.newSubManager()) {
                    log.accept(x.step(batches.sample(step, preset.extractBatch()), step));
                }
                progress.advance(1);
            }
            progress.finish();
            int snapshots = preset.snapshotsCompared() + (baseline != null ? 1 : 0);
            progress.start("offline selection (" + snapshots + " snapshots)",
                    (long) snapshots * (preset.evaluation().reevaluationSteps() + 1));
            var selection = x.selectOffline(step -> {
                progress.advance(1);
                return evaluationBatches.sample(step, preset.extractBatch());
            }, manager, () -> progress.advance(1));
            progress.finish();
            return new Extraction(policy, selection);
        }
    }

    /**
     * A fresh offline cost estimator for this dataset (episode starts, episode length, reward
     * scale); the caller closes it.
     */
    public OfflineCostEstimator newCostEstimator(EvaluationConfig config, long estimatorSeed) {
        standardizeStates();
        return new OfflineCostEstimator(manager, data.obsDim(), data.actDim(), config, initialStates(), horizon,
                sampler.rewardScale(), estimatorSeed, stateMean, stateScale);
    }

    private float[] stateMean;
    private float[] stateScale;

    /** The dataset's per-dimension state mean and standard deviation (a constant dimension gets scale 1). */
    private synchronized void standardizeStates() {
        if (stateMean != null) return;
        int n = data.size(), d = data.obsDim();
        double[] sum = new double[d], sq = new double[d];
        java.nio.FloatBuffer obs = data.observationsView();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = obs.get(i * d + j);
                sum[j] += v;
                sq[j] += v * v;
            }
        }
        stateMean = new float[d];
        stateScale = new float[d];
        for (int j = 0; j < d; j++) {
            double mean = sum[j] / n, var = Math.max(0, sq[j] / n - mean * mean);
            stateMean[j] = (float) mean;
            stateScale[j] = var > 1e-12 ? (float) Math.sqrt(var) : 1f;
        }
    }

    /**
     * The offline estimate of a fixed policy's episode cost and reward: a fresh estimator trained
     * {@code steps} updates on it (batches of {@code config}'s preset size), then read at the episode starts.
     */
    public OfflineCostEstimator.Estimate evaluateOffline(DeterministicPolicy policy, EvaluationConfig config, int steps,
                                                         long estimatorSeed, TrainingProgress progress) {
        TransitionSampler batches = sampler.withSeed(estimatorSeed ^ 0xF1L);
        try (OfflineCostEstimator estimator = newCostEstimator(config, estimatorSeed)) {
            progress.start("offline evaluation", steps);
            for (int i = 0; i < steps; i++) {
                try (NDManager step = manager.newSubManager()) {
                    estimator.update(batches.sample(step, preset.extractBatch()), policy);
                }
                progress.advance(1);
            }
            progress.finish();
            try (NDManager step = manager.newSubManager()) {
                return estimator.estimate(policy, step);
            }
        }
    }

    private DynamicsEnsemble dynamics;
    private org.drcorl.spi.TerminationRule termination;

    /**
     * The task's termination rule, which the learned model's judging rollouts end episodes by (with
     * {@code model.known-termination}, the default); null for none (the model's termination head decides).
     */
    public synchronized void useTaskTermination(org.drcorl.spi.TerminationRule rule) {
        if (rule != null && rule.observationDim() != data.obsDim()) {
            throw new IllegalArgumentException("termination rule of " + rule.observationDim() + " dimensions for the dataset's observations of "
                    + data.obsDim());
        }
        this.termination = rule;
    }

    /** The learned model of the task (trained on first use, {@code config.steps()} updates; one per pipeline). */
    public DynamicsEnsemble dynamicsModel(DynamicsEnsemble.Config config,
                                                                  TrainingProgress progress) {
        return dynamicsModel(config, progress, l -> {});
    }

    /** As {@link #dynamicsModel(DynamicsEnsemble.Config, TrainingProgress)}, reporting each update's loss. */
    public DynamicsEnsemble dynamicsModel(DynamicsEnsemble.Config config,
                                                                  TrainingProgress progress, Consumer<Float> losses) {
        if (dynamics != null) {
            if (!dynamics.config().trainingKey().equals(config.trainingKey())) {
                throw new IllegalStateException("this pipeline's model is trained as " + dynamics.config().trainingKey()
                        + ", not as " + config.trainingKey());
            }
            return dynamics;
        }
        standardizeStates();
        dynamics = new DynamicsEnsemble(manager, data.obsDim(), data.actDim(), config,
                DynamicsEnsemble.DataStatistics.of(data, sampler.rewardScale(), stateMean, stateScale),
                seed ^ 0xA1L);
        CheckpointMetadata meta = metadata("dynamics-model", config.steps(), Map.of(
                "model", config.trainingKey(), "batch", Integer.toString(preset.criticBatch())),
                Checkpoints.tensorNames(dynamics.parameters()), Checkpoints.valueCount(dynamics.parameters()));
        if (checkpoints != null && Checkpoints.loadIfMatching(checkpoints, "dynamics-model", meta, dynamics.parameters())) {
            dynamics.freeze();
            return dynamics;
        }
        TransitionSampler batches = sampler.withSeed(seed ^ 0xA2L);
        progress.start("dynamics model", config.steps());
        for (int i = 0; i < config.steps(); i++) {
            try (NDManager step = manager.newSubManager()) {
                losses.accept(dynamics.update(batches.sample(step, preset.criticBatch()), step));
            }
            progress.advance(1);
        }
        progress.finish();
        if (checkpoints != null) Checkpoints.save(checkpoints, "dynamics-model", meta, dynamics.parameters());
        dynamics.freeze();
        return dynamics;
    }

    /**
     * A policy's episode cost and reward estimated by rolling it out in the learned model from
     * every episode start of the dataset for the task's horizon: mean over members, and the upper
     * (cost) and lower (reward) bounds mean ± k·σ over members, k the preset's {@code model.upper-k}.
     */
    public OfflineCostEstimator.Estimate evaluateByRollout(DeterministicPolicy policy, DynamicsEnsemble model) {
        return evaluateByRollout(policy, model, preset.model().upperK());
    }

    /** As {@link #evaluateByRollout(DeterministicPolicy, DynamicsEnsemble)}, with bounds at mean ± k·σ. */
    public OfflineCostEstimator.Estimate evaluateByRollout(DeterministicPolicy policy, DynamicsEnsemble model, double k) {
        try (NDManager m = manager.newSubManager()) {
            NDArray s0 = m.create(initialStates(), new ai.djl.ndarray.types.Shape(data.episodeCount(), data.obsDim()));
            double[][] r = model.rollout(policy::act, s0, horizon, m, preset.model().knownTermination() ? termination : null);
            double[] c = stats(r[0]), w = stats(r[1]);
            double scale = sampler.rewardScale();
            double[] rewards = java.util.Arrays.stream(r[1]).map(x -> x / scale).toArray();
            return new OfflineCostEstimator.Estimate(c[0], c[0] + k * c[1], c[1], w[0] / scale, (w[0] - k * w[1]) / scale, r[0], rewards);
        }
    }

    /** Mean and sample standard deviation. */
    private static double[] stats(double[] x) {
        double mean = java.util.Arrays.stream(x).average().orElseThrow(), var = 0;
        for (double v : x) var += (v - mean) * (v - mean);
        return new double[] {mean, x.length > 1 ? Math.sqrt(var / (x.length - 1)) : 0};
    }

    private float[] initialStates;

    /** The first observation of every episode of the dataset, row after row (computed once; callers copy what they keep). */
    private synchronized float[] initialStates() {
        if (initialStates != null) return initialStates;
        float[] starts = new float[data.episodeCount() * data.obsDim()];
        for (int e = 0; e < data.episodeCount(); e++) {
            System.arraycopy(data.observation(data.episode(e).start()), 0, starts, e * data.obsDim(), data.obsDim());
        }
        initialStates = starts;
        return starts;
    }

    /**
     * Which policy the last {@link #extract} kept and what the offline estimate said of it (see
     * {@link PolicyExtractor#selectOffline}).
     */
    public java.util.Optional<PolicyExtractor.Selection> lastSelection() {
        return lastSelection;
    }

    /**
     * The baseline of the offline selection ({@code selection.safe-baseline}, see
     * {@link org.drcorl.train.extract.SelectionConfig}): behaviour cloning on the episodes within κ,
     * trained as {@link #behaviorCloning} trains the {@code bc-safe} baseline (same initial weights,
     * batches, steps and mean squared error), so that DRCORL returns BC-Safe where it cannot vouch for
     * an improvement. Null when no episode is within κ (the selection then compares DRCORL's own
     * policies). The caller closes it.
     */
    public DeterministicPolicy safeBaseline(double costThreshold, TrainingProgress progress) {
        OfflineDataset safe = data.safeEpisodes(costThreshold);
        if (safe.size() == 0) return null;
        return cloned(safe, null, preset.cloningSteps(), "BC-Safe baseline κ=" + costThreshold, progress, l -> {});
    }

    /**
     * How far a policy's actions are from the data's: the mean over the dataset's transitions (s, a) and
     * the action dimensions of (π(s) − a)², the selection's support measure.
     */
    public double actionDeviation(DeterministicPolicy policy) {
        int n = data.size(), d = data.obsDim(), k = data.actDim(), chunk = 8192;
        java.nio.FloatBuffer obs = data.observationsView(), act = data.actionsView();
        double sum = 0;
        for (int from = 0; from < n; from += chunk) {
            int rows = Math.min(chunk, n - from);
            float[] o = new float[rows * d], a = new float[rows * k];
            obs.get(from * d, o);
            act.get(from * k, a);
            try (NDManager m = manager.newSubManager()) {
                NDArray states = m.create(o, new ai.djl.ndarray.types.Shape(rows, d));
                NDArray error = policy.act(states).sub(m.create(a, new ai.djl.ndarray.types.Shape(rows, k)));
                sum += error.square().sum().getFloat();
            }
        }
        return sum / ((double) n * k);
    }

    /**
     * Behaviour cloning (the regularizer alone, no critic) on a dataset: with the safe
     * episodes only, this is the BC-Safe baseline. The caller closes the returned policy.
     */
    public DeterministicPolicy behaviorCloning(OfflineDataset subset, Regularizer regularizer, int steps,
                                               TrainingProgress progress) {
        return behaviorCloning(subset, regularizer, steps, progress, l -> {});
    }

    /** As {@link #behaviorCloning(OfflineDataset, Regularizer, int, TrainingProgress)}, reporting every step to {@code log}. */
    public DeterministicPolicy behaviorCloning(OfflineDataset subset, Regularizer regularizer, int steps,
                                               TrainingProgress progress, Consumer<PolicyExtractor.StepLog> log) {
        return cloned(subset, regularizer, steps, "policy " + regularizer.name() + " (cloning)", progress, log);
    }

    /**
     * A policy cloned from {@code subset}: by {@code regularizer} alone, or by regression on the data's actions
     * (mean squared error) where it is null. The same initial weights and batches either way, so the two agree
     * where the regularizer is that regression (BC-Safe and the selection's baseline).
     */
    private DeterministicPolicy cloned(OfflineDataset subset, Regularizer regularizer, int steps, String stage,
                                       TrainingProgress progress, Consumer<PolicyExtractor.StepLog> log) {
        DeterministicPolicy policy = new DeterministicPolicy(manager, subset.obsDim(), subset.actDim(), preset.policyHidden(),
                new SplittableRandom(seed ^ 0xE1L));
        TransitionSampler batches = new TransitionSampler(subset, seed ^ 0xE2L);
        ExtractionConfig config = new ExtractionConfig(preset.policyLearningRate(), 1.0, 0, 0, horizon, 0.99, false, false, 0);
        try (PolicyExtractor x = new PolicyExtractor(policy, config, regularizer, null, null, null, null,
                new SeededTrainingRandom(seed ^ 0xE3L))) {
            progress.start(stage, steps);
            for (int i = 0; i < steps; i++) {
                try (NDManager step = manager.newSubManager()) {
                    TransitionBatch batch = batches.sample(step, preset.extractBatch());
                    log.accept(regularizer == null ? x.regressionStep(batch, step) : x.pretrainStep(batch, step));
                }
                progress.advance(1);
            }
            progress.finish();
        }
        return policy;
    }

    public Preset preset() {
        return preset;
    }

    /** The stage-2 reward critic (trained on first use). */
    public IqlCritic rewardCritic() {
        trainCritics(TrainingProgress.NONE, l -> {});
        return rewardCritic;
    }

    /** The stage-2 cost critic (trained on first use). */
    public IqlCritic costCritic() {
        trainCritics(TrainingProgress.NONE, l -> {});
        return costCritic;
    }

    public OfflineDataset data() {
        return data;
    }

    @Override
    public void close() {
        if (behavior != null) behavior.close();
        if (rewardCritic != null) rewardCritic.close();
        if (costCritic != null) costCritic.close();
        if (dynamics != null) dynamics.close();
        manager.close();
    }
}
