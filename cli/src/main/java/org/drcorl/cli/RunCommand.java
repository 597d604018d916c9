package org.drcorl.cli;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.drcorl.data.DatasetCollector;
import org.drcorl.data.DatasetException;
import org.drcorl.data.DsrlHdf5Reader;
import org.drcorl.data.DsrlHdf5Writer;
import org.drcorl.data.OfflineDataset;
import org.drcorl.eval.Evaluator;
import org.drcorl.eval.PlainMlpPolicy;
import org.drcorl.eval.PolicyScore;
import org.drcorl.plugins.PluginRuntime;
import org.drcorl.spi.NormalizationConstants;
import org.drcorl.spi.PluginOptions;
import org.drcorl.spi.TaskProvider;
import org.drcorl.spi.TaskSpec;
import org.drcorl.train.Algorithm;
import org.drcorl.train.DeterministicPolicy;
import org.drcorl.train.OfflinePipeline;
import org.drcorl.train.Preset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drcorl run}: train and evaluate algorithms on a task's offline data, per budget and seed. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Train the behaviour model and critics once per seed, extract a policy per algorithm and cost"
                + " threshold, evaluate each, and print the results table.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    Global global;

    @Spec
    CommandSpec spec;

    @Option(names = "--task", defaultValue = "OfflineCarCircle-v0", paramLabel = "ID", description = "Task (default ${DEFAULT-VALUE}).")
    String taskId;

    @Option(names = "--dataset", paramLabel = "FILE",
            description = "Offline dataset; default: runs/data/TASK.hdf5, collected on first use.")
    Path datasetFile;

    @Option(names = "--collect-episodes", defaultValue = "200", paramLabel = "N",
            description = "Episodes to collect when the default dataset does not exist yet (default ${DEFAULT-VALUE}).")
    int collectEpisodes;

    @Option(names = "--algos", split = ",", defaultValue = "drcorl,bc-safe,bc-all", paramLabel = "A1,A2",
            description = "Algorithms (default ${DEFAULT-VALUE}); presets drcorl, drcorl-lag, drcorl-unconstrained,"
                    + " bc-lag, bc-safe, bc-all, or REGULARIZER+HANDLER.")
    List<String> algorithms;

    @Option(names = "--thresholds", split = ",", paramLabel = "K1,K2", description = "Cost budgets κ; default: the task's.")
    List<Double> thresholds;

    @Option(names = "--seeds", split = ",", defaultValue = "0", paramLabel = "S1,S2", description = "Seeds (default ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--preset", defaultValue = "quick", paramLabel = "NAME", description = "smoke, quick or paper (default ${DEFAULT-VALUE}).")
    String presetName;

    @Option(names = "--quiet", description = "No progress bars.")
    boolean quiet;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (checkpoints per seed); default runs/TASK-PRESET.")
    Path runDirectory;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a numeric setting of the preset (repeatable),"
            + " e.g. --set beta-start=0.05 --set extract-steps=5000.")
    java.util.Map<String, String> overrides = new java.util.LinkedHashMap<>();

    @Option(names = "--regularizer-opt", paramLabel = "KEY=VALUE",
            description = "Option of the regularizer(s) (repeatable), e.g. --regularizer-opt variance-reduced=true.")
    java.util.Map<String, String> regularizerOptions = new java.util.LinkedHashMap<>();

    @Option(names = "--handler-opt", paramLabel = "KEY=VALUE",
            description = "Option of the constraint handler(s) (repeatable), e.g. --handler-opt slack=0.2.")
    java.util.Map<String, String> handlerOptions = new java.util.LinkedHashMap<>();

    @Option(names = "--fresh", description = "Ignore and replace the run directory's checkpoints.")
    boolean fresh;

    private Preset preset;

    @Override
    public Integer call() throws Exception {
        preset = Preset.named(presetName).with(overrides);
        List<Algorithm> algos = algorithms.stream().map(Algorithm::named).toList();
        PrintWriter out = spec.commandLine().getOut();
        try (PluginRuntime runtime = global.loadPlugins(spec.commandLine().getErr())) {
            TaskProvider provider = runtime.requireProvider(taskId);
            TaskSpec task = runtime.requireSpec(taskId);
            List<Double> kappas = thresholds != null ? thresholds : task.costThresholds();
            for (Algorithm a : algos) { // fail before any training on a name that does not exist
                regularizer(runtime, a);
                if (a.handler() != null) handler(runtime, a);
            }
            OfflineDataset data = dataset(provider);
            NormalizationConstants constants = data.normalization().orElse(task.normalization());
            List<PolicyScore> scores = new ArrayList<>();
            ConsoleProgress progress = new ConsoleProgress(quiet);
            Path runDir = runDirectory != null ? runDirectory : Path.of("runs", taskId + "-" + preset.name());
            if (fresh) deleteCheckpoints(runDir);
            for (long seed : seeds) {
                try (NDManager root = NDManager.newBaseManager();
                     OfflinePipeline pipeline = new OfflinePipeline(data, preset, seed, task.maxEpisodeSteps(), root, taskId,
                             runDir.resolve("checkpoints").resolve("seed-" + seed))) {
                    for (double kappa : kappas) {
                        for (Algorithm a : algos) {
                            var reg = regularizer(runtime, a);
                            DeterministicPolicy policy;
                            if (a.cloning() != null) {
                                OfflineDataset subset = a.cloning() == Algorithm.Cloning.SAFE ? data.safeEpisodes(kappa) : data;
                                if (subset.size() == 0) throw new UserError("no episode of the dataset is within κ = " + kappa + " for " + a.name());
                                policy = pipeline.behaviorCloning(subset, reg, preset.pretrainSteps() + preset.extractSteps(), progress);
                            } else {
                                var handler = handler(runtime, a);
                                var err = spec.commandLine().getErr();
                                var online = preset.onlineCostEpisodes() == 0 ? null : new org.drcorl.train.OnlineCostEstimate(provider, taskId,
                                        preset.onlineCostEpisodes(), preset.onlineCostInterval(), preset.onlineCostConfirmEpisodes(), 2_000_000_000L + 1_000_000L * seed);
                                policy = pipeline.extract(reg, handler, kappa, online, progress, log -> {
                                    if (global.verbose && log.step() % 250 == 0) {
                                        err.printf("%n  step %d: Ĉ %.3f, β %.3f, Q̄_r %.2f, Q̄_c %.2f, reg %.4f, %s%n", log.step(), log.costEstimate(),
                                                log.beta(), log.rewardQ(), log.costQ(), log.regularizerLoss(), log.handler());
                                    }
                                });
                                if (!quiet) pipeline.lastSelection().ifPresent(sel -> err.printf(
                                        "  %s κ=%s seed %d: kept %s of %d compared (on %d confirmation episodes: reward return %.1f, Ĉ %.2f%s)%n",
                                        a.name(), Format.number(kappa), seed, sel.step() < 0 ? "the final policy" : "the policy of phase-2 step " + sel.step(),
                                        sel.compared(), preset.onlineCostConfirmEpisodes(), sel.rewardReturn(), sel.normalizedCost(),
                                        sel.withinBudget() ? "" : ", none within the budget: the safest"));
                            }
                            try (policy) {
                                PlainMlpPolicy fast = PlainMlpPolicy.of(policy.network(), true);
                                var episodes = Evaluator.rollouts(provider, taskId, fast::act, preset.evalEpisodes(), 1_000_000L * (seed + 1));
                                PolicyScore score = PolicyScore.of(a.name(), kappa, seed, episodes, constants);
                                scores.add(score);
                                if (!quiet) spec.commandLine().getErr().printf("  %s κ=%s seed %d: reward %.3f, cost %.3f%n",
                                        a.name(), Format.number(kappa), seed, score.normalizedReward(), score.normalizedCost());
                            }
                        }
                    }
                }
            }
            ResultsTable.print(out, scores, kappas, algos.stream().map(Algorithm::name).toList());
            return 0;
        }
    }

    /** A fresh regularizer of an algorithm, with the --regularizer-opt options. */
    private org.drcorl.spi.Regularizer regularizer(PluginRuntime runtime, Algorithm a) {
        return runtime.newRegularizer(a.regularizer(), new PluginOptions("regularizer '" + a.regularizer() + "'",
                withDefaults(preset.pluginOptions(a.regularizer()), regularizerOptions)));
    }

    /** A fresh constraint handler of an algorithm, with the --handler-opt options. */
    private org.drcorl.spi.ConstraintHandler handler(PluginRuntime runtime, Algorithm a) {
        return runtime.newConstraintHandler(a.handler(), new PluginOptions("constraint handler '" + a.handler() + "'",
                withDefaults(preset.pluginOptions(a.handler()), handlerOptions)));
    }

    /** The preset's options for a plugin, overridden by the command line's. */
    private static java.util.Map<String, String> withDefaults(java.util.Map<String, String> defaults, java.util.Map<String, String> given) {
        var merged = new java.util.LinkedHashMap<>(defaults);
        merged.putAll(given);
        return merged;
    }

    private static void deleteCheckpoints(Path runDir) throws java.io.IOException {
        Path dir = runDir.resolve("checkpoints");
        if (!Files.exists(dir)) return;
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private OfflineDataset dataset(TaskProvider provider) {
        Path file = datasetFile != null ? datasetFile : Path.of("runs", "data", taskId + ".hdf5");
        if (Files.exists(file)) {
            try {
                return DsrlHdf5Reader.read(file);
            } catch (DatasetException e) {
                throw new UserError(e.getMessage(), e);
            }
        }
        if (datasetFile != null) throw new UserError("--dataset: " + file + " does not exist");
        spec.commandLine().getErr().println("drcorl: collecting " + collectEpisodes + " episodes of " + taskId + " into " + file);
        OfflineDataset data = DatasetCollector.collect(provider, taskId, collectEpisodes, 0, n -> {});
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new UserError("cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        DsrlHdf5Writer.write(data, file);
        return data;
    }
}
