package org.drcorl.experiment.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.drcorl.experiment.UserError;

/**
 * Runs a sweep as Slurm job arrays ({@code sbatch --array}) over the task × seed pairs: one array
 * of stage runs, then one array per algorithm and budget slot whose task i depends on stage task i
 * ({@code --dependency=aftercorr}, cancelled when that stage failed: {@code --kill-on-invalid-dep}).
 * Array task i runs line i of its {@code slurm/NAME.txt} from the sweep's working directory (a
 * filesystem shared with the nodes is assumed, as for any Slurm job); a line that has nothing to do
 * (finished earlier, or a budget slot the task lacks) is {@code true}. The sweep polls
 * {@code squeue}, reports each job as it ends (its exit code is written beside the array's lines),
 * and cancels the arrays ({@code scancel}) when it is interrupted.
 */
public final class SlurmExecutor implements SweepExecutor {
    private final Path root;
    private final int pairs;
    private final List<String> sbatchOptions;
    private final Duration poll;

    /**
     * @param pairs         the sweep's task × seed pairs (the size of every array)
     * @param sbatchOptions passed to {@code sbatch} as they are (partition, time, {@code --gres=gpu:1}, ...)
     */
    public SlurmExecutor(Path root, int pairs, List<String> sbatchOptions, Duration poll) {
        this.root = root;
        this.pairs = pairs;
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

    /** One submitted array: its job id and, per array index, the job it runs (null: nothing). */
    private record Array(String name, String id, SweepPlan.Job[] jobs) {}

    @Override
    public List<JobOutcome> run(List<SweepPlan.Job> todo, Consumer<JobOutcome> finished) {
        if (todo.isEmpty()) return List.of();
        if (!available()) throw new UserError("--executor slurm: sbatch is not on the PATH (is this a Slurm login node?)");
        Map<String, SweepPlan.Job[]> groups = new LinkedHashMap<>();
        for (SweepPlan.Job j : todo) {
            String name = j.isStage() ? "stages" : (org.drcorl.policy.TrainedPolicy.folderName(j.extracts()) + "-slot" + j.kappaSlot());
            groups.computeIfAbsent(name, n -> new SweepPlan.Job[pairs])[j.stage()] = j;
        }
        List<Array> arrays = new ArrayList<>();
        List<String> submitted = new ArrayList<>();
        Thread cancel = new Thread(() -> submitted.forEach(id -> quietly(List.of("scancel", id))), "drcorl-sweep-scancel");
        Runtime.getRuntime().addShutdownHook(cancel);
        long start = System.nanoTime();
        List<JobOutcome> outcomes = new ArrayList<>();
        try {
            String stages = null;
            for (var g : groups.entrySet()) {
                List<String> options = new ArrayList<>();
                if (!g.getKey().equals("stages") && stages != null) {
                    options.add("--dependency=aftercorr:" + stages);
                    options.add("--kill-on-invalid-dep=yes");
                }
                String id = submit(g.getKey(), g.getValue(), options);
                submitted.add(id);
                if (g.getKey().equals("stages")) stages = id;
                arrays.add(new Array(g.getKey(), id, g.getValue()));
            }
            Set<String> reported = new java.util.HashSet<>();
            int expected = todo.size();
            while (reported.size() < expected) {
                Thread.sleep(poll.toMillis());
                for (Array a : arrays) {
                    Set<Integer> active = active(a.id(), pairs);
                    for (int i = 0; i < pairs; i++) {
                        SweepPlan.Job j = a.jobs()[i];
                        if (j == null || active.contains(i) || !reported.add(a.name() + "/" + i)) continue;
                        Path exit = root.resolve("slurm").resolve(a.name() + ".exit-" + i);
                        int code = Files.isRegularFile(exit) ? Integer.parseInt(Files.readString(exit).strip())
                                : j.isStage() ? -1 : JobOutcome.STAGES_FAILED;
                        JobOutcome o = new JobOutcome(j, code, Duration.ofNanos(System.nanoTime() - start), false);
                        outcomes.add(o);
                        finished.accept(o);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            submitted.forEach(id -> quietly(List.of("scancel", id)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cancel);
            } catch (IllegalStateException ignored) {
                // shutting down: the hook cancels the arrays
            }
        }
        return outcomes;
    }

    /** Writes the array's lines and script, submits it, returns its job id. */
    private String submit(String name, SweepPlan.Job[] jobs, List<String> dependency) throws IOException {
        Path slurm = root.resolve("slurm");
        Files.createDirectories(slurm);
        Files.createDirectories(root.resolve("logs"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < jobs.length; i++) {
            Files.deleteIfExists(slurm.resolve(name + ".exit-" + i));
            SweepPlan.Job j = jobs[i];
            lines.add(j == null ? "true" : j.command().stream().map(SlurmExecutor::quote).collect(Collectors.joining(" "))
                    + " > " + quote(j.log().toString()) + " 2>&1");
        }
        Path list = slurm.resolve(name + ".txt"), script = slurm.resolve(name + ".sh");
        Files.write(list, lines);
        String exit = quote(slurm.resolve(name + ".exit-").toString());
        Files.writeString(script, """
                #!/bin/bash
                # One run of a drcorl sweep per array task: line SLURM_ARRAY_TASK_ID+1 of %s.
                cd %s
                line="$(sed -n "$((SLURM_ARRAY_TASK_ID + 1))p" %s)"
                eval "$line"
                code=$?
                echo "$code" > %s"$SLURM_ARRAY_TASK_ID".partial && mv %s"$SLURM_ARRAY_TASK_ID".partial %s"$SLURM_ARRAY_TASK_ID"
                exit "$code"
                """.formatted(list.getFileName(), quote(Path.of("").toAbsolutePath().toString()), quote(list.toString()), exit, exit, exit));
        script.toFile().setExecutable(true);
        List<String> sbatch = new ArrayList<>(List.of("sbatch", "--parsable", "--job-name=drcorl-" + name,
                "--array=0-" + (jobs.length - 1), "--output=" + root.resolve("logs").resolve("slurm-" + name + "-%a.out"),
                "--cpus-per-task=1"));
        sbatch.addAll(dependency);
        sbatch.addAll(sbatchOptions);
        sbatch.add(script.toString());
        return command(sbatch).strip().split(";")[0];
    }

    /**
     * The array indices still pending or running. A task squeue no longer lists has ended; squeue
     * shows a pending array's unstarted range as one line like {@code 12_[3-7]}.
     */
    private static Set<Integer> active(String jobId, int size) {
        String out = command(List.of("squeue", "-h", "-j", jobId, "-o", "%i"));
        Set<Integer> active = new TreeSet<>();
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
                // a job squeue no longer knows has ended: that is not a failure of the poll
                if (command.getFirst().equals("squeue") && out.contains("Invalid job id")) return "";
                throw new UserError(command.getFirst() + " failed: " + out.strip());
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
