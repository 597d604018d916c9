package org.drcorl.cli;

/**
 * Sets up slf4j-simple before the first logger exists. Libraries (PF4J, DJL) log at warn at
 * most, and PF4J not at all unless --verbose: its messages about refused plugins repeat, with
 * stack traces, what the CLI already says in one line; jhdf only logs errors unless --verbose.
 */
final class Logging {
    private Logging() {}

    static void configure(boolean verbose) {
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "false");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "true");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.org.pf4j", verbose ? "debug" : "off");
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", verbose ? "debug" : "error");
        // jhdf warns on every write ("writing is in alpha") and about attribute padding when it
        // reads its own files; nothing a user can act on, and real failures reach us as exceptions.
        setIfAbsent("org.slf4j.simpleLogger.log.io.jhdf", verbose ? "debug" : "error");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
