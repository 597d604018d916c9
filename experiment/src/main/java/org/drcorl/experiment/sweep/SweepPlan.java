package org.drcorl.experiment.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drcorl.experiment.UserError;
import org.drcorl.report.AtomicFiles;

/**
 * The jobs of a sweep and what its directory holds: {@code sweep.json} (the grid); a stage run per
 * task × seed under {@code stages/TASK/seed-S} (stages 1-2, trained once); a run per task × seed ×
 * algorithm × κ under {@code runs/TASK/ALGORITHM/kappa-K/seed-S}, which takes the stages of its pair
 * and extracts and evaluates one policy; a log per job under {@code logs/}; and a {@code .finished}
 * marker in a job's directory once it exited 0 with the same command. A second sweep over the same
 * directory skips finished jobs; {@code drcorl run} itself resumes an interrupted one.
 */
public final class SweepPlan {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One {@code drcorl run} of the sweep.
     *
     * @param stage     the index of its task × seed pair among {@link #stagePoints()} (also its Slurm array index)
     * @param extracts  null for the pair's stage run; else the algorithm and κ of the policy it extracts
     * @param kappaSlot the position of κ among its task's budgets (jobs of one algorithm and slot form one Slurm array)
     */
    public record Job(SweepGrid.Point point, int stage, String extracts, double kappa, int kappaSlot, String label,
                      List<String> arguments, List<String> command, Path log, Path directory) {
        public boolean isStage() {
            return extracts == null;
        }
    }

    private final Path root;
    private final SweepGrid grid;
    private final Map<String, List<Double>> kappas;
    private final List<String> java;
    private final List<String> extraArguments;
    private final Path datasets;

    /**
     * @param kappas         each task's budgets (the grid's, or the task's own where the grid names none)
     * @param datasets       the folder of the tasks' datasets, {@code TASK.hdf5} each
     * @param extraArguments arguments every {@code drcorl run} gets (e.g. {@code --plugins DIR})
     */
    public SweepPlan(Path root, SweepGrid grid, Map<String, List<Double>> kappas, Path datasets, List<String> extraArguments) {
        this.root = root.toAbsolutePath().normalize();
        this.grid = grid;
        this.kappas = Map.copyOf(kappas);
        for (String t : grid.tasks()) if (!kappas.containsKey(t)) throw new IllegalArgumentException("no budgets for task " + t);
        this.java = javaCommand();
        this.datasets = datasets.toAbsolutePath().normalize();
        this.extraArguments = List.copyOf(extraArguments);
    }

    public Path root() {
        return root;
    }

    public SweepGrid grid() {
        return grid;
    }

    public List<Double> kappas(String task) {
        return kappas.get(task);
    }

    /** The dataset file of a task: {@code DATASETS/TASK.hdf5}. */
    public Path dataset(String task) {
        return datasets.resolve(task + ".hdf5");
    }

    public Path stageDirectory(SweepGrid.Point p) {
        return root.resolve("stages").resolve(p.task()).resolve("seed-" + p.seed());
    }

    public Path runDirectory(SweepGrid.Point p, String algorithm, double kappa) {
        return root.resolve("runs").resolve(p.task()).resolve(org.drcorl.policy.TrainedPolicy.folderName(algorithm))
                .resolve("kappa-" + SweepGrid.number(kappa)).resolve("seed-" + p.seed());
    }

    /**
     * The java command line of this JVM (binary, options, class path) with drcorl's main class: a
     * job runs exactly as {@code ./drcorl run} would, whatever started the sweep.
     */
    static List<String> javaCommand() {
        List<String> c = new ArrayList<>();
        c.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib:jdwp")) c.add(a); // a debugger port cannot be shared
        }
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        c.add("org.drcorl.cli.Main");
        return c;
    }

