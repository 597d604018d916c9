package org.drcorl.cli;

import org.drcorl.experiment.UserError;
import picocli.CommandLine;

/**
 * Turns exceptions into one line on stderr and an exit code: 2 for bad input (an
 * {@link IllegalArgumentException}, a {@link UserError}), 1 for anything else. The stack
 * trace is printed only with --verbose.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = parsed.hasMatchedOption("--verbose")
                || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
        boolean inputError = ex instanceof UserError || ex instanceof IllegalArgumentException;
        String message = ex.getMessage() == null ? ex.getClass().getName() : ex.getMessage();
        Throwable oom = cause(ex, OutOfMemoryError.class);
        if (oom != null) message = outOfMemory((OutOfMemoryError) oom);
        else if (!inputError && cause(ex, java.io.IOException.class) instanceof java.io.IOException io
                && io.getMessage() != null && !message.contains(io.getMessage())) {
            message = message + " (" + io.getMessage() + ")"; // the cause says what to do: a full disk, a permission
        }
        if (message.contains("PyTorch native library")) {
            message = message + "; the engine unpacks libtorch (about 425 MB) on first use into DRCORL_CACHE_DIR"
                    + " (default: .cache/djl in the checkout): make that folder writable, or set DRCORL_CACHE_DIR to one";
        }
        cl.getErr().println("drcorl: error: " + message);
        if (verbose) {
            ex.printStackTrace(cl.getErr());
        } else if (!inputError) {
            cl.getErr().println("(run again with --verbose for the stack trace)");
        }
        cl.getErr().flush();
        return inputError ? 2 : 1;
    }

    /** The first cause of {@code type} in the chain, or null. */
    static Throwable cause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) if (type.isInstance(c)) return c;
        return null;
    }

    /** What to do about an OutOfMemoryError: which memory ran out, how much the JVM may use, the flag. */
    static String outOfMemory(OutOfMemoryError e) {
        long max = Runtime.getRuntime().maxMemory();
        String what = e.getMessage() == null ? "memory" : e.getMessage();
        return String.format(java.util.Locale.ROOT, "out of memory (%s); this JVM may use %.1f GB. Allow more with"
                + " DRCORL_JAVA_OPTS=-Xmx%dg (up to the machine's memory), or ask for less: a smaller dataset, batch"
                + " or --episodes", what, max / 1e9, Math.max(2, (long) Math.ceil(2.0 * max / (1L << 30))));
    }
}
