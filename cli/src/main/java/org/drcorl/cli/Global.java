package org.drcorl.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every command takes: verbosity and where plugins come from. */
public final class Global {

    @Option(names = "--verbose", description = "Show stack traces and debug logs.")
    boolean verbose;

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Extra plugin folder (repeatable). Always searched as well: the distribution's plugins/"
                    + " folder and the folders in DRCORL_PLUGIN_PATH.")
    List<Path> extraPluginDirs = new ArrayList<>();

    /** The folders to load plugins from, in order: the distribution's, DRCORL_PLUGIN_PATH, --plugins. */
    List<Path> pluginDirs() {
        List<Path> dirs = new ArrayList<>();
        String home = System.getProperty("drcorl.home");
        if (home != null) dirs.add(Path.of(home, "plugins"));
        String path = System.getenv("DRCORL_PLUGIN_PATH");
        if (path != null) {
            for (String p : path.split(File.pathSeparator)) if (!p.isBlank()) dirs.add(requireFolder("DRCORL_PLUGIN_PATH", Path.of(p)));
        }
        for (Path p : extraPluginDirs) dirs.add(requireFolder("--plugins", p));
        return dirs;
    }

    /** A plugin folder the user named must exist and be a folder: silence would hide the typo. */
    private static Path requireFolder(String where, Path dir) {
        if (java.nio.file.Files.isDirectory(dir)) return dir;
        if (java.nio.file.Files.isRegularFile(dir)) {
            throw new org.drcorl.experiment.UserError(where + " " + dir + ": is a file; it takes the folder that holds"
                    + " plugin jars" + (dir.getParent() == null ? "" : " (" + dir.getParent() + "?)"));
        }
        throw new org.drcorl.experiment.UserError(where + " " + dir + ": no such folder");
    }

    /**
     * Loads the plugins and reports each refused one on {@code err} in one line (with its stack
     * trace under --verbose); the caller closes the runtime.
     */
    org.drcorl.pluginhost.PluginRuntime loadPlugins(java.io.PrintWriter err) {
        var runtime = org.drcorl.pluginhost.PluginRuntime.load(pluginDirs());
        for (var problem : runtime.problems()) {
            err.println("drcorl: refused plugin " + problem.oneLine());
            if (verbose && problem.cause() != null) problem.cause().printStackTrace(err);
        }
        err.flush();
        return runtime;
    }

    /** Whether --verbose is on the command line, known before parsing so logging can be set up first. */
    static boolean verboseRequested(String[] args) {
        for (String a : args) if (a.equals("--verbose")) return true;
        return false;
    }
}
