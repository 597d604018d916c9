package org.drcorl.experiment.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.drcorl.experiment.UserError;
import org.drcorl.report.AtomicFiles;

/**
 * What a sweep directory holds and which points are left: {@code sweep.json} (the grid), one run
 * directory per point under {@code runs/}, a log per point under {@code logs/}, and a
 * {@code .finished} marker in a point's directory once its run exited 0 with the same command.
 * A second sweep over the same directory skips finished points; {@code drcorl run} itself resumes
 * an interrupted one.
 */
public final class SweepPlan {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A point and the command line that runs it. */
    public record Job(SweepGrid.Point point, List<String> command, Path log, Path directory) {}

    private final Path root;
    private final SweepGrid grid;
    private final List<String> java;
    private final List<String> extraArguments;
    private final Path datasets;

    /**
     * @param datasets       the folder of the tasks' datasets, {@code TASK.hdf5} each (collected on
     *                       first use when it is a {@code runs/data} folder, as by {@code drcorl run})
     * @param extraArguments arguments every point's {@code drcorl run} gets after the grid's
     *                       (e.g. {@code --plugins DIR})
     */
    public SweepPlan(Path root, SweepGrid grid, Path datasets, List<String> extraArguments) {
        this.root = root.toAbsolutePath().normalize();
        this.grid = grid;
        this.java = javaCommand();
        this.datasets = datasets.toAbsolutePath().normalize();
        this.extraArguments = List.copyOf(extraArguments);
    }

    /** The dataset file of a task: {@code DATASETS/TASK.hdf5}. */
    public Path dataset(String task) {
        return datasets.resolve(task + ".hdf5");
    }

    /** Every argument of a point's {@code drcorl run}. */
    private List<String> runArguments(SweepGrid.Point p) {
        List<String> args = new ArrayList<>(grid.runArguments(p, root));
        args.add("--dataset");
        args.add(dataset(p.task()).toString());
        args.addAll(extraArguments);
        return args;
    }

    public Path root() {
        return root;
    }

    public SweepGrid grid() {
        return grid;
    }

    /**
     * The java command line of this JVM (binary, options, class path) with drcorl's main class: a
     * point runs exactly as {@code ./drcorl run} would, whatever started the sweep.
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
     * Writes {@code sweep.json}, or checks that the one there describes the same grid: points of
     * two different grids in one folder would mix.
     */
    public void record() {
        Path file = root.resolve("sweep.json");
        Map<String, Object> mine = new java.util.LinkedHashMap<>(); // in this order in the file
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

    /** The points with the command that runs each, finished ones included. */
    public List<Job> jobs() {
        List<Job> jobs = new ArrayList<>();
        for (SweepGrid.Point p : grid.points()) {
            List<String> command = new ArrayList<>(java);
            command.addAll(runArguments(p));
            Path log = root.resolve("logs").resolve(p.task() + "-seed-" + p.seed() + ".log");
            jobs.add(new Job(p, List.copyOf(command), log, p.directory(root)));
        }
        return jobs;
    }

    /** Whether a point finished with exactly this command (its run arguments) in an earlier sweep. */
    public boolean finished(Job job) {
        Path marker = job.directory().resolve(".finished");
        try {
            return Files.isRegularFile(marker) && Files.readString(marker).equals(markerText(job));
        } catch (IOException e) {
            return false;
        }
    }

    /** Marks a point finished (after its run exited 0). */
    public void markFinished(Job job) {
        AtomicFiles.writeString(job.directory().resolve(".finished"), markerText(job));
    }

    /** The run's own arguments (not the JVM's, which differ between a laptop and a cluster node). */
    private String markerText(Job job) {
        return String.join("\n", runArguments(job.point())) + "\n";
    }
}
