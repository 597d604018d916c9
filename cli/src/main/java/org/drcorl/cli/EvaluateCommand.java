package org.drcorl.cli;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.drcorl.data.OfflineDataset;
import org.drcorl.eval.PlainMlpPolicy;
import org.drcorl.pluginhost.PluginRuntime;
import org.drcorl.report.Evaluation;
import org.drcorl.report.ResultsTables;
import org.drcorl.spi.NormalizationConstants;
import org.drcorl.train.Algorithm;
import org.drcorl.train.SavedPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drcorl evaluate --run DIR}: evaluates a run's saved policies again and rewrites its results. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate the saved policies of a run directory again (same protocol and seeds as drcorl run, or more"
                + " episodes), rewrite its results, charts and report, and print the table.")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    Global global;

    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "Run directory (written by drcorl run).")
    Path runDirectory;

    @Option(names = "--episodes", paramLabel = "N", description = "Evaluation episodes per policy and seed (default: the run's preset).")
    Integer episodes;

    @Option(names = "--quiet", description = "No per-policy lines.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        RunLayout layout = new RunLayout(runDirectory);
        if (!Files.isRegularFile(layout.config())) {
            throw new UserError(runDirectory + " is not a run directory (no config.json); drcorl run writes one");
        }
        if (episodes != null && episodes < 1) throw new UserError("--episodes must be >= 1, got " + episodes);
        ExperimentConfig.Loaded loaded = ExperimentConfig.read(layout.config());
        try (PluginRuntime runtime = global.loadPlugins(err)) {
            ExperimentSetup setup = ExperimentSetup.resolve(loaded.config(), runtime);
            if (!Files.exists(setup.datasetFile())) {
                throw new UserError("the dataset of " + runDirectory + ", " + setup.datasetFile() + ", does not exist");
            }
            OfflineDataset data = RunCommand.dataset(setup, err);
            String dataHash = data.contentHash();
            NormalizationConstants constants = data.normalization().orElse(setup.task().normalization());
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
                                missing.add(a.name() + " κ=" + Format.number(kappa) + " seed " + seed);
                                continue;
                            }
                            try (SavedPolicy saved = SavedPolicy.load(dir, name, root)) {
                                if (!saved.metadata().dataHash().equals(dataHash)) {
                                    throw new UserError(dir.resolve(name + ".json") + ": trained on other data than " + setup.datasetFile()
                                            + " holds now");
                                }
                                OptionalLong selected = saved.result(Experiment.SELECTED_STEP)
                                        .map(s -> OptionalLong.of(Long.parseLong(s))).orElse(OptionalLong.empty());
                                Evaluation e = Experiment.evaluate(setup, PlainMlpPolicy.of(saved.policy().network(), true), a.name(),
                                        kappa, seed, n, constants, selected);
                                evaluations.add(e);
                                if (!quiet) err.printf("  %s κ=%s seed %d: reward %.3f, cost %.3f%n", a.name(), Format.number(kappa),
                                        seed, e.score().normalizedReward(), e.score().normalizedCost());
                            }
                        }
                    }
                }
            }
            if (!missing.isEmpty()) {
                throw new UserError(runDirectory + ": no saved policy for " + String.join(", ", missing)
                        + "; finish the run with: drcorl run --config " + layout.config() + " --out " + runDirectory);
            }
            var facts = RunCommand.facts(setup, layout, dataHash);
            facts.put("evaluation", n + " episodes per policy and seed (drcorl evaluate)");
            RunReport.Written written = RunReport.write(setup, layout, data, constants, evaluations, facts);
            out.println(ResultsTables.text(written.summary()));
            out.println();
            out.println("rewrote " + layout.results() + ", " + layout.charts() + " and " + layout.report());
            out.flush();
            return 0;
        }
    }
}
