package org.drcorl.experiment.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.drcorl.experiment.UserError;

/**
 * Runs the points as one Slurm job array ({@code sbatch --array}): array task i runs line i of
 * {@code slurm/points.txt} from the sweep's working directory (a filesystem shared with the nodes
 * is assumed, as for any Slurm job), writes its log under {@code logs/} and its exit code under
 * {@code slurm/}. The sweep polls {@code squeue} for the tasks still queued or running, reports each
 * as it ends, and cancels the array ({@code scancel}) when it is interrupted.
 */
public final class SlurmExecutor implements SweepExecutor {
    private final Path root;
    private final List<String> sbatchOptions;
    private final Duration poll;

    /**
     * @param sbatchOptions passed to {@code sbatch} as they are (partition, time, {@code --gres=gpu:1}, ...)
     */
    public SlurmExecutor(Path root, List<String> sbatchOptions, Duration poll) {
        this.root = root;
        this.sbatchOptions = List.copyOf(sbatchOptions);
        this.poll = poll;
    }

    /** Whether Slurm's commands are on the PATH. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("sbatch", "--version").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public List<PointOutcome> run(List<SweepPlan.Job> jobs, Consumer<PointOutcome> finished) {
        if (jobs.isEmpty()) return List.of();
        if (!available()) throw new UserError("--executor slurm: sbatch is not on the PATH (is this a Slurm login node?)");
        Path slurm = root.resolve("slurm");
        try {
            Files.createDirectories(slurm);
            Files.createDirectories(root.resolve("logs"));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                Files.deleteIfExists(slurm.resolve("exit-" + i));
                lines.add(jobs.get(i).command().stream().map(SlurmExecutor::quote).collect(Collectors.joining(" "))
                        + " > " + quote(jobs.get(i).log().toString()) + " 2>&1");
            }
            Files.write(slurm.resolve("points.txt"), lines);
            Path script = slurm.resolve("array.sh");
            Files.writeString(script, """
                    #!/bin/bash
                    # One point of a drcorl sweep per array task: line SLURM_ARRAY_TASK_ID+1 of points.txt.
                    cd %s
                    line="$(sed -n "$((SLURM_ARRAY_TASK_ID + 1))p" %s)"
                    set +e
                    eval "$line"
                    code=$?
                    echo "$code" > %s/exit-"$SLURM_ARRAY_TASK_ID".partial && mv %s/exit-"$SLURM_ARRAY_TASK_ID".partial %s/exit-"$SLURM_ARRAY_TASK_ID"
                    exit "$code"
                    """.formatted(quote(Path.of("").toAbsolutePath().toString()), quote(slurm.resolve("points.txt").toString()),
                    quote(slurm.toString()), quote(slurm.toString()), quote(slurm.toString())));
            script.toFile().setExecutable(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Slurm job of " + root + ": " + e.getMessage(), e);
        }
        List<String> sbatch = new ArrayList<>(List.of("sbatch", "--parsable", "--job-name=drcorl-sweep",
                "--array=0-" + (jobs.size() - 1), "--output=" + root.resolve("logs").resolve("slurm-%A_%a.out"), "--cpus-per-task=1"));
        sbatch.addAll(sbatchOptions);
        sbatch.add(slurm.resolve("array.sh").toString());
        String jobId = command(sbatch).strip().split(";")[0];
        Thread cancel = new Thread(() -> quietly(List.of("scancel", jobId)), "drcorl-sweep-scancel");
        Runtime.getRuntime().addShutdownHook(cancel);
        long start = System.nanoTime();
        List<PointOutcome> outcomes = new ArrayList<>();
        Map<Integer, Boolean> reported = new HashMap<>();
        try {
            while (reported.size() < jobs.size()) {
                Thread.sleep(poll.toMillis());
                Set<Integer> active = active(jobId, jobs.size());
                for (int i = 0; i < jobs.size(); i++) {
                    if (reported.containsKey(i) || active.contains(i)) continue;
                    Path exit = slurm.resolve("exit-" + i);
                    int code = Files.isRegularFile(exit) ? Integer.parseInt(Files.readString(exit).strip()) : -1;
                    PointOutcome o = new PointOutcome(jobs.get(i).point(), code, jobs.get(i).log(),
                            Duration.ofNanos(System.nanoTime() - start), false);
                    reported.put(i, true);
                    outcomes.add(o);
                    finished.accept(o);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            quietly(List.of("scancel", jobId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cancel);
            } catch (IllegalStateException ignored) {
                // shutting down: the hook cancels the array
            }
        }
        return outcomes;
    }

    /**
     * The array indices still pending or running. A task that squeue no longer lists has ended;
     * squeue shows a pending array's unstarted range as one line like {@code 12_[3-7]}.
     */
    private static Set<Integer> active(String jobId, int size) {
        String out = command(List.of("squeue", "-h", "-j", jobId, "-o", "%i"));
        Set<Integer> active = new java.util.TreeSet<>();
        for (String line : out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            int us = line.indexOf('_');
            if (us < 0) { // the whole array, not yet split into tasks
                for (int i = 0; i < size; i++) active.add(i);
                continue;
            }
            String part = line.substring(us + 1).replace("[", "").replace("]", "");
            for (String range : part.split(",")) {
                String r = range.replaceAll("%.*$", "");
                if (r.contains("-")) {
                    String[] ab = r.split("-");
                    for (int i = Integer.parseInt(ab[0]); i <= Integer.parseInt(ab[1]); i++) active.add(i);
                } else if (!r.isEmpty()) {
                    active.add(Integer.parseInt(r));
                }
            }
        }
        return active;
    }

    private static String command(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new UserError(String.join(" ", command.subList(0, 1)) + " failed: " + out.strip());
            }
            return out;
        } catch (IOException e) {
            throw new UserError(command.getFirst() + " cannot be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(command.getFirst() + " interrupted");
        }
    }

    private static void quietly(List<String> command) {
        try {
            new ProcessBuilder(command).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException ignored) {
            // best effort while the sweep ends
        }
    }

    /** A word for bash: single-quoted, inner quotes escaped. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
