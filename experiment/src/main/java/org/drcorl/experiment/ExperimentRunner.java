package org.drcorl.experiment;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.drcorl.data.OfflineDataset;
import org.drcorl.eval.Evaluation;
import org.drcorl.eval.EvaluationSeeds;
import org.drcorl.eval.Evaluator;
import org.drcorl.eval.PlainMlpPolicy;
import org.drcorl.report.AtomicFiles;
import org.drcorl.report.MetricsLog;
import org.drcorl.report.Numbers;
import org.drcorl.spi.NormalizationConstants;
import org.drcorl.spi.Regularizer;
import org.drcorl.train.CheckpointMetadata;
import org.drcorl.train.OfflinePipeline;
import org.drcorl.train.SavedPolicy;
import org.drcorl.train.TrainingProgress;
import org.drcorl.train.extract.DeterministicPolicy;
import org.drcorl.train.extract.SimulatorAudit;
import org.drcorl.train.extract.PolicyExtractor;

/**
 * The one experiment runner of drcorl, behind {@code drcorl run} and {@code drcorl evaluate},
 * the notebooks and the benchmarks: per seed, the behaviour model and critics once, then a policy
 * per (budget, algorithm), each saved with its per-step metrics, then evaluated on the episodes
 * {@link EvaluationSeeds} fixes. A policy saved by an earlier run of the same configuration is
 * reused instead of trained again, so an interrupted run resumes where it stopped. The results
 * come back as data ({@link RunResults}: the evaluations and Tablesaw tables) and are also written
 * into the run directory (CSVs, charts, HTML report).
 *
 * <pre>{@code
 * ExperimentConfig config = ExperimentConfig.DEFAULTS.withAlgos("drcorl", "bc-safe").withThresholds(20.0);
 * try (PluginRuntime runtime = PluginRuntime.load(pluginDirs)) {
 *     ExperimentSetup setup = ExperimentSetup.resolve(config, runtime);
 *     RunResults results = new ExperimentRunner(setup, new RunLayout(Path.of("runs/mine")), ExperimentListener.lines()).run(false);
 *     System.out.println(ResultsTables.text(results.summary()));
 * }
 * }</pre>
 */
public final class ExperimentRunner {
    /** The {@link SavedPolicy} result key of the phase-2 step an online selection kept. */
    static final String SELECTED_STEP = "selected-step";

    private final ExperimentSetup setup;
    private final RunLayout layout;
    private final ExperimentListener listener;
    private final Path stagesFrom;
    private final int jobs;

    public ExperimentRunner(ExperimentSetup setup, RunLayout layout, ExperimentListener listener) {
        this(setup, layout, listener, null, 1);
    }

    private ExperimentRunner(ExperimentSetup setup, RunLayout layout, ExperimentListener listener, Path stagesFrom, int jobs) {
        this.setup = setup;
        this.layout = layout;
        this.listener = listener;
        this.stagesFrom = stagesFrom;
        this.jobs = jobs;
    }

    /** The most training jobs at once a run may ask for: 4 per core (as for intra-op threads); beyond that they only wait. */
    public static int maxJobs() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    /**
     * This runner, training up to {@code jobs} independent things at once, each on a thread of its
     * own: a seed's behaviour model, critics and learned model, then its policies (every algorithm
     * and budget). The results are those of one job at a time, bit for bit (each job has its own
     * random streams and copies what it tunes); only the order of the info lines differs. Worth it
     * where each job leaves cores idle, as the default's one intra-op thread does.
     */
    public ExperimentRunner withJobs(int jobs) {
        if (jobs < 1 || jobs > maxJobs()) {
            throw new UserError("--jobs " + jobs + ": between 1 and " + maxJobs() + " (4 per core on this machine)");
        }
        return new ExperimentRunner(setup, layout, listener, stagesFrom, jobs);
    }

    /**
     * This runner, reusing the behaviour model and critics another run directory trained (a
     * sweep's stage run, made by {@link #trainStagesOnly}): its checkpoints and stage logs are
     * linked (or copied) into this run before anything trains, and used where their settings match.
     */
    public ExperimentRunner withStagesFrom(Path run) {
        if (!Files.isRegularFile(new RunLayout(run).config())) {
            throw new UserError("--stages-from " + run + ": not a run directory (no config.json)");
        }
        return new ExperimentRunner(setup, layout, listener, run, jobs);
    }