    /**
     * Writes {@code sweep.json}, or checks that the one there describes the same grid: runs of two
     * grids in one folder would mix.
     */
    public void record() {
        Path file = root.resolve("sweep.json");
        Map<String, Object> mine = new LinkedHashMap<>(); // in this order in the file
        mine.put("tasks", grid.tasks());
        mine.put("algos", grid.algorithms());
        mine.put("thresholds", grid.thresholds());
        mine.put("seeds", grid.seeds());
        mine.put("preset", grid.preset());
        mine.put("set", grid.settings());
        try {
            if (Files.isRegularFile(file)) {
                // compared as text: a number read back is an int node where a long was written
                String recorded = JSON.writeValueAsString(JSON.readTree(file.toFile()));
                if (!recorded.equals(JSON.writeValueAsString(JSON.valueToTree(mine)))) {
                    throw new UserError(root + " holds another sweep (" + file + "); use another --out, or the same grid");
                }
                return;
            }
            if (Files.isDirectory(root)) {
                try (var entries = Files.list(root)) {
                    if (entries.anyMatch(p -> !p.getFileName().toString().startsWith("."))) {
                        throw new UserError(root + " is not a sweep directory (no sweep.json) and not empty; use another --out");
                    }
                }
            }
            AtomicFiles.writeString(file, JSON.writeValueAsString(mine));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The task × seed pairs, in stage-index order. */
    public List<SweepGrid.Point> stagePoints() {
        return grid.points();
    }

    /** Every job: the stage runs first (in stage-index order), then the extraction runs. */
    public List<Job> jobs() {
        List<Job> jobs = new ArrayList<>();
        List<SweepGrid.Point> points = stagePoints();
        for (int i = 0; i < points.size(); i++) {
            SweepGrid.Point p = points.get(i);
            List<String> args = new ArrayList<>(List.of("run", "--stages-only"));
            args.addAll(common(p, grid.algorithms(), kappas.get(p.task())));
            args.addAll(List.of("--out", stageDirectory(p).toString(), "--quiet"));
            jobs.add(job(p, i, null, Double.NaN, -1, p.label() + " stages", args, stageDirectory(p),
                    p.task() + "-seed-" + p.seed() + "-stages.log"));
        }
        for (int i = 0; i < points.size(); i++) {
            SweepGrid.Point p = points.get(i);
            List<Double> ks = kappas.get(p.task());
            for (String a : grid.algorithms()) {
                for (int slot = 0; slot < ks.size(); slot++) {
                    double k = ks.get(slot);
                    List<String> args = new ArrayList<>(List.of("run"));
                    args.addAll(common(p, List.of(a), List.of(k)));
                    args.addAll(List.of("--stages-from", stageDirectory(p).toString(), "--out", runDirectory(p, a, k).toString(), "--quiet"));
                    jobs.add(job(p, i, a, k, slot, p.label() + " " + a + " κ=" + SweepGrid.number(k), args, runDirectory(p, a, k),
                            p.task() + "-" + org.drcorl.policy.TrainedPolicy.folderName(a) + "-kappa-" + SweepGrid.number(k)
                                    + "-seed-" + p.seed() + ".log"));
                }
            }
        }
        return jobs;
    }

    private List<String> common(SweepGrid.Point p, List<String> algorithms, List<Double> thresholds) {
        List<String> a = new ArrayList<>(List.of("--task", p.task(), "--seeds", Long.toString(p.seed()),
                "--algos", String.join(",", algorithms), "--thresholds",
                String.join(",", thresholds.stream().map(SweepGrid::number).toList()), "--preset", grid.preset(),
                "--dataset", dataset(p.task()).toString(),
                // the sweep runs its jobs side by side as processes: each trains one thing at a time
                "--jobs", "1"));
        grid.settings().forEach((k, v) -> {
            a.add("--set");
            a.add(k + "=" + v);
        });
        a.addAll(extraArguments);
        return a;
    }

    private Job job(SweepGrid.Point p, int stage, String algorithm, double kappa, int slot, String label, List<String> args,
                    Path directory, String logName) {
        List<String> command = new ArrayList<>(java);
        command.addAll(args);
        return new Job(p, stage, algorithm, kappa, slot, label, List.copyOf(args), List.copyOf(command),
                root.resolve("logs").resolve(logName), directory);
    }

    /** Whether a job finished with exactly these arguments in an earlier sweep. */
    public boolean finished(Job job) {
        Path marker = job.directory().resolve(".finished");
        try {
            return Files.isRegularFile(marker) && Files.readString(marker).equals(markerText(job));
        } catch (IOException e) {
            return false;
        }
    }

    /** Marks a job finished (after its run exited 0). */
    public void markFinished(Job job) {
        AtomicFiles.writeString(job.directory().resolve(".finished"), markerText(job));
    }

    /** The run's own arguments (not the JVM's, which differ between a laptop and a cluster node). */
    private static String markerText(Job job) {
        return String.join("\n", job.arguments()) + "\n";
    }
}
