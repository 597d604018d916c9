package org.drcorl.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Says one line when the process is stopped (Ctrl-C, SIGTERM) before its command finished, so
 * that exit code 130 does not come with silence: what was kept, and how to go on.
 */
final class Interruption {
    private final AtomicBoolean finished = new AtomicBoolean();

    private Interruption() {}

    /** Installs the shutdown hook for the command line {@code args}. */
    static Interruption watch(PrintWriter err, String[] args) {
        Interruption i = new Interruption();
        String message = message(args);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!i.finished.get()) {
                err.println();
                err.println(message);
                err.flush();
            }
        }, "drcorl-interrupted"));
        return i;
    }

    /** The command ended on its own: no message at exit. */
    void finished() {
        finished.set(true);
    }

    static String message(String[] args) {
        String command = null;
        for (String a : args) {
            if (!a.startsWith("-")) {
                command = a;
                break;
            }
        }
        if ("run".equals(command)) {
            return "drcorl: interrupted; finished stages and policies are kept: run the same command again to resume";
        }
        if ("collect".equals(command)) return "drcorl: interrupted; no dataset was written (an existing file is unchanged)";
        if ("evaluate".equals(command)) return "drcorl: interrupted; run the same command again to finish the evaluation";
        return "drcorl: interrupted";
    }
}
