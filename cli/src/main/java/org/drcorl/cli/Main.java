package org.drcorl.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code drcorl} command line. */
@Command(name = "drcorl",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Constrained (safe) offline reinforcement learning: DRCORL and baselines.",
        subcommands = {
                PluginsCommand.class,
                DatasetCommand.class,
                TasksCommand.class,
                CollectCommand.class,
                RunCommand.class,
                EvaluateCommand.class,
                CompareCommand.class,
                SweepCommand.class,
                PolicyCommand.class,
                ExportCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        Interruption interruption = Interruption.watch(err, args);
        int code = execute(args, new PrintWriter(System.out, true), err);
        interruption.finished();
        System.exit(code);
    }

    /** Runs one command line; returns the exit code (0 ok, 1 failure, 2 usage or input error). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        Logging.configure(Global.verboseRequested(args));
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ErrorReporter());
        cl.setParameterExceptionHandler(new UsageErrorReporter());
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes Errors through; an OOM is a size problem the user can act on, not a bug
            err.println("drcorl: error: " + ErrorReporter.outOfMemory(e));
            if (Global.verboseRequested(args)) e.printStackTrace(err);
            err.flush();
            return 1;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"drcorl " + (v == null ? "development build" : v)
                    + " (Java " + Runtime.version() + ")"};
        }
    }
}
