package org.drcorl.experiment.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.drcorl.experiment.RunLayout;
import org.drcorl.report.AtomicFiles;
import org.drcorl.report.Numbers;
import org.drcorl.report.ResultsTables;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A sweep's results as one table: a row per task × algorithm × κ with the number of seeds, the
 * normalized reward and cost as mean, std and 95 % interval over the seeds (Student's t), and
 * whether the cell is safe (mean cost ≤ 1, as {@code drcorl run}'s table says); plus the count of
 * safe cells per algorithm and, when the grid has {@link #BASELINE}, each algorithm against it.
 */
public final class SweepSummary {
    private SweepSummary() {}

    public static final List<String> COLUMNS = List.of("task", "algorithm", "kappa", "seeds", "reward_mean", "reward_std",
            "reward_ci95", "cost_mean", "cost_std", "cost_ci95", "safe");

    /** Two-sided 95 % quantiles of Student's t for 1..30 degrees of freedom; beyond, the normal's 1.96. */
    private static final double[] T95 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
            2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

    /** Half-width of the 95 % interval of the mean of {@code n} values with sample std {@code std} (NaN for one value). */
    static double ci95(double std, int n) {
        if (n < 2) return Double.NaN;
        double t = n - 1 <= T95.length ? T95[n - 2] : 1.96;
        return t * std / Math.sqrt(n);
    }

    /** The per-seed scores of every extraction run that has results, with a {@code task} column; null if none has. */
    public static Table scores(SweepPlan plan) {
        Table merged = null;
        for (SweepPlan.Job job : plan.jobs()) {
            if (job.isStage()) continue;
            Path file = new RunLayout(job.directory()).scores();
            if (!Files.isRegularFile(file)) continue;
            Table t = ResultsTables.readScores(file);
            StringColumn task = StringColumn.create("task");
            for (int i = 0; i < t.rowCount(); i++) task.append(job.point().task());
            t.insertColumn(0, task);
            merged = merged == null ? t : merged.append(t);
        }
        return merged;
    }

    /** The summary table ({@link #COLUMNS}), rows ordered by task, algorithm (as in the grid) and κ. */
    public static Table summary(Table scores, List<String> algorithmOrder) {
        Map<String, Map<String, Map<Double, List<double[]>>>> cells = new TreeMap<>();
        for (Row r : scores) {
            cells.computeIfAbsent(r.getString("task"), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.getString("algorithm"), k -> new TreeMap<>())
                    .computeIfAbsent(r.getDouble("threshold"), k -> new ArrayList<>())
                    .add(new double[] {r.getDouble("normalized_reward"), r.getDouble("normalized_cost")});
        }
        Table t = Table.create("sweep summary", StringColumn.create("task"), StringColumn.create("algorithm"),
                DoubleColumn.create("kappa"), IntColumn.create("seeds"), DoubleColumn.create("reward_mean"),
                DoubleColumn.create("reward_std"), DoubleColumn.create("reward_ci95"), DoubleColumn.create("cost_mean"),
                DoubleColumn.create("cost_std"), DoubleColumn.create("cost_ci95"), BooleanColumn.create("safe"));
        for (var task : cells.entrySet()) {
            List<String> algorithms = new ArrayList<>(algorithmOrder);
            task.getValue().keySet().stream().filter(a -> !algorithms.contains(a)).forEach(algorithms::add);
            for (String a : algorithms) {
                Map<Double, List<double[]>> byKappa = task.getValue().get(a);
                if (byKappa == null) continue;
                for (var k : byKappa.entrySet()) {
                    double[] reward = k.getValue().stream().mapToDouble(v -> v[0]).toArray();
                    double[] cost = k.getValue().stream().mapToDouble(v -> v[1]).toArray();
                    int n = reward.length;
                    double rs = ResultsTables.std(reward), cs = ResultsTables.std(cost);
                    t.stringColumn("task").append(task.getKey());
                    t.stringColumn("algorithm").append(a);
                    t.doubleColumn("kappa").append(k.getKey());
                    t.intColumn("seeds").append(n);
                    t.doubleColumn("reward_mean").append(ResultsTables.mean(reward));
                    t.doubleColumn("reward_std").append(rs);
                    t.doubleColumn("reward_ci95").append(ci95(rs, n));
                    t.doubleColumn("cost_mean").append(ResultsTables.mean(cost));
                    t.doubleColumn("cost_std").append(cs);
                    t.doubleColumn("cost_ci95").append(ci95(cs, n));
                    t.booleanColumn("safe").append(ResultsTables.mean(cost) <= 1.0);
                }
            }
        }
        return t;
    }

    /** "drcorl: 7 / 9 cells safe" per algorithm, in the grid's order. */
    public static Map<String, int[]> safeCells(Table summary) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Row r : summary) {
            int[] c = counts.computeIfAbsent(r.getString("algorithm"), k -> new int[2]);
            if (r.getBoolean("safe")) c[0]++;
            c[1]++;
        }
        return counts;
    }

    /** The algorithm every other is measured against in a summary, when the grid has it (as in DSRL's tables). */
    public static final String BASELINE = "bc-safe";

    /**
     * One algorithm against the baseline over the cells (task × κ) both have: how many it holds
     * safe, how many it earns at least the baseline's mean reward in, and both at once; its mean
     * reward over those cells next to the baseline's.
     *
     * @param cells          cells both algorithms have
     * @param safe           of those, cells with mean cost ≤ 1
     * @param atLeast        cells with mean reward ≥ the baseline's mean reward in the same cell
     * @param safeAndAtLeast cells that are both
     * @param meanReward     the algorithm's reward averaged over the cells
     * @param baselineMeanReward the baseline's, over the same cells
     */
    public record AgainstBaseline(int cells, int safe, int atLeast, int safeAndAtLeast, double meanReward,
                                  double baselineMeanReward) {
        /** meanReward / baselineMeanReward; NaN unless the baseline's mean is positive (a ratio to ≤ 0 says nothing). */
        public double ratio() {
            return baselineMeanReward > 0 ? meanReward / baselineMeanReward : Double.NaN;
        }
    }

    /** Every other algorithm of the summary against {@code baseline}, in the summary's order; empty when the baseline is absent. */
    public static Map<String, AgainstBaseline> againstBaseline(Table summary, String baseline) {
        Map<String, Double> baselineReward = new LinkedHashMap<>(); // "task|κ" → the baseline's mean reward
        for (Row r : summary) {
            if (r.getString("algorithm").equals(baseline)) {
                baselineReward.put(r.getString("task") + "|" + r.getDouble("kappa"), r.getDouble("reward_mean"));
            }
        }
        Map<String, double[]> sums = new LinkedHashMap<>(); // cells, safe, atLeast, both, reward sum, baseline sum
        for (Row r : summary) {
            String algorithm = r.getString("algorithm");
            Double base = baselineReward.get(r.getString("task") + "|" + r.getDouble("kappa"));
            if (algorithm.equals(baseline) || base == null) continue;
            double[] s = sums.computeIfAbsent(algorithm, k -> new double[6]);
            boolean safe = r.getBoolean("safe");
            boolean atLeast = r.getDouble("reward_mean") >= base;
            s[0]++;
            if (safe) s[1]++;
            if (atLeast) s[2]++;
            if (safe && atLeast) s[3]++;
            s[4] += r.getDouble("reward_mean");
            s[5] += base;
        }
        Map<String, AgainstBaseline> out = new LinkedHashMap<>();
        sums.forEach((a, s) -> out.put(a, new AgainstBaseline((int) s[0], (int) s[1], (int) s[2], (int) s[3], s[4] / s[0], s[5] / s[0])));
        return out;
    }

    /** The summary as Markdown: one table, then the safe cells per algorithm, then each against {@link #BASELINE}. */
    public static String markdown(Table summary, SweepGrid grid) {
        StringBuilder s = new StringBuilder("# Sweep: " + String.join(", ", grid.tasks()) + "\n\n");
        s.append("Preset `").append(grid.preset()).append("`, seeds ").append(grid.seeds())
                .append(". Normalized scores (DSRL): mean ± 95 % interval over the seeds (Student's t); safe ⇔ mean cost ≤ 1.\n\n");
        s.append("| task | algorithm | κ | seeds | reward | cost | safe |\n|---|---|---|---|---|---|---|\n");
        for (Row r : summary) {
            s.append("| ").append(r.getString("task")).append(" | ").append(r.getString("algorithm")).append(" | ")
                    .append(Numbers.compact(r.getDouble("kappa"))).append(" | ").append(r.getInt("seeds")).append(" | ")
                    .append(interval(r.getDouble("reward_mean"), r.getDouble("reward_ci95"))).append(" | ")
                    .append(interval(r.getDouble("cost_mean"), r.getDouble("cost_ci95"))).append(" | ")
                    .append(r.getBoolean("safe") ? "yes" : "**NO**").append(" |\n");
        }
        s.append("\nSafe cells:\n\n");
        safeCells(summary).forEach((a, c) -> s.append("- ").append(a).append(": ").append(c[0]).append(" / ").append(c[1]).append('\n'));
        Map<String, AgainstBaseline> against = againstBaseline(summary, BASELINE);
        if (!against.isEmpty()) {
            s.append("\nAgainst ").append(BASELINE).append(" (the cells both have; ≥ compares the mean rewards over the seeds):\n\n");
            s.append("| algorithm | cells | safe | reward ≥ ").append(BASELINE).append(" | safe and ≥ | mean reward | ")
                    .append(BASELINE).append("'s | ratio |\n|---|---|---|---|---|---|---|---|\n");
            against.forEach((a, c) -> s.append("| ").append(a).append(" | ").append(c.cells()).append(" | ").append(c.safe())
                    .append(" | ").append(c.atLeast()).append(" | ").append(c.safeAndAtLeast()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f | %.3f | ", c.meanReward(), c.baselineMeanReward()))
                    .append(Double.isNaN(c.ratio()) ? "—" : String.format(Locale.ROOT, "%.2f×", c.ratio())).append(" |\n"));
        }
        return s.toString();
    }

    private static String interval(double mean, double ci) {
        return Double.isNaN(ci) ? String.format(Locale.ROOT, "%.3f", mean) : String.format(Locale.ROOT, "%.3f ± %.3f", mean, ci);
    }

    /**
     * Writes {@code summary.csv}, {@code summary.md} and {@code summary.png} over the runs that have
     * results (all of them once the sweep is complete); null when none has.
     */
    public static Table writeFinished(SweepPlan plan) {
        Table scores = scores(plan);
        if (scores == null) return null;
        Table summary = summary(scores, plan.grid().algorithms());
        Path sweep = plan.root();
        AtomicFiles.writeString(sweep.resolve("summary.csv"), csv(summary));
        AtomicFiles.writeString(sweep.resolve("summary.md"), markdown(summary, plan.grid()));
        AtomicFiles.writeBytes(sweep.resolve("summary.png"), SweepChart.png(summary));
        return summary;
    }

    static String csv(Table summary) {
        StringBuilder s = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Row r : summary) {
            s.append(r.getString("task")).append(',').append(r.getString("algorithm")).append(',')
                    .append(r.getDouble("kappa")).append(',').append(r.getInt("seeds"));
            for (String c : List.of("reward_mean", "reward_std", "reward_ci95", "cost_mean", "cost_std", "cost_ci95")) {
                double v = r.getDouble(c);
                s.append(',').append(Double.isNaN(v) ? "" : Double.toString(v));
            }
            s.append(',').append(r.getBoolean("safe")).append('\n');
        }
        return s.toString();
    }
}
