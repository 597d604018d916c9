package org.drcorl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.imageio.ImageIO;
import org.drcorl.eval.EpisodeStats;
import org.drcorl.eval.Evaluation;
import org.drcorl.eval.PolicyScore;
import org.drcorl.spi.NormalizationConstants;
import org.drcorl.train.extract.PolicyExtractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

class ReportTest {
    private static final NormalizationConstants CONSTANTS = new NormalizationConstants(0, 100, 50);

    @TempDir
    Path tmp;

    private static Evaluation eval(String algo, double kappa, long seed, double reward, double cost) {
        List<EpisodeStats> eps = List.of(new EpisodeStats(reward - 1, cost - 1, 10), new EpisodeStats(reward + 1, cost + 1, 10));
        return new Evaluation(PolicyScore.of(algo, kappa, seed, eps, CONSTANTS), eps, seed == 1 ? OptionalLong.of(7) : OptionalLong.empty());
    }

    private static List<Evaluation> evaluations() {
        List<Evaluation> out = new ArrayList<>();
        // drcorl: rewards 50/70 at κ=10 (costs 5/15), 60/80 at κ=20 (costs 10/30)
        out.add(eval("drcorl", 10, 0, 50, 5));
        out.add(eval("drcorl", 10, 1, 70, 15));
        out.add(eval("drcorl", 20, 0, 60, 10));
        out.add(eval("drcorl", 20, 1, 80, 30));
        out.add(eval("bc-safe", 10, 0, 20, 2));
        out.add(eval("bc-safe", 10, 1, 20, 2));
        out.add(eval("bc-safe", 20, 0, 30, 4));
        out.add(eval("bc-safe", 20, 1, 30, 4));
        return out;
    }

    @Test
    void summaryIsMeanAndStdOverSeedsPerBudgetAndAveraged() {
        Table summary = ResultsTables.summary(ResultsTables.scores(evaluations()));
        assertEquals(ResultsTables.SUMMARY_COLUMNS, summary.columnNames());
        assertEquals(6, summary.rowCount(), "two budgets + the mean row, per algorithm");
        Row k10 = summary.row(0);
        assertEquals("drcorl", k10.getString("algorithm"));
        assertEquals("10", k10.getString("threshold"));
        assertEquals(0.6, k10.getDouble("reward_mean"), 1e-12);
        assertEquals(Math.sqrt(0.02), k10.getDouble("reward_std"), 1e-12);
        assertEquals(1.0, k10.getDouble("cost_mean"), 1e-12); // (0.5 + 1.5) / 2: safe at exactly 1
        assertTrue(k10.getBoolean("safe"));
        Row k20 = summary.row(1);
        assertEquals(1.0, k20.getDouble("cost_mean"), 1e-12); // (0.5 + 1.5) / 2
        Row mean = summary.row(2);
        assertEquals(ResultsTables.MEAN, mean.getString("threshold"));
        // seed 0 averages (0.5 + 0.6) / 2 = 0.55, seed 1 (0.7 + 0.8) / 2 = 0.75
        assertEquals(0.65, mean.getDouble("reward_mean"), 1e-12);
        assertEquals(Math.sqrt(0.02), mean.getDouble("reward_std"), 1e-12);
        assertEquals("bc-safe", summary.row(3).getString("algorithm"));
        assertEquals(0.0, summary.row(3).getDouble("reward_std"), 1e-12);

        String text = ResultsTables.text(summary);
        assertTrue(text.contains("0.600 ± 0.141"), text);
        assertTrue(text.contains("mean"), text);
    }

    @Test
    void unsafeWhenMeanCostAboveOne() {
        Table summary = ResultsTables.summary(ResultsTables.scores(List.of(eval("x", 10, 0, 50, 11), eval("x", 10, 1, 50, 10))));
        assertFalse(summary.row(0).getBoolean("safe"));
        assertTrue(ResultsTables.text(summary).contains("NO"));
    }

