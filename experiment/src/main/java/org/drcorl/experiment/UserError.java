package org.drcorl.experiment;

/** A problem with the user's input (a file, an option): reported in one line, exit code 2. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
