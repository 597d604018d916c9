package org.drcorl.train;

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
import org.drcorl.train.critic.IqlCritic;
import org.drcorl.train.extract.DeterministicPolicy;
import org.drcorl.train.extract.ExtractionConfig;
import org.drcorl.train.extract.OnlineCostEstimate;
import org.drcorl.train.extract.PolicyExtractor;

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
    public DiffusionBehaviorModel behaviorModel(TrainingProgress progress, Consumer<Float> losses) {
        if (behavior != null) return behavior;
        behavior = new DiffusionBehaviorModel(manager, data.obsDim(), data.actDim(), preset.behavior(), new SplittableRandom(seed ^ 0x5151L));
        CheckpointMetadata meta = metadata("behavior-model", preset.behaviorSteps(), Map.of(
                "behavior", preset.behavior().toString(), "batch", Integer.toString(preset.behaviorBatch())),
                Checkpoints.tensorNames(behavior.parameters()), Checkpoints.valueCount(behavior.parameters()));
        if (checkpoints != null && Checkpoints.loadIfMatching(checkpoints, "behavior-model", meta, behavior.parameters())) {
            behavior.freeze();
            return behavior;
        }
        SeededTrainingRandom random = new SeededTrainingRandom(seed ^ 0xB1L);
        TransitionSampler batches = sampler.withSeed(seed ^ 0xB2L);
        progress.start("behaviour model", preset.behaviorSteps());
        for (int i = 0; i < preset.behaviorSteps(); i++) {
            try (NDManager step = manager.newSubManager()) {
                TransitionBatch b = batches.sample(step, preset.behaviorBatch());
                losses.accept(behavior.trainStep(b.states(), b.actions(), random, step));
            }
            progress.advance(1);
        }
        progress.finish();
        behavior.freeze();
        if (checkpoints != null) Checkpoints.save(checkpoints, "behavior-model", meta, behavior.parameters());
        return behavior;
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

    private CheckpointMetadata metadata(String kind, long steps, Map<String, String> config, List<String> tensors, long values) {
        if (dataHash == null) dataHash = data.contentHash(); // SHA-256 over the whole dataset: once
        return new CheckpointMetadata(CheckpointMetadata.FORMAT, kind, taskId, data.obsDim(), data.actDim(), seed, steps,
                dataHash, config, tensors, values);
    }

    /**
     * Stage 3: extracts a policy for budget κ with a regularizer and a constraint handler
     * (phase 1: {@code pretrainSteps} of the regularizer alone; phase 2: {@code extractSteps}).
     * Trains stages 1 and 2 first if needed. The caller closes the returned policy.
     */
    public DeterministicPolicy extract(Regularizer regularizer, ConstraintHandler handler, double costThreshold,
                                       TrainingProgress progress, Consumer<PolicyExtractor.StepLog> log) {
        return extract(regularizer, handler, costThreshold, null, progress, log);
    }

    /**
     * As {@link #extract(Regularizer, ConstraintHandler, double, TrainingProgress, Consumer)}, with Ĉ
     * from rollouts of the policy when {@code online} is not null (the offline critic estimate otherwise).
     */
    public DeterministicPolicy extract(Regularizer regularizer, ConstraintHandler handler, double costThreshold,
                                       OnlineCostEstimate online, TrainingProgress progress,
                                       Consumer<PolicyExtractor.StepLog> log) {
        return extract(regularizer, handler, costThreshold, online, progress, l -> {}, log);
    }

    /**
     * As {@link #extract(Regularizer, ConstraintHandler, double, OnlineCostEstimate, TrainingProgress, Consumer)},
     * also reporting every phase-1 (regularizer-only) step to {@code pretrainLog}.
     */
    public DeterministicPolicy extract(Regularizer regularizer, ConstraintHandler handler, double costThreshold,
                                       OnlineCostEstimate online, TrainingProgress progress,
                                       Consumer<PolicyExtractor.StepLog> pretrainLog,
                                       Consumer<PolicyExtractor.StepLog> log) {
        if (regularizer.needsBehaviorModel()) behaviorModel(progress, l -> {});
        trainCritics(progress, l -> {});
        DeterministicPolicy policy = new DeterministicPolicy(manager, data.obsDim(), data.actDim(), preset.policyHidden(),
                new SplittableRandom(seed ^ 0xD1L));
        ExtractionConfig config = new ExtractionConfig(preset.policyLearningRate(), preset.betaStart(),
                preset.betaGrowthSteps(), costThreshold, horizon, preset.rewardCritic().gamma(), preset.costSmoothing(),
                preset.rewardFineTuning(), preset.costFineTuning());
        TransitionSampler batches = sampler.withSeed(seed ^ 0xD2L);
        try (IqlCritic r = rewardCritic.copy(manager); IqlCritic c = costCritic.copy(manager);
             PolicyExtractor x = new PolicyExtractor(policy, config, regularizer, handler,
                     regularizer.needsBehaviorModel() ? behavior : null, r, c, new SeededTrainingRandom(seed ^ 0xD3L))
                     .withOnlineCostEstimate(online)) {
            if (preset.initialStateCostEstimate()) {
                try (NDManager starts = manager.newSubManager()) {
                    x.withInitialStates(starts.create(initialStates(), new ai.djl.ndarray.types.Shape(data.episodeCount(), data.obsDim())));
                }
            }
            progress.start("policy " + regularizer.name() + " × " + handler.name() + " κ=" + costThreshold,
                    preset.pretrainSteps() + preset.extractSteps());
            for (int i = 0; i < preset.pretrainSteps(); i++) {
                try (NDManager step = manager.newSubManager()) {
                    pretrainLog.accept(x.pretrainStep(batches.sample(step, preset.extractBatch()), step));
                }
                progress.advance(1);
            }
            for (int i = 0; i < preset.extractSteps(); i++) {
                try (NDManager step = manager.newSubManager()) {
                    log.accept(x.step(batches.sample(step, preset.extractBatch()), step));
                }
                progress.advance(1);
            }
            lastSelection = online == null ? java.util.Optional.empty() : x.restoreBestSafe();
            progress.finish();
        }
        return policy;
    }

    /** The first observation of every episode of the dataset, row after row. */
    private float[] initialStates() {
        float[] starts = new float[data.episodeCount() * data.obsDim()];
        for (int e = 0; e < data.episodeCount(); e++) {
            System.arraycopy(data.observation(data.episode(e).start()), 0, starts, e * data.obsDim(), data.obsDim());
        }
        return starts;
    }

    /**
     * Which policy the last {@link #extract} with online estimates kept and what the confirmation
     * episodes measured of it (see {@link PolicyExtractor#restoreBestSafe()}); empty without online
     * estimates, where the final policy is kept.
     */
    public java.util.Optional<PolicyExtractor.Selection> lastSelection() {
        return lastSelection;
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
        DeterministicPolicy policy = new DeterministicPolicy(manager, subset.obsDim(), subset.actDim(), preset.policyHidden(),
                new SplittableRandom(seed ^ 0xE1L));
        ExtractionConfig config = new ExtractionConfig(preset.policyLearningRate(), 1.0, 0, 0,
                horizon, 0.99, 1.0, false, false);
        TransitionSampler batches = new TransitionSampler(subset, seed ^ 0xE2L);
        try (PolicyExtractor x = new PolicyExtractor(policy, config, regularizer, null, null, null, null,
                new SeededTrainingRandom(seed ^ 0xE3L))) {
            progress.start("policy " + regularizer.name() + " (cloning)", steps);
            for (int i = 0; i < steps; i++) {
                try (NDManager step = manager.newSubManager()) {
                    log.accept(x.pretrainStep(batches.sample(step, preset.extractBatch()), step));
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
        manager.close();
    }
}
