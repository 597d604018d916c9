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
        cl.getErr().println("drcorl: error: " + message);
        if (verbose) {
            ex.printStackTrace(cl.getErr());
        } else if (!inputError) {
            cl.getErr().println("(run again with --verbose for the stack trace)");
        }
        cl.getErr().flush();
        return inputError ? 2 : 1;
    }
}