    public ExperimentSetup setup() {
        return setup;
    }

    public RunLayout layout() {
        return layout;
    }

    /** {@link #run(boolean, Optional)} with no dataset hash to check against. */
    public RunResults run(boolean fresh) {
        return run(fresh, Optional.empty());
    }

    /**
     * Runs the whole experiment: reads (or, for the default file, collects) the dataset, writes
     * {@code config.json}, trains what is not saved yet, evaluates every policy and writes the
     * results, charts and report.
     *
     * @param fresh           first delete what an earlier run wrote in the run directory
     * @param recordedDataHash the dataset content hash a configuration file recorded: the run
     *                        refuses a dataset that has changed since
     */
    public RunResults run(boolean fresh, Optional<String> recordedDataHash) {
        layout.requireRunOrEmpty();
        try (RunLock lock = RunLock.acquire(layout.root())) {
            return runLocked(fresh, recordedDataHash);
        }
    }

    private RunResults runLocked(boolean fresh, Optional<String> recordedDataHash) {
        OfflineDataset data = setup.loadDataset(listener);
        String dataHash = data.contentHash();
        if (recordedDataHash.isPresent() && !recordedDataHash.get().equals(dataHash)) {
            throw new UserError("dataset " + setup.datasetFile() + " has changed since the config was written (content sha256 "
                    + recordedDataHash.get() + ", now " + dataHash + "); restore it, or remove 'resolved' from the config to"
                    + " accept the new data");
        }
        NormalizationConstants constants = setup.normalization(data);
        requireDataFitsTask(data);
        requireSafeEpisodes(data);
        requireTaskStarts();
        warnAboutConventions(data);
        listener.notice("drcorl: scores are normalized with " + setup.normalizationSource(data) + ": R_min "
                + Numbers.compact(constants.rewardMin()) + ", R_max " + Numbers.compact(constants.rewardMax()) + ", C_max "
                + Numbers.compact(constants.costMax()));
        start(fresh, data, dataHash, constants);
        if (stagesFrom != null) importStages();
        List<Evaluation> evaluations = trainAndEvaluate(data, dataHash, constants);
        return RunReport.write(setup, layout, data, constants, evaluations, RunReport.facts(setup, layout, data, dataHash));
    }

    /**
     * Trains stages 1 and 2 of every seed, as far as the algorithms need them (the behaviour model
     * only for a regularizer that reads it), and writes config.json, the checkpoints and the stage
     * logs; no policy. A sweep's stage points are such runs; its extraction points reuse them
     * ({@link #withStagesFrom}).
     */
    public void trainStagesOnly(boolean fresh) {
        layout.requireRunOrEmpty();
        try (RunLock lock = RunLock.acquire(layout.root())) {
            OfflineDataset data = setup.loadDataset(listener);
            requireDataFitsTask(data);
            start(fresh, data, data.contentHash(), setup.normalization(data));
            boolean critics = setup.algorithms().stream().anyMatch(a -> a.cloning() == null);
            boolean behavior = setup.algorithms().stream().anyMatch(a -> a.cloning() == null && setup.regularizer(a).needsBehaviorModel());
            for (long seed : setup.seeds()) {
                try (NDManager root = NDManager.newBaseManager(setup.device());
                     OfflinePipeline pipeline = new OfflinePipeline(data, setup.preset(), seed, setup.task().maxEpisodeSteps(), root,
                             setup.taskId(), layout.checkpoints(seed))) {
                    trainStages(pipeline, seed, behavior, critics, new ParallelTraining(jobs, listener));
                }
            }
        }
    }