    @Test
    void scoresRoundTripThroughCsvAndMergeWithARunColumn() {
        Table scores = ResultsTables.scores(evaluations());
        Path file = tmp.resolve("results/scores.csv");
        ResultsTables.writeCsv(scores, file);
        Table back = ResultsTables.readScores(file);
        assertEquals(ResultsTables.SCORE_COLUMNS, back.columnNames());
        assertEquals(scores.rowCount(), back.rowCount());
        assertEquals(7L, back.longColumn("selected_step").get(1));
        assertTrue(back.longColumn("selected_step").isMissing(0));
        assertEquals(ResultsTables.summary(scores).toString(), ResultsTables.summary(back).toString());

        Table a = ResultsTables.withRun(back, "A"), b = ResultsTables.withRun(back, "B");
        Table merged = ResultsTables.summary(a.append(b));
        assertEquals(12, merged.rowCount());
        assertEquals("B", merged.row(6).getString(ResultsTables.RUN));
        assertTrue(ResultsTables.text(merged).contains("run"));

        var bad = tmp.resolve("bad.csv");
        AtomicFiles.writeString(bad, "a,b\n1,2\n");
        var e = assertThrows(IllegalArgumentException.class, () -> ResultsTables.readScores(bad));
        assertTrue(e.getMessage().contains("bad.csv: not a scores table"), e.getMessage());
    }

