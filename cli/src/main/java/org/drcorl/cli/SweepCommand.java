package org.drcorl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.drcorl.experiment.ExperimentConfig;
import org.drcorl.experiment.ExperimentListener;
import org.drcorl.experiment.ExperimentSetup;
import org.drcorl.experiment.UserError;
import org.drcorl.experiment.sweep.LocalExecutor;
import org.drcorl.experiment.sweep.SlurmExecutor;
import org.drcorl.experiment.sweep.Sweep;
import org.drcorl.experiment.sweep.SweepExecutor;
import org.drcorl.experiment.sweep.SweepGrid;
import org.drcorl.experiment.sweep.SweepPlan;
import org.drcorl.experiment.sweep.SweepSummary;
import org.drcorl.pluginhost.PluginRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drcorl sweep}: tasks × algorithms × budgets × seeds, locally or on Slurm. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a grid of experiments: stages 1-2 once per task × seed (a stage run), then one run per task ×"
                + " seed × algorithm × κ that takes its pair's stages, each a `drcorl run` in its own JVM, on a local process"
                + " pool or as Slurm job arrays (extractions depend on their stage run). Then DIR/summary.csv, summary.md and"
                + " summary.png: reward and cost per task × algorithm × κ, mean, std and 95 %% interval over the seeds, and"
                + " the safe cells.", "Running the same sweep again skips finished runs and resumes interrupted ones."})
final class SweepCommand implements Callable<Integer> {

    @Mixin
    Global global;

    @Spec
    CommandSpec spec;

    @Option(names = "--grid", paramLabel = "FILE", description = "The grid from a YAML/JSON file (keys tasks, algos,"
            + " thresholds, seeds, preset, set); options on the command line override it.")
    Path gridFile;

    @Option(names = "--tasks", split = ",", paramLabel = "T1,T2", description = "Task ids.")
    List<String> tasks;

    @Option(names = "--algos", split = ",", paramLabel = "A1,A2", description = "Algorithms, as drcorl run takes them"
            + " (default drcorl,bc-safe,bc-all).")
    List<String> algorithms;

    @Option(names = "--thresholds", split = ",", paramLabel = "K1,K2", description = "Cost budgets κ; default: each task's.")
    List<Double> thresholds;

    @Option(names = "--seeds", split = ",", paramLabel = "S1,S2", description = "Seeds (default 0,1,2).")
    List<Long> seeds;

    @Option(names = "--preset", paramLabel = "NAME", description = "smoke, quick or paper (default quick).")
    String preset;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a preset setting in every run (repeatable).")
    Map<String, String> settings;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The sweep directory.")
    Path sweepDirectory;

    @Option(names = "--datasets", paramLabel = "DIR", defaultValue = "runs/data",
            description = "Folder of the tasks' datasets, TASK.hdf5 each (default runs/data, where a missing one is collected"
                    + " first, as drcorl run does).")
    Path datasets;

    @Option(names = "--executor", paramLabel = "local|slurm", defaultValue = "local",
            description = "local: a process pool on this machine (default); slurm: sbatch job arrays (stages, then the extractions that depend on them).")
    String executor;

    @Option(names = "--jobs", paramLabel = "N", description = "Points at once with --executor local (default: one per core).")
    Integer jobs;

    @Option(names = "--slurm-opt", paramLabel = "OPT", description = "An sbatch option for every point (repeatable),"
            + " e.g. --slurm-opt=--partition=gpu --slurm-opt=--gres=gpu:1 --slurm-opt=--time=2:00:00.")
    List<String> slurmOptions = new ArrayList<>();

    @Option(names = "--device", paramLabel = "DEV", description = "Passed to every point's drcorl run: cpu (default),"
            + " gpu, gpu:N or auto.")
    String device;

    @Option(names = "--quiet", description = "Only the summary.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        SweepGrid fromFile = gridFile == null ? null : SweepGrid.read(gridFile);
        SweepGrid grid = new SweepGrid(
                pick(tasks, fromFile == null ? null : fromFile.tasks(), null),
                pick(algorithms, fromFile == null ? null : fromFile.algorithms(), List.of("drcorl", "bc-safe", "bc-all")),
                pick(thresholds, fromFile == null ? null : fromFile.thresholds(), List.of()),
                pick(seeds, fromFile == null ? null : fromFile.seeds(), List.of(0L, 1L, 2L)),
                preset != null ? preset : fromFile == null ? null : fromFile.preset(),
                settings != null ? settings : fromFile == null ? null : fromFile.settings());
        SweepExecutor chosen = switch (executor) {
            case "local" -> {
                int n = jobs != null ? jobs : LocalExecutor.defaultJobs();
                if (n < 1 || n > 4 * LocalExecutor.defaultJobs()) {
                    throw new UserError("--jobs " + n + ": between 1 and " + 4 * LocalExecutor.defaultJobs() + " (4 per core)");
                }
                yield new LocalExecutor(n);
            }
            case "slurm" -> new SlurmExecutor(sweepDirectory.toAbsolutePath().normalize(), grid.points().size(), slurmOptions,
                    Duration.ofSeconds(3));
            default -> throw new UserError("--executor '" + executor + "': local or slurm");
        };
        List<String> passThrough = new ArrayList<>();
        if (device != null) {
            passThrough.add("--device");
            passThrough.add(device);
        }
        for (Path p : global.extraPluginDirs) {
            passThrough.add("--plugins");
            passThrough.add(p.toAbsolutePath().toString());
        }
        // every name, option and task checked, and each task's default dataset collected, before any run starts
        Map<String, List<Double>> kappas = new java.util.LinkedHashMap<>();
        Path datasetFolder = datasets.toAbsolutePath().normalize();
        try (PluginRuntime runtime = global.loadPlugins(err)) {
            for (String task : grid.tasks()) {
                ExperimentConfig c = ExperimentConfig.DEFAULTS.withTask(task).withDataset(datasetFolder.resolve(task + ".hdf5").toString()).withAlgos(grid.algorithms().toArray(String[]::new))
                        .withSeeds(grid.seeds().toArray(Long[]::new)).withPreset(grid.preset()).withSettings(grid.settings());
                if (!grid.thresholds().isEmpty()) c = c.withThresholds(grid.thresholds().toArray(Double[]::new));
                if (device != null) c = c.withDevice(device);
                ExperimentSetup setup = ExperimentSetup.resolve(c, runtime);
                setup.loadDataset(quiet ? ExperimentListener.silent() : ExperimentListener.lines());
                kappas.put(task, setup.thresholds());
            }
        }
        SweepPlan plan = new SweepPlan(sweepDirectory, grid, kappas, datasetFolder, passThrough);
        Sweep sweep = Sweep.run(plan, chosen, line -> {
            if (!quiet) {
                err.println(line);
                err.flush();
            }
        });
        if (sweep.summary() != null) {
            out.println(SweepSummary.markdown(sweep.summary(), grid));
            out.println("wrote " + plan.root().resolve("summary.csv") + ", summary.md, summary.png");
        }
        out.flush();
        if (!sweep.failed().isEmpty()) {
            err.println("drcorl: " + sweep.failed().size() + " of " + sweep.outcomes().size() + " runs failed: "
                    + String.join(", ", sweep.failed().stream().map(o -> o.job().label() + " (" + o.describe() + ")").toList())
                    + "; the summary covers the others. Run the same sweep again to retry them.");
            err.flush();
            return 1;
        }
        return 0;
    }

    private static <T> List<T> pick(List<T> option, List<T> file, List<T> fallback) {
        if (option != null && !option.isEmpty()) return option;
        if (file != null && !file.isEmpty()) return file;
        return fallback;
    }
}
