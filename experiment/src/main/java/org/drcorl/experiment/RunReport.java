package org.drcorl.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.drcorl.data.OfflineDataset;
import org.drcorl.eval.Evaluation;
import org.drcorl.report.AtomicFiles;
import org.drcorl.report.Charts;
import org.drcorl.report.HtmlReport;
import org.drcorl.report.MetricsLog;
import org.drcorl.report.Numbers;
import org.drcorl.report.ResultsTables;
import org.drcorl.spi.NormalizationConstants;
import tech.tablesaw.api.Table;

/**
 * Writes what a run leaves for people: the results CSVs and table, the charts (from the logs
 * on disk, so a resumed or re-evaluated run draws the same curves) and the HTML report.
 */
final class RunReport {
    private RunReport() {}

    static RunResults write(ExperimentSetup setup, RunLayout layout, OfflineDataset data, NormalizationConstants constants,
                         List<Evaluation> evaluations, Map<String, String> facts) {
        Table scores = ResultsTables.scores(evaluations);
        Table summary = ResultsTables.summary(scores);
        ResultsTables.writeCsv(scores, layout.scores());
        ResultsTables.writeCsv(ResultsTables.episodes(evaluations, constants), layout.episodes());
        ResultsTables.writeCsv(summary, layout.summary());
        AtomicFiles.writeString(layout.table(), ResultsTables.text(summary) + "\n");

        HtmlReport html = new HtmlReport("drcorl run: " + setup.taskId() + " (" + setup.preset().name() + ")");
        facts.forEach(html::fact);
        html.table("Results (normalized reward and cost, mean ± std over seeds; safe ⇔ cost ≤ 1)", ResultsTables.display(summary));
        Map<Path, String> charts = new LinkedHashMap<>();

        for (double kappa : setup.thresholds()) {
            List<Charts.Point> points = new ArrayList<>();
            for (Evaluation e : evaluations) {
                if (e.score().threshold() != kappa) continue;
                points.add(new Charts.Point(e.score().algorithm(), e.score().seed(), e.score().rewardReturn(), e.score().costReturn()));
            }
            Path file = layout.scatterChart(kappa);
            AtomicFiles.writeBytes(file, Charts.rewardCostScatter(setup.taskId(), kappa, data.episodeRewardReturns(),
                    data.episodeCostReturns(), points));
            int episodes = evaluations.isEmpty() ? 0 : evaluations.getFirst().episodes().size();
            charts.put(file, "Reward vs cost at κ = " + Numbers.compact(kappa) + " (policies: mean over " + episodes
                    + " episodes per seed; grey: the dataset's episodes)");
        }
        for (Algorithm a : setup.algorithms()) {
            if (a.cloning() != null) continue;
            List<Charts.Curve> curves = new ArrayList<>();
            for (double kappa : setup.thresholds()) {
                for (long seed : setup.seeds()) {
                    Path log = layout.metrics(a.name(), kappa, seed);
                    if (Files.exists(log)) curves.add(new Charts.Curve(kappa, seed, MetricsLog.read(log)));
                }
            }
            if (curves.isEmpty()) continue;
            Path file = layout.trainingChart(a.name());
            AtomicFiles.writeBytes(file, Charts.trainingCurves(a.name(), curves));
            charts.put(file, "Training of " + a.name() + " (phase 2 of policy extraction)");
        }
        Map<String, List<Charts.Curve>> dataOnly = new LinkedHashMap<>();
        for (Algorithm a : setup.algorithms()) {
            List<Charts.Curve> curves = new ArrayList<>();
            for (double kappa : setup.thresholds()) {
                for (long seed : setup.seeds()) {
                    Path log = a.cloning() != null ? layout.metrics(a.name(), kappa, seed) : layout.phase1Metrics(a.name(), kappa, seed);
                    if (Files.exists(log)) curves.add(new Charts.Curve(kappa, seed, MetricsLog.read(log)));
                }
            }
            if (!curves.isEmpty()) dataOnly.put(a.cloning() != null ? a.name() + " (cloning)" : a.name() + " (phase 1)", curves);
        }
        byte[] losses = Charts.policyLosses(dataOnly);
        if (losses != null) {
            Path file = layout.policyLossesChart();
            AtomicFiles.writeBytes(file, losses);
            charts.put(file, "Policies fitted to the data alone: phase 1 of each extraction, and the behaviour-cloning baselines");
        }
        for (long seed : setup.seeds()) {
            Path b = layout.stageLog(seed, "behavior-model"), c = layout.stageLog(seed, "critics");
            byte[] png = Charts.stageLosses(seed, Files.exists(b) ? MetricsLog.read(b) : null, Files.exists(c) ? MetricsLog.read(c) : null);
            if (png == null) continue;
            Path file = layout.stagesChart(seed);
            AtomicFiles.writeBytes(file, png);
            charts.put(file, "Behaviour model and critics, seed " + seed);
        }
        for (var e : charts.entrySet()) {
            try {
                html.image(e.getValue(), Files.readAllBytes(e.getKey()));
            } catch (java.io.IOException x) {
                throw new java.io.UncheckedIOException("cannot read " + e.getKey() + ": " + x.getMessage(), x);
            }
        }
        html.table("Per seed", scores);
        html.write(layout.report());
        return new RunResults(evaluations, scores, summary, List.copyOf(charts.keySet()), layout);
    }

    /** The "what was run" lines of the HTML report. */
    static Map<String, String> facts(ExperimentSetup setup, RunLayout layout, String dataHash) {
        ExperimentConfig c = setup.config();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("task", c.task());
        f.put("algorithms", String.join(", ", c.algos()));
        f.put("thresholds κ", c.thresholds().stream().map(Numbers::compact).collect(Collectors.joining(", ")));
        f.put("seeds", c.seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        f.put("preset", c.preset() + (c.set().isEmpty() ? "" : " with " + c.set()));
        if (!c.regularizerOptions().isEmpty()) f.put("regularizer options", c.regularizerOptions().toString());
        if (!c.handlerOptions().isEmpty()) f.put("handler options", c.handlerOptions().toString());
        f.put("dataset", c.dataset() + " (content sha256 " + dataHash.substring(0, Math.min(16, dataHash.length())) + "…)");
        f.put("evaluation", setup.preset().evalEpisodes() + " episodes per policy and seed");
        f.put("device", c.device());
        f.put("reproduce", "drcorl run --config " + layout.config() + " --out " + layout.root());
        return f;
    }
}
