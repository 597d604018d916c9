package org.drcorl.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.drcorl.pluginhost.ExtensionKind;
import org.drcorl.pluginhost.LoadedPlugin;
import org.drcorl.pluginhost.PluginRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code drcorl plugins}: what loaded, what each contributes, and what was refused and why. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the loaded plugins and their extensions by kind; explain refused ones.")
final class PluginsCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    Global global;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (PluginRuntime runtime = global.loadPlugins(err)) {
            List<LoadedPlugin> plugins = runtime.plugins();
            out.println("Plugin folders: " + global.pluginDirs());
            if (plugins.isEmpty()) out.println("No plugins loaded.");
            for (LoadedPlugin p : plugins) {
                out.printf("%s %s (%s)  %s%n", p.id(), p.version(), p.provider(), p.file());
                for (ExtensionKind kind : ExtensionKind.values()) {
                    List<String> names = p.extensions().get(kind);
                    if (names == null) continue;
                    Map<String, String> descriptions = runtime.available(kind);
                    for (String name : names) {
                        String what = kind == ExtensionKind.TASKS ? "task" : kind.label();
                        String desc = kind == ExtensionKind.TASKS ? "" : "  " + descriptions.getOrDefault(name, "");
                        out.printf("  %-20s %s%s%n", what, name, desc);
                    }
                }
            }
            return runtime.problems().isEmpty() ? 0 : 1;
        }
    }
}
