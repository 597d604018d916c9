package org.drcorl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The end-to-end time of {@code drcorl run --quiet} with its defaults (the {@code quick} preset on
 * CarCircle: dataset collection, stage 1, stage 2, three algorithms × the task's budgets, 20
 * evaluation episodes each), launched in an empty working directory so that nothing is reused.
 */
final class QuickRunBenchmark {
    private QuickRunBenchmark() {}

    static void run(Path checkout, List<String> extraArgs, Results results) throws IOException, InterruptedException {
        Path launcher = checkout.resolve("drcorl");
        if (!Files.isExecutable(launcher)) throw new IllegalArgumentException("no launcher at " + launcher + " (--root)");
        Path dir = Files.createTempDirectory("drcorl-bench-quick");
        Path log = dir.resolve("run.log");
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString(), "run", "--quiet"));
        command.addAll(extraArgs);
        double load0 = Timing.load();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit;
        try {
            p.waitFor(6, TimeUnit.HOURS);
        } finally {
            if (p.isAlive()) p.destroyForcibly();
        }
        exit = p.exitValue();
        double seconds = (System.nanoTime() - t0) / 1e9;
        String tail = String.join(" / ", Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList()
                .reversed().stream().limit(1).toList());
        String note = exit == 0 ? "ok; load at start %.1f; %s".formatted(load0, "log " + log)
                : "FAILED with exit " + exit + ": " + tail + " (log " + log + ")";
        results.add(new Results.Row("end-to-end quick run", "drcorl run --quiet " + String.join(" ", extraArgs) + " (fresh directory)",
                seconds / 60, "min", Double.NaN, Double.NaN, Timing.load(), note));
    }
}
