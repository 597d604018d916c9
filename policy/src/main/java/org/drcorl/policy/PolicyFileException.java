package org.drcorl.policy;

/** A policy file that is missing, not a policy, damaged, or asked the wrong size; the message names the file. */
public final class PolicyFileException extends IllegalArgumentException {
    public PolicyFileException(String message) {
        super(message);
    }

    public PolicyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
