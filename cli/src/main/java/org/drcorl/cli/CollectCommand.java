package org.drcorl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.drcorl.data.DatasetCollector;
import org.drcorl.data.DsrlHdf5Writer;
import org.drcorl.data.OfflineDataset;
import org.drcorl.experiment.UserError;
import org.drcorl.pluginhost.PluginRuntime;
import org.drcorl.spi.DsrlTasks;
import org.drcorl.spi.TaskProvider;
import org.drcorl.spi.TaskSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drcorl collect}: an offline dataset from a task's behaviour policies. */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = "Collect an offline dataset (DSRL HDF5 layout) by running the task's behaviour policies,"
                + " from careful to reckless, so the episodes span the reward-cost plane.")
final class CollectCommand implements Callable<Integer> {

    @Mixin
    Global global;

    @Spec
    CommandSpec spec;

    @Option(names = "--task", required = true, paramLabel = "ID", description = "Task id (see `drcorl tasks`).")
    String taskId;

    @Option(names = "--episodes", defaultValue = "100", paramLabel = "N", description = "Episodes to collect (default ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Seed of everything random (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the dataset (.hdf5).")
    Path out;

    @Option(names = "--force", description = "Overwrite FILE if it exists.")
    boolean force;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (episodes <= 0) throw new UserError("--episodes must be positive, got " + episodes);
        if (Files.exists(out) && !force) throw new UserError(out + " exists; pass --force to overwrite it");
        Path dir = out.toAbsolutePath().getParent();
        // missing folders are made when the file is written (the README's data/carcircle.hdf5 in a fresh clone)
        if (Files.exists(dir) && !Files.isDirectory(dir)) throw new UserError("--out: " + dir + " is a file, not a folder");
        try (PluginRuntime runtime = global.loadPlugins(spec.commandLine().getErr())) {
            TaskProvider provider = runtime.requireProvider(taskId);
            if (!provider.availability().available()) {
                throw new UserError("task " + taskId + " is unavailable here: " + provider.availability().reason());
            }
            TaskSpec task = runtime.requireSpec(taskId);
            DatasetCollector.requireFits(task, episodes);
            if (provider.behaviorPolicies(taskId).isEmpty()) { // before the progress bar starts
                throw new UserError("task " + taskId + " offers no behaviour policies to collect data with"
                        + " (train on a DSRL file of it instead: drcorl run --task " + taskId + " --dataset FILE)");
            }
            OfflineDataset dataset;
            ConsoleProgress progress = new ConsoleProgress(quiet, spec.commandLine().getErr());
            progress.start("collect " + taskId, (long) episodes * task.maxEpisodeSteps());
            dataset = DatasetCollector.collect(provider, taskId, episodes, seed, progress::advance);
            progress.finish();
            DsrlHdf5Writer.write(dataset, out);
            List<Double> thresholds = task.costThresholds();
            DatasetCommand.Info.print(spec.commandLine().getOut(), out, dataset,
                    DsrlTasks.find(taskId), null, thresholds.isEmpty() ? DatasetCommand.DEFAULT_THRESHOLDS : thresholds, List.of());
            return 0;
        }
    }
}