    /**
     * The first writes of a run, once every check has passed: what an earlier run wrote is cleared
     * ({@code fresh}), a killed run's temporaries swept, and config.json recorded.
     */
    private void start(boolean fresh, OfflineDataset data, String dataHash, NormalizationConstants constants) {
        if (fresh) layout.clear();
        AtomicFiles.removeLeftovers(layout.root());
        var resolved = setup.resolvedJson(dataHash, data.size(), data.episodeCount(), constants, setup.normalizationSource(data));
        resolved.put("training-jobs", jobs); // how many trained at once: the results do not depend on it
        AtomicFiles.writeString(layout.config(), setup.config().toJsonText(resolved));
    }

    /**
     * Links the stage run's checkpoints and stage logs into this run where this run has none (a
     * copy where the filesystem refuses links). Checkpoints are replaced by renaming, never written
     * in place, so a linked file never changes under the other run.
     */
    private void importStages() {
        RunLayout from = new RunLayout(stagesFrom);
        for (long seed : setup.seeds()) {
            List<Path[]> pairs = new ArrayList<>();
            Path source = from.checkpoints(seed);
            if (Files.isDirectory(source)) {
                try (var files = Files.list(source)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        pairs.add(new Path[] {f, layout.checkpoints(seed).resolve(f.getFileName().toString())});
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
                }
            }
            for (String stage : List.of("behavior-model", "critics")) pairs.add(new Path[] {from.stageLog(seed, stage), layout.stageLog(seed, stage)});
            for (Path[] pair : pairs) {
                if (!Files.isRegularFile(pair[0]) || Files.exists(pair[1])) continue;
                try {
                    Files.createDirectories(pair[1].getParent());
                    if (!link(pair[0], pair[1])) Files.copy(pair[0], pair[1]);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot take " + pair[0] + " into " + layout.root() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Hard-links {@code target} to {@code source}; false where the filesystem cannot (no hard links,
     * or the two runs on different filesystems), and the caller copies instead.
     */
    private static boolean link(Path source, Path target) {
        try {
            Files.createLink(target, source);
            return true;
        } catch (UnsupportedOperationException | java.io.IOException e) {
            return false;
        }
    }

    /**
     * Evaluates the saved policies of the run directory again, on {@code episodes} episodes per
     * policy and seed (null: the preset's), and rewrites the results, charts and report.
     *
     * @throws UserError when a policy of the configuration is missing or was trained on other data
     */
    public RunResults evaluate(Integer episodes) {
        return evaluate(episodes, false);
    }

    /**
     * {@link #evaluate(Integer)}; with {@code replace} false, results of the run made on another
     * episode count are not overwritten (an error says so): a 5-episode check must not silently
     * take the place of the run's 20-episode numbers.
     */
    public RunResults evaluate(Integer episodes, boolean replace) {
        if (episodes != null && episodes < 1) throw new UserError("--episodes must be >= 1, got " + episodes);
        int n = episodes != null ? episodes : setup.preset().evalEpisodes();
        if (!replace) {
            java.util.Set<Integer> existing = existingEpisodeCounts();
            if (!existing.isEmpty() && !existing.equals(java.util.Set.of(n))) {
                throw new UserError(layout.results() + " holds an evaluation on " + (existing.size() == 1 ? existing.iterator().next()
                        : existing.toString()) + " episodes per policy and seed; evaluating on " + n + " would overwrite it:"
                        + " pass --replace, or copy the run folder and evaluate the copy");
            }
        }
        if (!Files.exists(setup.datasetFile())) {
            throw new UserError("the dataset of " + layout.root() + ", " + setup.datasetFile() + ", does not exist");
        }
        try (RunLock lock = RunLock.acquire(layout.root())) {
            return evaluateLocked(episodes);
        }
    }

    /** The episode counts of the run's current results (empty when it has none yet). */
    private java.util.Set<Integer> existingEpisodeCounts() {
        if (!Files.isRegularFile(layout.scores())) return java.util.Set.of();
        java.util.Set<Integer> counts = new java.util.TreeSet<>();
        try {
            org.drcorl.report.ResultsTables.readScores(layout.scores()).intColumn("episodes").forEach(counts::add);
        } catch (RuntimeException e) {
            return java.util.Set.of(); // unreadable results are rewritten; nothing of value is lost
        }
        return counts;
    }

    private RunResults evaluateLocked(Integer episodes) {
        OfflineDataset data = setup.loadDataset(listener);
        String dataHash = data.contentHash();
        NormalizationConstants constants = setup.normalization(data);
        int n = episodes != null ? episodes : setup.preset().evalEpisodes();
        List<Evaluation> evaluations = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try (NDManager root = NDManager.newBaseManager(setup.device())) {
            for (long seed : setup.seeds()) {
                for (double kappa : setup.thresholds()) {
                    for (Algorithm a : setup.algorithms()) {
                        Path dir = layout.policyDir(a.name(), kappa);
                        String name = RunLayout.policyName(seed);
                        if (SavedPolicy.metadata(dir, name).isEmpty()) {
                            missing.add(a.name() + " κ=" + Numbers.compact(kappa) + " seed " + seed);
                            continue;
                        }
                        try (SavedPolicy saved = SavedPolicy.load(dir, name, root)) {
                            if (!saved.metadata().dataHash().equals(dataHash)) {
                                throw new UserError(dir.resolve(name + ".json") + ": trained on other data than "
                                        + setup.datasetFile() + " holds now");
                            }
                            evaluations.add(evaluate(saved.policy(), a, kappa, seed, n, constants, selectedStep(saved)));
                        }
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new UserError(layout.root() + ": no saved policy for " + String.join(", ", missing)
                    + "; finish the run with: drcorl run --config " + layout.config() + " --out " + layout.root());
        }
        Map<String, String> facts = RunReport.facts(setup, layout, data, dataHash);
        facts.put("evaluation", n + " episodes per policy and seed (drcorl evaluate)");
        return RunReport.write(setup, layout, data, constants, evaluations, facts);
    }

    /**
     * The data must be the task's (dimensions, action bounds, the file's task id, plausible values):
     * found here, before anything trains, not when the first policy meets the simulator.
     */
    private void requireDataFitsTask(OfflineDataset data) {
        List<String> problems = org.drcorl.data.DatasetValidator.validate(data, setup.task());
        if (!problems.isEmpty()) {
            throw new UserError("dataset " + setup.datasetFile() + " does not fit task " + setup.taskId() + ": "
                    + String.join("; ", problems));
        }
    }

    /**
     * A file of the task's sizes recorded under other conventions (DSRL's Car data before this
     * project's car followed them, say) trains, but its policy misbehaves: said before training.
     */
    private void warnAboutConventions(OfflineDataset data) {
        List<org.drcorl.spi.DataConvention> conventions = setup.provider().dataConventions(setup.taskId());
        for (String w : org.drcorl.data.DataConventionCheck.warnings(data, setup.taskId(), conventions)) {
            listener.notice("drcorl: warning: dataset " + setup.datasetFile() + ": " + w);
        }
    }

    /**
     * The evaluation's simulator must start: a task whose model does not load (a user's broken MJCF,
     * a missing native library) fails here in one line, not after hours of training.
     */
    private void requireTaskStarts() {
        try (org.drcorl.spi.SafeEnv env = setup.provider().create(setup.taskId())) {
            env.reset(0);
        } catch (UserError | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UserError("task " + setup.taskId() + " does not start: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /**
     * Cloning the safe episodes needs some, and so does a warm start on them
     * ({@code pretrain-regression-safe}): checked for every budget before anything trains.
     */
    private void requireSafeEpisodes(OfflineDataset data) {
        var preset = setup.preset();
        boolean safeWarmStart = preset.pretrainRegressionSteps() > 0 && preset.pretrainRegressionSafe();
        String needs = safeWarmStart ? "'s warm start (pretrain-regression-safe)" : "'s behaviour model (behavior-safe-episodes)";
        for (Algorithm a : setup.algorithms()) {
            boolean extraction = a.cloning() == null;
            if (a.cloning() != Algorithm.Cloning.SAFE && !(extraction && (safeWarmStart || preset.behaviorSafeEpisodes()))) continue;
            for (double kappa : setup.thresholds()) {
                if (data.safeEpisodes(kappa).size() == 0) {
                    throw new UserError("no episode of " + setup.datasetFile() + " is within κ = " + Numbers.compact(kappa)
                            + ", so " + a.name() + (extraction ? needs : "")
                            + " has nothing to clone; drop that budget or that algorithm");
                }
            }
        }
    }

    /** One policy of the configuration: an algorithm at a budget, and the saved policy it may reuse. */
    private record Cell(Algorithm algorithm, double kappa, String where, Map<String, String> description, Path dir, String name,
                        boolean saved) {}

    /** A policy ready to evaluate, and the phase-2 step the offline selection kept (none for cloning). */
    private record Trained(DeterministicPolicy policy, OptionalLong selected) {}

    /**
     * Trains (or reuses) and evaluates every policy of the configuration, seed by seed: the policies
     * still to train are trained {@link #withJobs jobs} at a time, then all are evaluated in order.
     */
    private List<Evaluation> trainAndEvaluate(OfflineDataset data, String dataHash, NormalizationConstants constants) {
        List<Evaluation> results = new ArrayList<>();
        var preset = setup.preset();
        ParallelTraining parallel = new ParallelTraining(jobs, listener);
        for (long seed : setup.seeds()) {
            try (NDManager root = NDManager.newBaseManager(setup.device());
                 OfflinePipeline pipeline = new OfflinePipeline(data, preset, seed, setup.task().maxEpisodeSteps(), root,
                         setup.taskId(), layout.checkpoints(seed))) {
                pipeline.useTaskTermination(setup.taskTermination().orElse(null));
                trainStagesIfNeeded(pipeline, seed, dataHash, parallel);
                List<Cell> cells = new ArrayList<>();
                for (double kappa : setup.thresholds()) {
                    for (Algorithm a : setup.algorithms()) {
                        Map<String, String> description = setup.policyDescription(a, kappa);
                        Path dir = layout.policyDir(a.name(), kappa);
                        String name = RunLayout.policyName(seed);
                        boolean saved = SavedPolicy.findMatching(dir, name, setup.taskId(), seed, dataHash, description).isPresent();
                        cells.add(new Cell(a, kappa, a.name() + " κ=" + Numbers.compact(kappa) + " seed " + seed, description, dir, name, saved));
                    }
                }
                // Cloning every episode does not depend on κ: trained once per seed (the first budget's cell), saved under each κ.
                java.util.Set<String> budgetFreeSeen = new java.util.HashSet<>();
                List<Cell> toTrain = new ArrayList<>();
                List<ParallelTraining.Job<Trained>> work = new ArrayList<>();
                for (Cell c : cells) {
                    boolean first = c.algorithm().cloning() != Algorithm.Cloning.ALL || budgetFreeSeen.add(c.algorithm().name());
                    if (c.saved() || !first) continue;
                    toTrain.add(c);
                    // plugin instances are made here, on this thread: a plugin manager need not be thread-safe
                    Regularizer reg = setup.regularizer(c.algorithm());
                    var handler = c.algorithm().cloning() == null ? setup.handler(c.algorithm()) : null;
                    long planned = preset.cloningSteps() + (c.algorithm().cloning() == null ? preset.evaluation().pretrainSteps()
                            + preset.pretrainRegressionSteps() + (preset.selection().safeBaseline() ? preset.cloningSteps() : 0) : 0);
                    work.add(new ParallelTraining.Job<>(c.where(), planned,
                            (progress, out) -> trainCell(pipeline, c, reg, handler, seed, dataHash, constants, progress, out)));
                }
                List<Trained> trained = parallel.run("policies of seed " + seed, work);
                Map<Cell, Trained> byCell = new HashMap<>();
                for (int i = 0; i < toTrain.size(); i++) byCell.put(toTrain.get(i), trained.get(i));
                Map<String, float[]> budgetFree = new HashMap<>();
                for (Cell c : cells) {
                    Algorithm a = c.algorithm();
                    DeterministicPolicy policy;
                    OptionalLong selected;
                    if (c.saved()) {
                        SavedPolicy loaded = SavedPolicy.load(c.dir(), c.name(), root);
                        policy = loaded.policy();
                        if (a.cloning() == Algorithm.Cloning.ALL) budgetFree.putIfAbsent(a.name(), policy.parameters().flatten());
                        selected = selectedStep(loaded);
                        listener.info("  " + c.where() + ": reusing the saved policy");
                    } else if (byCell.containsKey(c)) {
                        policy = byCell.get(c).policy();
                        selected = byCell.get(c).selected();
                        if (a.cloning() == Algorithm.Cloning.ALL) budgetFree.put(a.name(), policy.parameters().flatten());
                    } else {
                        policy = new DeterministicPolicy(root, data.obsDim(), data.actDim(), preset.policyHidden(), new SplittableRandom(seed));
                        policy.parameters().load(budgetFree.get(a.name()));
                        selected = OptionalLong.empty();
                        listener.info("  " + c.where() + ": the policy trained for the first budget (cloning every"
                                + " episode does not depend on κ)");
                        save(c, policy, seed, dataHash, constants, selected);
                    }
                    try (policy) {
                        results.add(evaluate(policy, a, c.kappa(), seed, preset.evalEpisodes(), constants, selected));
                    }
                }
            }
        }
        return results;
    }

    /** Trains one cell's policy and saves it with its logs (run as a job, possibly beside others). */
    private Trained trainCell(OfflinePipeline pipeline, Cell c, Regularizer reg, org.drcorl.spi.ConstraintHandler handler, long seed,
                              String dataHash, NormalizationConstants constants, org.drcorl.train.TrainingProgress progress,
                              ExperimentListener out) {
        Algorithm a = c.algorithm();
        OfflinePipeline.Extraction e = train(pipeline, a, reg, handler, c.kappa(), seed, progress, out);
        OptionalLong selected = OptionalLong.empty();
        if (e.selection().isPresent()) {
            var sel = e.selection().get();
            selected = OptionalLong.of(sel.step());
            boolean baseline = sel.step() == PolicyExtractor.BASELINE_STEP;
            out.info(String.format("  %s: kept %s of %d compared (estimated offline:"
                            + " reward return %.1f, Ĉ upper bound %.2f%s)", c.where(),
                    keptPolicy(sel.step()),
                    sel.compared(), sel.rewardReturn(), sel.normalizedCost(),
                    baseline ? "; no policy was judged a safe improvement on it" + (sel.withinBudget() ? "" : ", and its own bound is over the budget")
                            : sel.withinBudget() ? "" : "; none within the budget, so the safest"));
        }
        save(c, e.policy(), seed, dataHash, constants, selected);
        return new Trained(e.policy(), selected);
    }

    /** Which policy the offline selection kept after phase-2 step {@code step}, in words. */
    private String keptPolicy(long step) {
        if (step == PolicyExtractor.BASELINE_STEP) return "the BC-Safe baseline";
        if (step < 0) return "the phase-1 policy";
        return setup.preset().selection().averagedSnapshots()
                ? "the mean of the policies of the phase-2 steps up to " + step + " since the snapshot before"
                : "the policy after phase-2 step " + step;
    }

    /** Saves a cell's policy with what a user of it outside the run needs (drcorl policy info, export). */
    private void save(Cell c, DeterministicPolicy policy, long seed, String dataHash, NormalizationConstants constants,
                      OptionalLong selected) {
        var preset = setup.preset();
        Map<String, String> outcome = new LinkedHashMap<>();
        selected.ifPresent(s -> outcome.put(SELECTED_STEP, Long.toString(s)));
        outcome.put("action-low", java.util.Arrays.toString(setup.task().actionLow()));
        outcome.put("action-high", java.util.Arrays.toString(setup.task().actionHigh()));
        outcome.put("reward-min", Double.toString(constants.rewardMin()));
        outcome.put("reward-max", Double.toString(constants.rewardMax()));
        outcome.put("cost-max", Double.toString(constants.costMax()));
        long steps = (long) preset.pretrainSteps() + preset.extractSteps();
        SavedPolicy.save(c.dir(), c.name(), policy, setup.taskId(), seed, steps, dataHash, preset.policyHidden(),
                c.description(), outcome);
    }

    private Evaluation evaluate(DeterministicPolicy policy, Algorithm a, double kappa, long seed, int episodes,
                                NormalizationConstants constants, OptionalLong selected) {
        Evaluation e = Evaluator.evaluate(setup.provider(), setup.taskId(), PlainMlpPolicy.of(policy.network(), true), a.name(),
                kappa, seed, episodes, constants, selected);
        listener.info(String.format("  %s κ=%s seed %d: reward %.3f, cost %.3f", a.name(), Numbers.compact(kappa), seed,
                e.score().normalizedReward(), e.score().normalizedCost()));
        return e;
    }

    private static OptionalLong selectedStep(SavedPolicy saved) {
        return saved.result(SELECTED_STEP).map(s -> OptionalLong.of(Long.parseLong(s))).orElse(OptionalLong.empty());
    }

    /**
     * Trains the behaviour model and the critics of a seed when a policy still to be trained
     * needs them, logging their losses (a checkpoint reused from an earlier run leaves its log as it was).
     */
    private void trainStagesIfNeeded(OfflinePipeline pipeline, long seed, String dataHash, ParallelTraining parallel) {
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
        trainStages(pipeline, seed, behavior, critics, parallel);
    }

    /**
     * Trains (or loads) stage 1 when {@code behavior}, stage 2 and the learned model when
     * {@code critics}, logging their losses; the three are independent, so they are jobs of
     * {@code parallel}.
     */
    private void trainStages(OfflinePipeline pipeline, long seed, boolean behavior, boolean critics, ParallelTraining parallel) {
        List<ParallelTraining.Job<Void>> work = new ArrayList<>();
        if (behavior) {
            int steps = setup.preset().behaviorSteps();
            work.add(new ParallelTraining.Job<>("behaviour model", steps, (progress, out) -> {
                MetricsLog log = new MetricsLog();
                long[] step = {0};
                // the log is written at the last step, before the stage saves its checkpoint: a run killed
                // between the two would otherwise reuse the checkpoint and never have the log
                pipeline.behaviorModel(progress, loss -> {
                    log.add(step[0]++, Map.of("loss", (double) loss));
                    if (step[0] == steps) log.write(layout.stageLog(seed, "behavior-model"));
                });
                return null;
            }));
        }
        if (critics) {
            int criticSteps = setup.preset().criticSteps();
            work.add(new ParallelTraining.Job<>("critics", criticSteps, (progress, out) -> {
                MetricsLog log = new MetricsLog();
                long[] step = {0};
                pipeline.trainCritics(progress, l -> {
                    Map<String, Double> v = new LinkedHashMap<>();
                    v.put("reward_q", (double) l[0].q());
                    v.put("reward_v", (double) l[0].v());
                    v.put("cost_q", (double) l[1].q());
                    v.put("cost_v", (double) l[1].v());
                    log.add(step[0]++, v);
                    if (step[0] == criticSteps) log.write(layout.stageLog(seed, "critics")); // before the checkpoint
                });
                return null;
            }));
            int modelSteps = setup.preset().model().steps();
            if (modelSteps > 0) {
                work.add(new ParallelTraining.Job<>("dynamics model", modelSteps, (progress, out) -> {
                    MetricsLog modelLog = new MetricsLog();
                    long[] modelStep = {0};
                    pipeline.dynamicsModel(setup.preset().model(), progress, loss -> {
                        modelLog.add(modelStep[0]++, Map.of("loss", (double) loss));
                        if (modelStep[0] == modelSteps) modelLog.write(layout.stageLog(seed, "dynamics-model")); // before the checkpoint
                    });
                    return null;
                }));
            }
        }
        parallel.run("stages of seed " + seed, work);
        if (critics) {
            var check = pipeline.criticCheck();
            listener.info(String.format(java.util.Locale.ROOT, "  critics, seed %d, at the episode starts: reward Q %.1f vs the data's"
                            + " discounted return %.1f (%.0f %%), cost Q %.2f vs %.2f (%.0f %%)", seed, check.rewardQ(),
                    check.rewardReturn(), 100 * check.rewardQ() / check.rewardReturn(), check.costQ(), check.costReturn(),
                    100 * check.costQ() / check.costReturn()));
        }
    }

    private OfflinePipeline.Extraction train(OfflinePipeline pipeline, Algorithm a, Regularizer reg,
                                             org.drcorl.spi.ConstraintHandler handler, double kappa, long seed,
                                             org.drcorl.train.TrainingProgress progress, ExperimentListener out) {
        var preset = setup.preset();
        if (a.cloning() != null) {
            OfflineDataset subset = a.cloning() == Algorithm.Cloning.SAFE ? pipeline.data().safeEpisodes(kappa) : pipeline.data();
            if (subset.size() == 0) {
                throw new UserError("no episode of the dataset is within κ = " + Numbers.compact(kappa) + " for " + a.name());
            }
            MetricsLog metrics = new MetricsLog();
            DeterministicPolicy policy = pipeline.behaviorCloning(subset, reg, preset.cloningSteps(),
                    progress, log -> addRegularizerLoss(metrics, log));
            metrics.write(layout.metrics(a.name(), kappa, seed));
            return new OfflinePipeline.Extraction(policy, Optional.empty());
        }
        int auditEpisodes = setup.config().auditEpisodes();
        var audit = auditEpisodes == 0 ? null : new SimulatorAudit(setup.provider(), setup.taskId(), auditEpisodes,
                EvaluationSeeds.audit(seed));
        MetricsLog phase1 = new MetricsLog();
        MetricsLog metrics = new MetricsLog();
        // phase 1 opens with the regression warm start, then the regularizer: one log, a column per loss
        long[] phase1Steps = {0};
        int regression = preset.pretrainRegressionSteps();
        OfflinePipeline.Extraction e = pipeline.extractAndSelect(reg, handler, kappa, audit, progress,
                log -> {
                    long i = phase1Steps[0]++;
                    phase1.add(i, Map.of(i < regression ? "regression_loss" : "regularizer_loss", log.regularizerLoss()));
                }, log -> {
                    metrics.add(log.step(), log.values());
                    out.step(a.name(), kappa, seed, log);
                });
        // the log goes first: a saved policy always has its log next to it
        if (phase1.size() > 0) phase1.write(layout.phase1Metrics(a.name(), kappa, seed));
        metrics.write(layout.metrics(a.name(), kappa, seed));
        e.selection().ifPresent(sel -> selectionLog(sel, audit != null).write(layout.selectionLog(a.name(), kappa, seed)));
        return e;
    }

    /**
     * The offline selection, one row per compared policy (step −1: the phase-1 policy): its
     * re-evaluated estimates, whether it was kept, and what an audit measured of it where there was one.
     */
    private static MetricsLog selectionLog(PolicyExtractor.Selection selection, boolean audited) {
        MetricsLog log = new MetricsLog();
        for (PolicyExtractor.Candidate c : selection.candidates()) {
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("reward_estimate", c.rewardReturn());
            v.put("cost_estimate_mean", c.normalizedCostMean());
            v.put("cost_estimate", c.normalizedCost());
            if (!Double.isNaN(c.modelCost())) {
                v.put("model.reward", c.modelReward());
                v.put("model.cost_mean", c.modelCostMean());
                v.put("model.cost", c.modelCost());
                v.put("model.reward_mean", c.modelRewardMean());
                // each member's judgement, so that another rule (another k, a paired comparison) can be replayed
                double[] costs = c.modelCostMembers(), rewards = c.modelRewardMembers();
                for (int m = 0; m < costs.length; m++) v.put("model.cost." + m, costs[m]);
                for (int m = 0; m < rewards.length; m++) v.put("model.reward." + m, rewards[m]);
            }
            if (!Double.isNaN(c.deviation())) v.put("deviation", c.deviation());
            v.put("kept", c.step() == selection.step() ? 1.0 : 0.0);
            if (audited) {
                v.put("audit.cost", c.auditCost());
                v.put("audit.reward", c.auditReward());
            }
            log.add(c.step(), v);
        }
        return log;
    }

    /** A data-only step (cloning, phase 1): the regularizer's loss is all there is to log. */
    private static void addRegularizerLoss(MetricsLog metrics, PolicyExtractor.StepLog log) {
        metrics.add(log.step(), Map.of("regularizer_loss", log.regularizerLoss()));
    }
}
