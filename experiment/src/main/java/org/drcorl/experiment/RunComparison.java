package org.drcorl.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.drcorl.report.ResultsTables;
import tech.tablesaw.api.Table;

/** Several runs' results in one table: what {@code drcorl compare} prints. */
public final class RunComparison {
    private RunComparison() {}

    /**
     * The per-seed scores of the runs, with a {@code run} column naming each (its folder name, or
     * the whole path when two runs share a folder name), summarized as mean ± std over seeds.
     *
     * @throws UserError naming every run directory without readable scores
     */
    public static Table summary(List<Path> runs) {
        runs = expandSweeps(runs);
        Table merged = null;
        Set<String> names = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Path dir : runs) {
            Table t;
            try {
                t = ResultsTables.readScores(new RunLayout(dir).scores());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                continue;
            }
            String name = sweepLabel(dir); // the seeds of a sweep's task share one label
            if (name == null) {
                name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
                if (!names.add(name)) name = dir.toString();
                names.add(name);
            }
            Table labelled = ResultsTables.withRun(t, name);
            merged = merged == null ? labelled : merged.append(labelled);
        }
        if (!problems.isEmpty()) throw new UserError(String.join("; ", problems));
        if (merged == null) throw new UserError("no run directory given");
        return ResultsTables.summary(merged);
    }

    /**
     * A sweep directory (with {@code sweep.json}) stands for its points' run directories, so that
     * {@code drcorl compare} reads a sweep like several runs.
     */
    static List<Path> expandSweeps(List<Path> dirs) {
        List<Path> out = new ArrayList<>();
        for (Path dir : dirs) {
            if (!java.nio.file.Files.isRegularFile(dir.resolve("sweep.json"))) {
                out.add(dir);
                continue;
            }
            try (var points = java.nio.file.Files.find(dir.resolve("runs"), 4,
                    (p, a) -> a.isDirectory() && java.nio.file.Files.isRegularFile(p.resolve("config.json")))) {
                points.sorted().forEach(out::add);
            } catch (java.io.IOException e) {
                throw new UserError(dir + ": a sweep without readable runs (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    /**
     * A sweep run's label, {@code SWEEP/TASK}: the seeds of one task then fall into one row per
     * algorithm and κ, as the seeds of one run do. Null for a plain run directory.
     */
    private static String sweepLabel(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        for (Path up = absolute.getParent(); up != null; up = up.getParent()) {
            if (java.nio.file.Files.isRegularFile(up.resolve("sweep.json"))) {
                Path inside = up.relativize(absolute); // runs/TASK/ALGORITHM/kappa-K/seed-S
                return inside.getNameCount() > 1 ? up.getFileName() + "/" + inside.getName(1) : null;
            }
        }
        return null;
    }

    /**
     * What makes the runs' numbers not comparable, one line each (empty when nothing does): a
     * different preset, task or dataset, or evaluations on different episode counts.
     */
    public static List<String> differences(List<Path> runs) {
        runs = expandSweeps(runs);
        java.util.Map<String, java.util.Map<String, String>> byAspect = new java.util.LinkedHashMap<>();
        for (String aspect : List.of("preset", "task", "dataset", "evaluation episodes")) byAspect.put(aspect, new java.util.LinkedHashMap<>());
        for (Path dir : runs) {
            RunLayout layout = new RunLayout(dir);
            String name = dir.toString();
            if (java.nio.file.Files.isRegularFile(layout.config())) {
                try {
                    ExperimentConfig c = ExperimentConfig.read(layout.config()).config();
                    if (c.preset() != null) byAspect.get("preset").put(name, c.preset());
                    // a sweep spans tasks by design: only its preset and episodes must agree with the rest
                    if (c.task() != null && sweepLabel(dir) == null) byAspect.get("task").put(name, c.task());
                    if (c.dataset() != null && sweepLabel(dir) == null) byAspect.get("dataset").put(name, c.dataset());
                } catch (UserError e) {
                    // an unreadable config only loses the comparison; summary() reports unreadable scores
                }
            }
            try {
                Table t = ResultsTables.readScores(layout.scores());
                java.util.TreeSet<Integer> counts = new java.util.TreeSet<>();
                t.intColumn("episodes").forEach(counts::add);
                byAspect.get("evaluation episodes").put(name, counts.size() == 1 ? counts.first().toString() : counts.toString());
            } catch (RuntimeException e) {
                // reported by summary()
            }
        }
        List<String> lines = new ArrayList<>();
        byAspect.forEach((aspect, values) -> {
            if (new HashSet<>(values.values()).size() > 1) {
                List<String> parts = new ArrayList<>();
                values.forEach((run, v) -> parts.add(run + ": " + v));
                lines.add("the runs differ in " + aspect + " (" + String.join(", ", parts) + ")");
            }
        });
        return lines;
    }
}
