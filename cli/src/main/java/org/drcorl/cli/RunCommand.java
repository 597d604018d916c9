package org.drcorl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.drcorl.experiment.ExperimentConfig;
import org.drcorl.experiment.ExperimentRunner;
import org.drcorl.experiment.ExperimentSetup;
import org.drcorl.experiment.RunLayout;
import org.drcorl.experiment.RunResults;
import org.drcorl.experiment.UserError;
import org.drcorl.nn.Devices;
import org.drcorl.pluginhost.PluginRuntime;
import org.drcorl.report.ResultsTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drcorl run}: train and evaluate algorithms on a task's offline data, per budget and seed. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the behaviour model and critics once per seed, extract a policy per algorithm and cost"
                + " threshold, evaluate each, and write the results table, charts and an HTML report into the run directory.",
                "Running the same command again resumes: finished stages and policies are reused (--fresh starts over)."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    Global global;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Experiment settings from a JSON or YAML file with the option names as keys (a run's config.json"
                    + " works); options on the command line override it.")
    Path configFile;

    @Option(names = "--task", paramLabel = "ID", description = "Task (default OfflineCarCircle-v0).")
    String taskId;

    @Option(names = "--dataset", paramLabel = "FILE",
            description = "Offline dataset; default: runs/data/TASK.hdf5, collected on first use.")
    Path datasetFile;

    @Option(names = "--collect-episodes", paramLabel = "N",
            description = "Episodes to collect when the default dataset does not exist yet (default 200).")
    Integer collectEpisodes;

    @Option(names = "--algos", split = ",", paramLabel = "A1,A2",
            description = "Algorithms (default drcorl,bc-safe,bc-all); presets drcorl, drcorl-lag, drcorl-unconstrained,"
                    + " bc-lag, bc-safe, bc-all; REGULARIZER+HANDLER; or NAME=REGULARIZER+HANDLER to name a pair.")
    List<String> algorithms;

    @Option(names = "--thresholds", split = ",", paramLabel = "K1,K2", description = "Cost budgets κ; default: the task's.")
    List<Double> thresholds;

    @Option(names = "--seeds", split = ",", paramLabel = "S1,S2", description = "Seeds (default 0).")
    List<Long> seeds;

    @Option(names = "--preset", paramLabel = "NAME", description = "smoke, quick or paper (default quick).")
    String presetName;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting of the preset (repeatable),"
            + " e.g. --set beta-start=0.05 --set extract-steps=5000.")
    Map<String, String> overrides;

    @Option(names = "--regularizer-opt", paramLabel = "KEY=VALUE",
            description = "Option of the regularizer(s) (repeatable), e.g. --regularizer-opt variance-reduced=true.")
    Map<String, String> regularizerOptions;

    @Option(names = "--handler-opt", paramLabel = "KEY=VALUE",
            description = "Option of the constraint handler(s) (repeatable), e.g. --handler-opt slack=0.2.")
    Map<String, String> handlerOptions;

    @Option(names = "--device", paramLabel = "DEV", description = "cpu, gpu, gpu:N or auto (default cpu).")
    String device;

    @Option(names = "--audit-episodes", paramLabel = "N",
            description = "Also measure every phase-2 snapshot on N simulator episodes and log it next to the offline"
                    + " estimate (default 0). It never steers training nor the choice of the policy.")
    Integer auditEpisodes;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory; default runs/TASK-PRESET.")
    Path runDirectory;

    @Option(names = "--fresh", description = "Delete what an earlier run wrote in the run directory and start over.")
    boolean fresh;

    @Option(names = "--stages-only", description = "Train the behaviour model and critics (stages 1-2) and stop: no policy,"
            + " no evaluation. A sweep's stage runs; another run takes them with --stages-from.")
    boolean stagesOnly;

    @Option(names = "--stages-from", paramLabel = "RUN", description = "Take the stages a --stages-only run (or any run)"
            + " trained: its checkpoints and stage logs are linked into this run and used where their settings match.")
    Path stagesFrom;

    @Option(names = "--quiet", description = "No progress bars or per-policy lines (for CI); the table is still printed.")
    boolean quiet;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Intra-op threads of the engine (default 1: the same seed gives the same results bit for bit,"
                    + " and other work on the cores does not stall it; 0 = the engine's default, one per core).")
    int threads;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "0",
            description = "Training jobs at once, each on a thread of its own: a seed's behaviour model, critics and learned"
                    + " model, then its policies (same results as one at a time, bit for bit). Default 0: one per core"
                    + " the intra-op threads leave free (2 on 2 cores with --threads 1), 1 on a GPU.")
    int jobs;

    /** The jobs {@code --jobs 0} means: the cores divided among jobs of {@code threads} intra-op threads each; 1 on a GPU. */
    static int automaticJobs(int threads, boolean gpu) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (gpu) return 1;
        return Math.max(1, cores / (threads == 0 ? cores : threads));
    }

    /** The settings given on the command line (null where an option was not given). */
    private ExperimentConfig fromOptions() {
        return new ExperimentConfig(taskId, datasetFile == null ? null : datasetFile.toString(), collectEpisodes, algorithms,
                thresholds, seeds, presetName, overrides, regularizerOptions, handlerOptions, device, auditEpisodes);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Optional<ExperimentConfig.Loaded> file = Optional.ofNullable(configFile).map(ExperimentConfig::read);
        ExperimentConfig given = file.map(ExperimentConfig.Loaded::config).orElse(ExperimentConfig.EMPTY).overlay(fromOptions());
        if (threads < 0) throw new UserError("--threads: must be >= 0 (0 = the engine's default), got " + threads);
        if (threads > Devices.maxThreads()) {
            throw new UserError("--threads " + threads + ": at most " + Devices.maxThreads() + " (4 per core on this machine)");
        }
        if (jobs < 0) throw new UserError("--jobs: must be >= 0 (0 = one per free core), got " + jobs);
        if (jobs > ExperimentRunner.maxJobs()) {
            throw new UserError("--jobs " + jobs + ": between 1 and " + ExperimentRunner.maxJobs() + " (4 per core on this machine)");
        }
        try (PluginRuntime runtime = global.loadPlugins(err)) {
            ExperimentSetup setup = ExperimentSetup.resolve(given, runtime);
            LibtorchWarning.silence();
            Devices.useThreads(threads);
            RunLayout layout = new RunLayout(runDirectory != null ? runDirectory
                    : Path.of("runs", setup.taskId() + "-" + setup.preset().name()));
            // a hash the config file recorded binds only when the run reads the same dataset path
            boolean sameDatasetPath = file.isPresent() && given.dataset() != null && file.get().config().dataset() != null
                    && given.dataset().equals(file.get().config().dataset());
            Optional<String> recorded = sameDatasetPath ? file.get().datasetHash() : Optional.empty();
            int trainingJobs = jobs > 0 ? jobs : automaticJobs(threads, setup.device().isGpu());
            ExperimentRunner runner = new ExperimentRunner(setup, layout, new ConsoleListener(err, quiet, global.verbose))
                    .withJobs(trainingJobs);
            if (stagesOnly) {
                if (stagesFrom != null) throw new UserError("--stages-only trains the stages; --stages-from takes them: one or the other");
                runner.trainStagesOnly(fresh);
                out.println("stages trained in " + layout.root() + " (checkpoints/, logs/stages/); take them with --stages-from "
                        + layout.root());
                out.flush();
                return 0;
            }
            if (stagesFrom != null) runner = runner.withStagesFrom(stagesFrom);
            RunResults results = runner.run(fresh, recorded);
            out.println(ResultsTables.text(results.summary()));
            out.println();
            out.println("run directory " + layout.root() + ": config.json, results/ (scores.csv, summary.csv, episodes.csv),"
                    + " charts/ (" + results.charts().size() + " PNG), report.html");
            out.flush();
            return 0;
        }
    }
}
