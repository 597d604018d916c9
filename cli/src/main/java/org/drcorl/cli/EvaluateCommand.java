package org.drcorl.cli;

import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.drcorl.experiment.ExperimentConfig;
import org.drcorl.experiment.ExperimentRunner;
import org.drcorl.experiment.ExperimentSetup;
import org.drcorl.experiment.RunLayout;
import org.drcorl.experiment.RunResults;
import org.drcorl.experiment.UserError;
import org.drcorl.pluginhost.PluginRuntime;
import org.drcorl.report.ResultsTables;
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

    @Option(names = "--replace", description = "Replace results made on another episode count (without it, such"
            + " results are kept and the command refuses).")
    boolean replace;

    @Option(names = "--quiet", description = "No per-policy lines.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        RunLayout layout = new RunLayout(runDirectory);
        if (!Files.isRegularFile(layout.config())) {
            throw new UserError(runDirectory + " is not a run directory (no config.json); drcorl run writes one");
        }
        ExperimentConfig.Loaded loaded = ExperimentConfig.read(layout.config());
        try (PluginRuntime runtime = global.loadPlugins(err)) {
            ExperimentSetup setup = ExperimentSetup.resolve(loaded.config(), runtime);
            LibtorchWarning.silence();
            RunResults results = new ExperimentRunner(setup, layout, new ConsoleListener(err, quiet, false)).evaluate(episodes, replace);
            out.println(ResultsTables.text(results.summary()));
            out.println();
            out.println("rewrote " + layout.results() + ", " + layout.charts() + " and " + layout.report());
            out.flush();
            return 0;
        }
    }
}
