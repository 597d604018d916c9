package org.drcorl.cli;

import java.io.PrintWriter;
import org.drcorl.pluginhost.PluginRuntime;
import org.drcorl.spi.Availability;
import org.drcorl.spi.TaskProvider;
import org.drcorl.spi.TaskSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code drcorl tasks}: every task of every loaded task plugin. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = "List the tasks of the loaded environment plugins: dims, episode length, cost thresholds.")
final class TasksCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    Global global;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (PluginRuntime runtime = global.loadPlugins(spec.commandLine().getErr())) {
            if (runtime.taskProviders().isEmpty()) {
                out.println("No task plugin loaded (plugin folders: " + global.pluginDirs() + ").");
                return 0;
            }
            out.printf("%-42s %-8s %4s %4s %6s  %-18s %s%n", "task", "family", "obs", "act", "T", "thresholds", "status");
            for (TaskProvider provider : runtime.taskProviders()) {
                Availability availability = provider.availability();
                for (TaskSpec t : provider.tasks()) {
                    out.printf("%-42s %-8s %4d %4d %6d  %-18s %s%n", t.id(), t.family(), t.observationDim(),
                            t.actionDim(), t.maxEpisodeSteps(), Format.thresholds(t.costThresholds()),
                            availability.available() ? "ok" : "unavailable: " + availability.reason());
                }
            }
            return 0;
        }
    }
}
