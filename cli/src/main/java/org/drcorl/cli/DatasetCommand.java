package org.drcorl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.drcorl.data.DatasetException;
import org.drcorl.data.DatasetSummary;
import org.drcorl.data.DataConventionCheck;
import org.drcorl.data.DatasetValidator;
import org.drcorl.data.DsrlHdf5Reader;
import org.drcorl.data.OfflineDataset;
import org.drcorl.experiment.UserError;
import org.drcorl.report.Numbers;
import org.drcorl.spi.DsrlTaskConstants;
import org.drcorl.spi.DsrlTasks;
import org.drcorl.spi.NormalizationConstants;
import org.drcorl.spi.TaskSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drcorl dataset info|validate}: look into an offline dataset (DSRL HDF5 layout). */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Inspect offline datasets in DSRL's HDF5 layout.",
        subcommands = {DatasetCommand.Info.class, DatasetCommand.Validate.class})
final class DatasetCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Bullet's budgets: the default when neither --thresholds nor a known task says otherwise. */
    static final List<Double> DEFAULT_THRESHOLDS = DsrlTasks.BULLET_THRESHOLDS;

    /**
     * --task, when given, must be one of DSRL's 38 tasks or a task a loaded plugin provides: that
     * is where the expected dims, T and budgets come from (a plugin task's from its spec).
     */
    static Optional<DsrlTaskConstants> task(String taskId, org.drcorl.pluginhost.PluginRuntime runtime) {
        if (taskId == null) return Optional.empty();
        Optional<DsrlTaskConstants> dsrl = DsrlTasks.find(taskId);
        if (dsrl.isPresent()) return dsrl;
        if (runtime.tasks().containsKey(taskId)) return Optional.of(constants(runtime.requireSpec(taskId)));
        throw new UserError("unknown task '" + taskId + "': --task takes one of DSRL's task ids (drcorl tasks --dsrl) or a"
                + " task of a loaded plugin (drcorl tasks)");
    }

    /** A plugin task's sizes and constants in the form DSRL's tasks have. */
    static DsrlTaskConstants constants(TaskSpec spec) {
        NormalizationConstants n = spec.normalization();
        return new DsrlTaskConstants(spec.id(), spec.family(), n.rewardMin(), n.rewardMax(), n.costMax(), spec.maxEpisodeSteps(),
                spec.observationDim(), spec.actionDim(), spec.costThresholds());
    }

    /**
     * What the data break of the conventions of the task a loaded plugin simulates under this id
     * (DSRL's ids with or without "Offline"); nothing for a task not simulated here.
     */
    static List<String> conventionWarnings(org.drcorl.pluginhost.PluginRuntime runtime, Optional<String> taskId,
                                           OfflineDataset data) {
        Optional<String> id = taskId.flatMap(runtime::findTask);
        if (id.isEmpty()) return List.of();
        return DataConventionCheck.warnings(data, id.get(), runtime.requireProvider(id.get()).dataConventions(id.get()));
    }

    /** {@code drcorl dataset info FILE}. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Summarize a dataset: size, dimensions, episodes, reward and cost returns, "
                    + "share of safe episodes per cost threshold.")
    static final class Info implements Callable<Integer> {

        @Mixin
        Global global;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The dataset (.hdf5).")
        Path file;

        @Option(names = "--task", paramLabel = "ID",
                description = "DSRL task id or a plugin's task; default: the file's task_id attribute.")
        String taskId;

        @Option(names = "--thresholds", paramLabel = "K1,K2,...", split = ",",
                description = "Cost budgets κ to count safe episodes for; default: the task's, else 10,20,40.")
        List<Double> thresholds;

        @Override
        public Integer call() {
            try (var runtime = global.loadPlugins(spec.commandLine().getErr())) {
                Optional<DsrlTaskConstants> requested = task(taskId, runtime);
                OfflineDataset dataset;
                try {
                    dataset = DsrlHdf5Reader.read(file);
                } catch (DatasetException e) {
                    throw new UserError(e.getMessage(), e);
                }
                boolean named = dataset.taskId().isPresent();
                Optional<DsrlTaskConstants> task = requested.or(() -> dataset.taskId().flatMap(DsrlTasks::find))
                        .or(() -> named ? Optional.empty() : DsrlTasks.fromFileName(file.getFileName().toString()));
                List<Double> kappas = thresholds != null ? thresholds
                        : task.map(DsrlTaskConstants::costThresholds).orElse(DEFAULT_THRESHOLDS);
                for (double k : kappas) {
                    if (!Double.isFinite(k) || k < 0) throw new UserError("--thresholds: a cost budget must be >= 0, got " + k);
                }
                String source = taskId != null ? "--task" : named ? "from the file" : task.isPresent() ? "from the file's name" : null;
                print(spec.commandLine().getOut(), file, dataset, task, source, kappas,
                        conventionWarnings(runtime, task.map(DsrlTaskConstants::id), dataset));
                return 0;
            }
        }

        /**
         * The summary {@code info} prints; also printed by {@code collect} for the file it wrote.
         *
         * @param taskSource how the task was found ("--task", "from the file", ...), null if it was not
         * @param warnings   the data-convention warnings (see {@link #conventionWarnings})
         */
        static void print(PrintWriter out, Path file, OfflineDataset d, Optional<DsrlTaskConstants> task,
                          String taskSource, List<Double> kappas, List<String> warnings) {
            DatasetSummary s = DatasetSummary.of(d, kappas);
            out.println(file);
            String fileTask = d.taskId().orElse(null);
            String taskLine = task.map(DsrlTaskConstants::id).orElse(fileTask == null ? "unknown" : fileTask)
                    + (taskSource != null ? " (" + taskSource + ")" : fileTask != null ? " (from the file)" : "");
            row(out, "task", taskLine);
            row(out, "transitions", Integer.toString(s.transitions()));
            row(out, "dimensions", "obs " + s.obsDim() + ", act " + s.actDim());
            row(out, "episodes", s.episodes() + (s.episodes() == 0 ? ""
                    : " (length " + s.minEpisodeLength() + ".." + s.maxEpisodeLength()
                    + d.metadata().maxEpisodeStepsIfKnown().stream().mapToObj(t -> ", T " + t).findFirst().orElse("")
                    + ")"));
            row(out, "reward return", stats(s.rewardReturns()));
            row(out, "cost return", stats(s.costReturns()));
            NormalizationConstants fromFile = d.normalization().orElse(null);
            if (fromFile != null) {
                row(out, "normalization", constants(fromFile) + " (from the file)");
            } else if (task.isPresent()) {
                row(out, "normalization", constants(task.get().normalization()) + " (DSRL's for " + task.get().id() + ")");
            }
            List<String> shares = new ArrayList<>();
            for (DatasetSummary.SafeShare share : s.safeShares()) {
                shares.add("κ " + Numbers.compact(share.threshold()) + ": " + share.safeEpisodes() + "/" + s.episodes()
                        + (s.episodes() == 0 ? "" : String.format(" (%.1f%%)", 100 * share.share())));
            }
            row(out, "safe episodes", String.join("   ", shares));
            d.episodeLabels().ifPresent(labels -> {
                Map<String, Integer> counts = new TreeMap<>();
                // labels look like "careful(0.20)": count by kind, the parameter differs per episode
                for (String label : labels) {
                    String kind = label.replaceFirst("\\(.*$", "").strip();
                    counts.merge(kind.isEmpty() ? "(none)" : kind, 1, Integer::sum);
                }
                List<String> parts = new ArrayList<>();
                counts.forEach((label, count) -> parts.add(label + " " + count));
                row(out, "behaviours", String.join(", ", parts));
            });
            List<String> problems = task.map(t -> DatasetValidator.validate(d, DatasetValidator.Expectation.of(t)))
                    .orElseGet(() -> DatasetValidator.validate(d));
            for (String problem : problems) row(out, "problem", problem);
            for (String warning : warnings) row(out, "warning", warning);
            row(out, "content hash", d.contentHash());
            out.flush();
        }

        private static void row(PrintWriter out, String label, String value) {
            out.printf("  %-15s %s%n", label, value);
        }

        private static String stats(DatasetSummary.Stats stats) {
            return Double.isNaN(stats.mean()) ? "-"
                    : String.format("min %.3f, mean %.3f, max %.3f", stats.min(), stats.mean(), stats.max());
        }

        private static String constants(NormalizationConstants c) {
            return "R_min " + Numbers.compact(c.rewardMin()) + ", R_max " + Numbers.compact(c.rewardMax())
                    + ", C_max " + Numbers.compact(c.costMax());
        }
    }

    /** {@code drcorl dataset validate FILE}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a dataset; prints 'FILE: valid (...)' and exits 0, or one line per problem "
                    + "and exits 2.")
    static final class Validate implements Callable<Integer> {

        @Mixin
        Global global;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The dataset (.hdf5).")
        Path file;

        @Option(names = "--task", paramLabel = "ID",
                description = "DSRL task id or a plugin's task the data must fit; default: the file's task_id attribute.")
        String taskId;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (var runtime = global.loadPlugins(spec.commandLine().getErr())) {
                // a task simulated here knows its action bounds too; DSRL's constants only the sizes
                Optional<TaskSpec> simulated = Optional.ofNullable(taskId).flatMap(id -> simulated(runtime, id));
                Optional<DsrlTaskConstants> requested = task(taskId, runtime);
                OfflineDataset dataset;
                try {
                    dataset = DsrlHdf5Reader.read(file);
                } catch (DatasetException e) {
                    // The reader's message already reads "FILE: what is wrong" — one problem line.
                    out.println(e.getMessage());
                    if (global.verbose) e.printStackTrace(spec.commandLine().getErr());
                    out.flush();
                    return 2;
                }
                Optional<DsrlTaskConstants> task = requested;
                if (taskId == null) {
                    // the file's task_id, else (DSRL's files have none) the task its DSRL download name names
                    Optional<String> named = dataset.taskId()
                            .or(() -> DsrlTasks.fromFileName(file.getFileName().toString()).map(DsrlTaskConstants::id));
                    simulated = named.flatMap(id -> simulated(runtime, id));
                    if (dataset.taskId().isEmpty()) task = named.flatMap(DsrlTasks::find);
                }
                Optional<DsrlTaskConstants> expected = task;
                List<String> problems = simulated.map(t -> DatasetValidator.validate(dataset, DatasetValidator.Expectation.of(t)))
                        .or(() -> expected.map(t -> DatasetValidator.validate(dataset, DatasetValidator.Expectation.of(t))))
                        .orElseGet(() -> DatasetValidator.validate(dataset));
                if (problems.isEmpty()) {
                    out.println(file + ": valid (" + dataset.size() + " transitions, " + dataset.episodeCount() + " episodes)");
                }
                for (String problem : problems) out.println(file + ": " + problem);
                if (problems.isEmpty()) {
                    for (String w : conventionWarnings(runtime, simulated.map(TaskSpec::id), dataset)) {
                        out.println(file + ": warning: " + w);
                    }
                }
                out.flush();
                return problems.isEmpty() ? 0 : 2;
            }
        }

        /** The spec of a task a loaded plugin simulates (DSRL's ids with or without "Offline"). */
        private static Optional<TaskSpec> simulated(org.drcorl.pluginhost.PluginRuntime runtime, String id) {
            return runtime.findTask(id).map(runtime::requireSpec);
        }
    }
}
