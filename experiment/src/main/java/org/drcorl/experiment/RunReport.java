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
import org.drcorl.report.KeptSnapshot;
import org.drcorl.report.MetricsLog;
import org.drcorl.report.Numbers;
import org.drcorl.report.PerSeedTable;
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
        // Each file is written atomically, the set is not: the report goes first and comes back
        // last, so a process killed in between leaves no report that describes older results
        // (the next run or evaluate writes it again).
        try {
            java.nio.file.Files.deleteIfExists(layout.report());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot replace " + layout.report() + ": " + e.getMessage(), e);
        }
        ResultsTables.writeCsv(scores, layout.scores());
        ResultsTables.writeCsv(ResultsTables.episodes(evaluations, constants), layout.episodes());
        ResultsTables.writeCsv(summary, layout.summary());
        AtomicFiles.writeString(layout.table(), ResultsTables.text(summary) + "\n");

        Map<PerSeedTable.Policy, KeptSnapshot> kept = keptSnapshots(setup, layout);
        HtmlReport html = new HtmlReport("drcorl run: " + setup.taskId() + " (" + setup.preset().name() + ")");
        facts.forEach(html::fact);
        html.table("Results (normalized reward and cost, mean ± std over seeds; safe ⇔ cost ≤ 1)", ResultsTables.display(summary));
        fallbackNote(kept).ifPresent(html::paragraph);
        Map<Path, String> charts = new LinkedHashMap<>();
        List<HtmlReport.Figure> scatters = new ArrayList<>();

        for (double kappa : setup.thresholds()) {
            List<Charts.Point> points = new ArrayList<>();
            for (Evaluation e : evaluations) {
                if (e.score().threshold() != kappa) continue;
                points.add(new Charts.Point(e.score().algorithm(), e.score().seed(), e.score().rewardReturn(), e.score().costReturn()));
            }
            Path file = layout.scatterChart(kappa);
            byte[] png = Charts.rewardCostScatter(setup.taskId(), kappa, data.episodeRewardReturns(), data.episodeCostReturns(), points);
            AtomicFiles.writeBytes(file, png);
            int episodes = evaluations.isEmpty() ? 0 : evaluations.getFirst().episodes().size();
            charts.put(file, "Reward vs cost at κ = " + Numbers.compact(kappa));
            scatters.add(new HtmlReport.Figure("κ = " + Numbers.compact(kappa) + ": policies as the mean over " + episodes
                    + " episodes per seed; grey: the dataset's episodes", png));
        }
        if (!scatters.isEmpty()) html.images("Reward vs cost per budget κ", scatters);
        for (Algorithm a : setup.algorithms()) {
            if (a.cloning() != null) continue;
            List<Charts.Curve> curves = new ArrayList<>();
            for (double kappa : setup.thresholds()) {
                for (long seed : setup.seeds()) {
                    Path log = layout.metrics(a.name(), kappa, seed);
                    if (Files.exists(log)) {
                        curves.add(new Charts.Curve(kappa, seed, MetricsLog.read(log), kept.get(new PerSeedTable.Policy(a.name(), kappa, seed))));
                    }
                }
            }
            if (curves.isEmpty()) continue;
            Path file = layout.trainingChart(a.name());
            AtomicFiles.writeBytes(file, Charts.trainingCurves(a.name(), curves));
            charts.put(file, "Training of " + a.name() + " (phase 2 of policy extraction; dotted: the snapshot the offline selection kept)");
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
            if (e.getKey().getFileName().toString().startsWith("reward-cost-")) continue; // drawn side by side above
            try {
                html.image(e.getValue(), Files.readAllBytes(e.getKey()));
            } catch (java.io.IOException x) {
                throw new java.io.UncheckedIOException("cannot read " + e.getKey() + ": " + x.getMessage(), x);
            }
        }
        html.table("Per seed (returns: mean over the evaluation episodes; full precision in results/scores.csv)",
                PerSeedTable.of(scores, kept));
        html.write(layout.report());
        return new RunResults(evaluations, scores, summary, List.copyOf(charts.keySet()), layout);
    }

    /** The "what was run" lines of the HTML report. */
    static Map<String, String> facts(ExperimentSetup setup, RunLayout layout, OfflineDataset data, String dataHash) {
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
        NormalizationConstants n = setup.normalization(data);
        f.put("normalization", "R_min " + Numbers.compact(n.rewardMin()) + ", R_max " + Numbers.compact(n.rewardMax()) + ", C_max "
                + Numbers.compact(n.costMax()) + ": " + setup.normalizationSource(data));
        f.put("device", c.device());
        f.put("reproduce", reproduceCommand(layout));
        return f;
    }

    /**
     * The command that runs this configuration again into a new folder next to this one. The
     * same --out would be a resume (every saved stage and policy reused), not a reproduction.
     */
    static String reproduceCommand(RunLayout layout) {
        Path root = layout.root();
        Path other = root.getFileName() == null ? root.resolve("reproduced") : root.resolveSibling(root.getFileName() + "-reproduced");
        return "drcorl run --config " + shellWord(layout.config().toString()) + " --out " + shellWord(other.toString());
    }

    /** A path as one shell word: as it is when it holds only safe characters, else in single quotes. */
    static String shellWord(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9_./:=@%+,-]+")) return s;
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The kept snapshot of every extraction policy whose offline selection left a log. */
    static Map<PerSeedTable.Policy, KeptSnapshot> keptSnapshots(ExperimentSetup setup, RunLayout layout) {
        Map<PerSeedTable.Policy, KeptSnapshot> kept = new LinkedHashMap<>();
        for (Algorithm a : setup.algorithms()) {
            if (a.cloning() != null) continue;
            for (double kappa : setup.thresholds()) {
                for (long seed : setup.seeds()) {
                    KeptSnapshot.read(layout.selectionLog(a.name(), kappa, seed))
                            .ifPresent(k -> kept.put(new PerSeedTable.Policy(a.name(), kappa, seed), k));
                }
            }
        }
        return kept;
    }

    /**
     * A sentence naming every policy whose selection fell back on the lowest Ĉ bound because no
     * snapshot was within the budget: the estimate itself calls such a policy unsafe, which the
     * results table alone does not show.
     */
    static java.util.Optional<String> fallbackNote(Map<PerSeedTable.Policy, KeptSnapshot> kept) {
        List<String> which = kept.entrySet().stream().filter(e -> e.getValue().fallback())
                .map(e -> e.getKey().algorithm() + " at κ = " + Numbers.compact(e.getKey().threshold()) + ", seed " + e.getKey().seed()
                        + String.format(java.util.Locale.ROOT, " (Ĉ bound %.2f)", e.getValue().costBound()))
                .toList();
        if (which.isEmpty()) return java.util.Optional.empty();
        return java.util.Optional.of("Fallback: no snapshot's Ĉ upper bound was within the budget for " + String.join("; ", which)
                + ". The offline selection kept the snapshot with the lowest bound, a policy its own estimate expects to"
                + " exceed the budget.");
    }
}
