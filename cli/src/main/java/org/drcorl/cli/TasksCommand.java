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

    @picocli.CommandLine.Option(names = "--dsrl", description = "List DSRL's 38 tasks instead, with their constants and"
            + " whether a loaded plugin simulates each.")
    boolean dsrl;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (PluginRuntime runtime = global.loadPlugins(spec.commandLine().getErr())) {
            if (dsrl) {
                out.printf("%-38s %-16s %4s %4s %5s %10s %10s %8s  %-12s %s%n", "DSRL task", "family", "obs", "act", "T",
                        "R_min", "R_max", "C_max", "thresholds", "here");
                int simulated = 0;
                for (var t : org.drcorl.spi.DsrlTasks.all()) {
                    boolean here = runtime.tasks().containsKey(t.id());
                    if (here) simulated++;
                    out.printf("%-38s %-16s %4d %4d %5d %10s %10s %8s  %-12s %s%n", t.id(), t.family(), t.obsDim(), t.actDim(),
                            t.maxEpisodeSteps(), org.drcorl.report.Numbers.compact(t.rewardMin()),
                            org.drcorl.report.Numbers.compact(t.rewardMax()), org.drcorl.report.Numbers.compact(t.costMax()),
                            Format.thresholds(t.costThresholds()), here ? "simulated" : "data only");
                }
                out.println(simulated + " of " + org.drcorl.spi.DsrlTasks.all().size() + " simulated here; the others train on"
                        + " DSRL's files (drcorl run --task ID --dataset FILE needs a simulator to evaluate)");
                return 0;
            }
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