    @Test
    void metricsLogRoundTripsWithHandlerColumnsAndEmptyCells() throws Exception {
        MetricsLog log = new MetricsLog();
        for (int i = 0; i < 5; i++) {
            add(log, new PolicyExtractor.StepLog(i, 1.0 / (i + 1), 0.5 + i, 0.4 + i, 100, 0.1, 10, 2,
                    Map.of("zone", (double) (i % 3), "conflict", 0.0), Map.of("cost", i == 2 ? 0.3 : Double.NaN)));
        }
        log.add(5, Map.of("regularizer_loss", Double.NaN));
        Path file = tmp.resolve("m.csv");
        log.write(file);
        MetricsLog back = MetricsLog.read(file);
        assertEquals(List.of("step", "regularizer_loss", "cost_estimate", "cost_estimate_mean", "cost_limit", "reward_estimate",
                "beta", "reward_q", "cost_q", "handler.conflict", "handler.zone", "audit.cost"), back.columns());
        assertEquals(0.3, back.column("audit.cost")[2]);
        assertTrue(Double.isNaN(back.column("audit.cost")[1]), "audited at snapshots only: NaN elsewhere");
        assertEquals(6, back.size());
        assertEquals(2.0, back.column("handler.zone")[2]);
        assertTrue(Double.isNaN(back.column("regularizer_loss")[5]));
        assertEquals(log.toCsv(), back.toCsv());
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("m.csv"), files.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
        }
    }

    @Test
    void chartsArePngsOfTheExpectedSizeAndTheReportEmbedsThem() throws Exception {
        List<Charts.Curve> curves = new ArrayList<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (double k : new double[] {10, 20}) {
            for (long seed = 0; seed < 2; seed++) {
                MetricsLog log = new MetricsLog();
                for (int i = 0; i < 1500; i++) {
                    double c = 2.0 * Math.exp(-i / 300.0) + 0.7 + 0.1 * r.nextGaussian() + k / 100;
                    add(log, new PolicyExtractor.StepLog(i, 1 / Math.sqrt(i + 1), c, 0.8 * c, 200, 0.1, 30 + i / 100.0,
                            5 * c, Map.of("lambda", Math.max(0, 1 - i / 500.0)), Map.of()));
                }
                curves.add(new Charts.Curve(k, seed, log));
            }
        }
        byte[] training = Charts.trainingCurves("drcorl", curves);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(training));
        assertEquals(TrainingChart.WIDTH, img.getWidth());
        // Ĉ across the top; regularizer and both critics; λ (a continuous handler column) alone
        assertEquals(TrainingChart.COST_HEIGHT + 2 * TrainingChart.SMALL_HEIGHT, img.getHeight());

        double[] dataR = r.doubles(100, 100, 400).toArray(), dataC = r.doubles(100, 0, 120).toArray();
        byte[] scatter = Charts.rewardCostScatter("Task-v0", 20, dataR, dataC, List.of(new Charts.Point("drcorl", 0, 300, 15),
                new Charts.Point("drcorl", 1, 320, 22), new Charts.Point("bc-safe", 0, 200, 8)));
        assertTrue(ImageIO.read(new ByteArrayInputStream(scatter)).getWidth() > 600);

        MetricsLog b = new MetricsLog(), c = new MetricsLog();
        for (int i = 0; i < 300; i++) {
            b.add(i, Map.of("loss", 1.0 / (i + 1)));
            c.add(i, Map.of("reward_q", 2.0 / (i + 1), "reward_v", 1.0 / (i + 1), "cost_q", 1.5 / (i + 1), "cost_v", 0.5 / (i + 1)));
        }
        byte[] stages = Charts.stageLosses(0, b, c);
        assertEquals(2 * 640, ImageIO.read(new ByteArrayInputStream(stages)).getWidth());

        // policies fitted to the data alone: any number of algorithms, one panel each
        Map<String, List<Charts.Curve>> dataOnly = new java.util.LinkedHashMap<>();
        for (String a : List.of("drcorl (phase 1)", "bc-safe (cloning)", "bc-all (cloning)")) {
            MetricsLog log = new MetricsLog();
            for (int i = 0; i < 400; i++) log.add(i, Map.of("regularizer_loss", 1.0 / (i + 1)));
            dataOnly.put(a, List.of(new Charts.Curve(10, 0, log), new Charts.Curve(20, 0, log)));
        }
        byte[] policyLosses = Charts.policyLosses(dataOnly);
        BufferedImage losses = ImageIO.read(new ByteArrayInputStream(policyLosses));
        assertEquals(640, losses.getWidth());
        assertEquals(3 * 400, losses.getHeight());
        assertEquals(null, Charts.policyLosses(Map.of("bc-safe (cloning)", List.of())), "nothing to draw");
        MetricsLog other = new MetricsLog();
        for (int i = 0; i < 400; i++) other.add(i, Map.of("regularizer_loss", 2.0 / (i + 1)));
        MetricsLog same = dataOnly.get("drcorl (phase 1)").getFirst().log();
        var lines = Charts.dataOnlyLines(new java.util.TreeMap<>(Map.of(10.0, List.of(same), 20.0, List.of(other), 40.0, List.of(same))));
        assertEquals(List.of("κ=10, 40 (identical)", "κ=20"), List.copyOf(lines.keySet()), "identical lines drawn once, not hidden");

        Path dir = Path.of("target", "chart-samples"); // kept for people to look at
        AtomicFiles.writeBytes(dir.resolve("policy-losses.png"), policyLosses);
        AtomicFiles.writeBytes(dir.resolve("training.png"), training);
        AtomicFiles.writeBytes(dir.resolve("scatter.png"), scatter);
        AtomicFiles.writeBytes(dir.resolve("stages.png"), stages);

        String html = new HtmlReport("run <x>").fact("task", "Task-v0").table("results",
                ResultsTables.display(ResultsTables.summary(ResultsTables.scores(evaluations())))).image("training", training).html();
        assertTrue(html.contains("<title>run &lt;x&gt;</title>"));
        assertTrue(html.contains("data:image/png;base64,iVBOR"), "PNG signature in base64");
        assertTrue(html.contains("<figure style=\"max-width:" + TrainingChart.WIDTH + "px\">"), "scales down, never up past its pixels");
        assertTrue(html.contains("img{display:block;width:100%"), "fills the page's width up to that");
        assertTrue(html.contains("0.600 ± 0.141"));
        assertFalse(html.contains("src=\"http"), "self-contained");

        String side = new HtmlReport("r").images("Reward vs cost", List.of(new HtmlReport.Figure("κ = 10", scatter),
                new HtmlReport.Figure("κ = 20 <b>", scatter))).html();
        assertEquals(2, side.split("<figcaption>", -1).length - 1, "one caption each");
        assertTrue(side.contains("<div class=\"figures\">") && side.contains("κ = 20 &lt;b&gt;"), side.substring(0, 400));
        assertEquals(ImageIO.read(new ByteArrayInputStream(scatter)).getWidth(), HtmlReport.pngWidth(scatter));
        assertEquals(0, HtmlReport.pngWidth(new byte[] {1, 2, 3}));
    }

    /** A phase-2 step's metrics, logged as the experiment runner logs them. */
    private static void add(MetricsLog log, PolicyExtractor.StepLog step) {
        log.add(step.step(), step.values());
    }
}
