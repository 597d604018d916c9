package org.drcorl.report;

import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.drcorl.eval.EpisodeStats;
import org.drcorl.eval.Evaluation;
import org.drcorl.eval.PolicyScore;
import org.drcorl.spi.NormalizationConstants;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The results of a run as Tablesaw tables, following DSRL's protocol: per (algorithm, budget κ,
 * seed) the mean normalized reward and cost over the evaluation episodes; summarized as mean ±
 * std over seeds per κ and averaged over the κs ({@value #MEAN} row: each seed's average over
 * the budgets, then mean ± std over seeds); safe ⇔ mean normalized cost ≤ 1.
 */
public final class ResultsTables {
    /** The threshold label of the row averaged over the budgets. */
    public static final String MEAN = "mean";
    /** Column of the run a row came from, in tables merged by {@code drcorl compare}. */
    public static final String RUN = "run";

    public static final List<String> SCORE_COLUMNS = List.of("algorithm", "threshold", "seed", "episodes", "reward_return",
            "cost_return", "normalized_reward", "normalized_cost", "safe", "selected_step");
    public static final List<String> SUMMARY_COLUMNS = List.of("algorithm", "threshold", "seeds", "reward_mean", "reward_std",
            "cost_mean", "cost_std", "safe");
    public static final List<String> EPISODE_COLUMNS = List.of("algorithm", "threshold", "seed", "episode", "reward_return",
            "cost_return", "length", "normalized_reward", "normalized_cost");

    private static final ColumnType[] SCORE_TYPES = {ColumnType.STRING, ColumnType.DOUBLE, ColumnType.LONG, ColumnType.INTEGER,
            ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.LONG};

    private ResultsTables() {}

    /** One row per evaluated policy. */
    public static Table scores(List<Evaluation> evaluations) {
        Table t = Table.create("scores", StringColumn.create("algorithm"), DoubleColumn.create("threshold"),
                LongColumn.create("seed"), IntColumn.create("episodes"), DoubleColumn.create("reward_return"),
                DoubleColumn.create("cost_return"), DoubleColumn.create("normalized_reward"),
                DoubleColumn.create("normalized_cost"), BooleanColumn.create("safe"), LongColumn.create("selected_step"));
        for (Evaluation e : evaluations) {
            PolicyScore s = e.score();
            t.stringColumn("algorithm").append(s.algorithm());
            t.doubleColumn("threshold").append(s.threshold());
            t.longColumn("seed").append(s.seed());
            t.intColumn("episodes").append(s.episodes());
            t.doubleColumn("reward_return").append(s.rewardReturn());
            t.doubleColumn("cost_return").append(s.costReturn());
            t.doubleColumn("normalized_reward").append(s.normalizedReward());
            t.doubleColumn("normalized_cost").append(s.normalizedCost());
            t.booleanColumn("safe").append(s.safe());
            if (e.selectedStep().isPresent()) t.longColumn("selected_step").append(e.selectedStep().getAsLong());
            else t.longColumn("selected_step").appendMissing();
        }
        return t;
    }

    /** One row per evaluation episode. */
    public static Table episodes(List<Evaluation> evaluations, NormalizationConstants constants) {
        Table t = Table.create("episodes", StringColumn.create("algorithm"), DoubleColumn.create("threshold"),
                LongColumn.create("seed"), IntColumn.create("episode"), DoubleColumn.create("reward_return"),
                DoubleColumn.create("cost_return"), IntColumn.create("length"), DoubleColumn.create("normalized_reward"),
                DoubleColumn.create("normalized_cost"));
        for (Evaluation e : evaluations) {
            PolicyScore s = e.score();
            for (int i = 0; i < e.episodes().size(); i++) {
                EpisodeStats ep = e.episodes().get(i);
                t.stringColumn("algorithm").append(s.algorithm());
                t.doubleColumn("threshold").append(s.threshold());
                t.longColumn("seed").append(s.seed());
                t.intColumn("episode").append(i);
                t.doubleColumn("reward_return").append(ep.rewardReturn());
                t.doubleColumn("cost_return").append(ep.costReturn());
                t.intColumn("length").append(ep.length());
                t.doubleColumn("normalized_reward").append(constants.normalizedReward(ep.rewardReturn()));
                t.doubleColumn("normalized_cost").append(NormalizationConstants.normalizedCost(ep.costReturn(), s.threshold()));
            }
        }
        return t;
    }

    /**
     * Mean ± std over seeds per (algorithm, κ), then the {@value #MEAN} row per algorithm; with a
     * {@value #RUN} column (merged runs) the groups are per (run, algorithm). Groups keep the
     * order in which they first appear; budgets are sorted.
     */
    public static Table summary(Table scores) {
        boolean merged = scores.containsColumn(RUN);
        Map<List<String>, Map<Double, Map<Long, double[]>>> groups = new LinkedHashMap<>();
        for (Row r : scores) {
            List<String> key = merged ? List.of(r.getString(RUN), r.getString("algorithm")) : List.of(r.getString("algorithm"));
            groups.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(r.getDouble("threshold"), k -> new TreeMap<>())
                    .put(r.getLong("seed"), new double[] {r.getDouble("normalized_reward"), r.getDouble("normalized_cost")});
        }
        Table t = Table.create("summary");
        if (merged) t.addColumns(StringColumn.create(RUN));
        t.addColumns(StringColumn.create("algorithm"), StringColumn.create("threshold"), IntColumn.create("seeds"),
                DoubleColumn.create("reward_mean"), DoubleColumn.create("reward_std"), DoubleColumn.create("cost_mean"),
                DoubleColumn.create("cost_std"), BooleanColumn.create("safe"));
        for (var g : groups.entrySet()) {
            Map<Long, double[]> perSeedSum = new TreeMap<>();
            Map<Long, Integer> perSeedCount = new TreeMap<>();
            for (var k : g.getValue().entrySet()) {
                appendSummary(t, merged, g.getKey(), label(k.getKey()), k.getValue().values());
                for (var s : k.getValue().entrySet()) {
                    double[] sum = perSeedSum.computeIfAbsent(s.getKey(), x -> new double[2]);
                    sum[0] += s.getValue()[0];
                    sum[1] += s.getValue()[1];
                    perSeedCount.merge(s.getKey(), 1, Integer::sum);
                }
            }
            List<double[]> averages = new ArrayList<>();
            perSeedSum.forEach((seed, sum) -> averages.add(new double[] {sum[0] / perSeedCount.get(seed), sum[1] / perSeedCount.get(seed)}));
            appendSummary(t, merged, g.getKey(), MEAN, averages);
        }
        return t;
    }

    private static void appendSummary(Table t, boolean merged, List<String> key, String threshold, java.util.Collection<double[]> perSeed) {
        double[] reward = perSeed.stream().mapToDouble(v -> v[0]).toArray();
        double[] cost = perSeed.stream().mapToDouble(v -> v[1]).toArray();
        if (merged) t.stringColumn(RUN).append(key.get(0));
        t.stringColumn("algorithm").append(key.get(key.size() - 1));
        t.stringColumn("threshold").append(threshold);
        t.intColumn("seeds").append(perSeed.size());
        t.doubleColumn("reward_mean").append(mean(reward));
        t.doubleColumn("reward_std").append(std(reward));
        t.doubleColumn("cost_mean").append(mean(cost));
        t.doubleColumn("cost_std").append(std(cost));
        t.booleanColumn("safe").append(mean(cost) <= 1.0);
    }

    /** 10, 20, 40: integers without a trailing .0. */
    public static String label(double threshold) {
        return Numbers.compact(threshold);
    }

    /** Mean; NaN for no values. */
    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    /** Sample standard deviation (n − 1); 0 for a single seed. */
    public static double std(double[] v) {
        if (v.length < 2) return 0;
        double m = mean(v), ss = 0;
        for (double x : v) ss += (x - m) * (x - m);
        return Math.sqrt(ss / (v.length - 1));
    }

    /** The summary as people read it: {@code reward} and {@code cost} as "mean ± std", safe as yes/NO. */
    public static Table display(Table summary) {
        boolean merged = summary.containsColumn(RUN);
        Table t = Table.create("normalized scores (DSRL): mean ± std over seeds; safe ⇔ cost ≤ 1");
        if (merged) t.addColumns(StringColumn.create(RUN));
        t.addColumns(StringColumn.create("algorithm"), StringColumn.create("κ"), StringColumn.create("reward"),
                StringColumn.create("cost"), StringColumn.create("safe"), IntColumn.create("seeds"));
        for (Row r : summary) {
            if (merged) t.stringColumn(RUN).append(r.getString(RUN));
            t.stringColumn("algorithm").append(r.getString("algorithm"));
            t.stringColumn("κ").append(r.getString("threshold"));
            t.stringColumn("reward").append(meanStd(r.getDouble("reward_mean"), r.getDouble("reward_std")));
            t.stringColumn("cost").append(meanStd(r.getDouble("cost_mean"), r.getDouble("cost_std")));
            t.stringColumn("safe").append(r.getBoolean("safe") ? "yes" : "NO");
            t.intColumn("seeds").append(r.getInt("seeds"));
        }
        return t;
    }

    private static String meanStd(double mean, double std) {
        return String.format(Locale.ROOT, "%.3f ± %.3f", mean, std);
    }

    /** The display table as terminal text. */
    public static String text(Table summary) {
        return display(summary).printAll();
    }

    /** The thresholds of a scores table, sorted. */
    public static List<Double> thresholds(Table scores) {
        return List.copyOf(new TreeSet<>(scores.doubleColumn("threshold").asList()));
    }

    /** The algorithms of a scores table, in order of first appearance. */
    public static List<String> algorithms(Table scores) {
        return List.copyOf(new LinkedHashSet<>(scores.stringColumn("algorithm").asList()));
    }

    /** A copy of a scores table with a first {@value #RUN} column naming the run, for merging runs. */
    public static Table withRun(Table scores, String run) {
        Table t = scores.copy();
        StringColumn c = StringColumn.create(RUN);
        for (int i = 0; i < t.rowCount(); i++) c.append(run);
        t.insertColumn(0, c);
        return t;
    }

    /** CSV text of a table (header line first). */
    public static String csv(Table table) {
        StringWriter w = new StringWriter();
        table.write().csv(w);
        return w.toString();
    }

    public static void writeCsv(Table table, Path file) {
        AtomicFiles.writeString(file, csv(table));
    }

    /**
     * Reads a scores CSV written by {@link #writeCsv}, checking its columns.
     *
     * @throws IllegalArgumentException naming the file and the missing column
     */
    public static Table readScores(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + " does not exist");
        try {
            String header = Files.readAllLines(file).stream().findFirst().orElse("");
            List<String> names = List.of(header.split(",", -1));
            if (!names.equals(SCORE_COLUMNS)) {
                throw new IllegalArgumentException(file + ": not a scores table; expected columns " + String.join(",", SCORE_COLUMNS)
                        + ", found " + header);
            }
            Table t = Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).columnTypes(SCORE_TYPES)
                    .missingValueIndicator("").tableName("scores"));
            return t;
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().startsWith(file.toString())) throw e;
            throw new IllegalArgumentException(file + ": unreadable scores table (" + e.getMessage() + ")", e);
        }
    }
}
