package org.drcorl.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The run's charts as PNG bytes (XChart, headless): training curves of each algorithm and the
 * reward–cost scatter per budget. Long training logs are averaged over windows to at most
 * {@value #MAX_POINTS} points per line, which also smooths the per-batch noise.
 */
public final class Charts {
    static final int MAX_POINTS = ChartParts.MAX_POINTS;
    private static final int PANEL_WIDTH = 640, PANEL_HEIGHT = 400;

    /** Tableau's ten colours: distinct, readable on white and in grey print. */
    static final Color[] PALETTE = ChartParts.PALETTE;

    static {
        // Charts render off screen; without this AWT looks for a display and fails on servers and CI.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /**
     * The training log of one extracted policy, with the snapshot its offline selection kept
     * ({@code null}: no selection, e.g. a run without a cost estimator).
     */
    public record Curve(double threshold, long seed, MetricsLog log, KeptSnapshot kept) {
        public Curve(double threshold, long seed, MetricsLog log) {
            this(threshold, seed, log, null);
        }
    }

    /**
     * Phase-2 training curves of one algorithm: Ĉ against the budget, the regularizer loss, the
     * reward critic and the cost guidance on π, one line per budget κ (the mean over seeds), the
     * kept snapshots marked; below them the constraint handler's state. See {@link TrainingChart}.
     */
    public static byte[] trainingCurves(String algorithm, List<Curve> curves) {
        return TrainingChart.render(algorithm, curves);
    }

    /** Stage 1 and 2 losses of one seed: behaviour model (if trained) and both critics. */
    public static byte[] stageLosses(long seed, MetricsLog behavior, MetricsLog critics) {
        List<XYChart> panels = new ArrayList<>();
        if (behavior != null && behavior.size() > 0) {
            XYChart b = ChartParts.panel(PANEL_WIDTH, PANEL_HEIGHT, "seed " + seed + ": behaviour model (diffusion) loss", "step",
                    "denoising loss");
            ChartParts.line(b, "loss", ChartParts.downsample(steps(behavior), behavior.column("loss")), PALETTE[0], null);
            panels.add(b);
        }
        if (critics != null && critics.size() > 0) {
            XYChart c = ChartParts.panel(PANEL_WIDTH, PANEL_HEIGHT, "seed " + seed + ": IQL critic losses", "step", "loss");
            int i = 0;
            for (String col : critics.columns()) {
                if (col.equals("step")) continue;
                ChartParts.line(c, col, ChartParts.downsample(steps(critics), critics.column(col)), PALETTE[i / 2 % PALETTE.length],
                        i % 2 == 1 ? ChartParts.DASHED : null);
                i++;
            }
            if (ChartParts.allPositive(c)) {
                ChartParts.logY(c);
                c.setYAxisTitle("loss (log scale)");
            }
            panels.add(c);
        }
        if (panels.isEmpty()) return null;
        panels.forEach(ChartParts::roundTicks);
        return ChartGrid.png(List.of(panels));
    }

    /**
     * The regularizer's loss while a policy is fitted to the data alone: phase 1 of an extraction
     * (before the critics take part) or a whole behaviour-cloning run. One panel per algorithm
     * (in the map's order), one line per κ (the mean over seeds).
     */
    public static byte[] policyLosses(Map<String, List<Curve>> byAlgorithm) {
        List<List<XYChart>> rows = new ArrayList<>();
        for (var a : byAlgorithm.entrySet()) {
            if (a.getValue().isEmpty()) continue;
            Map<Double, List<MetricsLog>> byKappa = new TreeMap<>();
            for (Curve c : a.getValue()) byKappa.computeIfAbsent(c.threshold(), k -> new ArrayList<>()).add(c.log());
            int seeds = byKappa.values().stream().mapToInt(List::size).max().orElse(0);
            XYChart chart = ChartParts.panel(PANEL_WIDTH, PANEL_HEIGHT,
                    a.getKey() + ": regularizer loss, data only" + (seeds > 1 ? " (mean of " + seeds + " seeds)" : ""), "step", "loss");
            int colour = 0;
            for (var l : dataOnlyLines(byKappa).entrySet()) ChartParts.line(chart, l.getKey(), l.getValue(), PALETTE[colour++ % PALETTE.length], null);
            ChartParts.roundTicks(chart);
            rows.add(List.of(chart)); // one under the other
        }
        if (rows.isEmpty()) return null;
        return ChartGrid.png(rows);
    }

    /**
     * The regularizer-loss line of each κ, named "κ=10"; budgets whose lines are identical
     * (phase 1 and cloning every episode do not depend on κ) share one, named "κ=10, 20, 40
     * (identical)": drawn one over the other, only the last colour would show, which looks like
     * the other budgets are missing.
     */
    static Map<String, double[][]> dataOnlyLines(Map<Double, List<MetricsLog>> byKappa) {
        List<List<Double>> kappas = new ArrayList<>();
        List<double[][]> lines = new ArrayList<>();
        for (var e : byKappa.entrySet()) {
            double[][] line = ChartParts.mean(e.getValue(), "regularizer_loss");
            int same = 0;
            while (same < lines.size() && !Arrays.deepEquals(lines.get(same), line)) same++;
            if (same == lines.size()) {
                kappas.add(new ArrayList<>());
                lines.add(line);
            }
            kappas.get(same).add(e.getKey());
        }
        Map<String, double[][]> named = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            List<Double> k = kappas.get(i);
            named.put("κ=" + k.stream().map(ResultsTables::label).collect(Collectors.joining(", ")) + (k.size() > 1 ? " (identical)" : ""),
                    lines.get(i));
        }
        return named;
    }

    /** A point of the scatter: one evaluated policy (mean returns over its episodes). */
    public record Point(String algorithm, long seed, double rewardReturn, double costReturn) {}

    /**
     * Reward return against cost return for budget κ: the dataset's episodes in grey, each
     * algorithm's policies (one point per seed) in colour, and the budget as a vertical line.
     */
    public static byte[] rewardCostScatter(String task, double threshold, double[] dataRewards, double[] dataCosts,
                                           List<Point> points) {
        return scatter(task + ": reward vs cost, κ = " + ResultsTables.label(threshold), "episode cost return",
                "episode reward return", threshold, dataRewards, dataCosts, points);
    }

    /**
     * A sweep's cells (one point per task × κ, its mean over seeds) in normalized units, the budget
     * at cost 1: how many of each algorithm's cells lie left of the line is its safety record.
     */
    public static byte[] normalizedCells(String title, List<Point> cells) {
        return scatter(title, "normalized cost (1 = budget κ)", "normalized reward", 1.0, new double[0], new double[0], cells);
    }

    private static byte[] scatter(String title, String xTitle, String yTitle, double threshold, double[] dataRewards,
                                  double[] dataCosts, List<Point> points) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH + 160).height(PANEL_HEIGHT + 120)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        ChartParts.style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        if (dataRewards.length > 0) {
            XYSeries data = chart.addSeries("dataset episodes", dataCosts, dataRewards);
            data.setMarkerColor(new Color(150, 150, 150, 140));
            data.setMarker(SeriesMarkers.CIRCLE);
        }
        double maxY = max(dataRewards), minY = min(dataRewards);
        Map<String, List<Point>> byAlgo = new LinkedHashMap<>();
        for (Point p : points) byAlgo.computeIfAbsent(p.algorithm(), a -> new ArrayList<>()).add(p);
        int colour = 0;
        var markers = List.of(SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.CIRCLE,
                SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS);
        for (var e : byAlgo.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(Point::costReturn).toArray();
            double[] y = e.getValue().stream().mapToDouble(Point::rewardReturn).toArray();
            maxY = Math.max(maxY, max(y));
            minY = Math.min(minY, min(y));
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarkerColor(PALETTE[colour % PALETTE.length]);
            s.setMarker(markers.get(colour % markers.size()));
            colour++;
        }
        if (!Double.isFinite(minY)) {
            minY = 0;
            maxY = 1;
        }
        XYSeries line = chart.addSeries("budget κ = " + ResultsTables.label(threshold), new double[] {threshold, threshold},
                new double[] {minY, maxY});
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setLineColor(Color.BLACK);
        line.setLineStyle(ChartParts.DASHED);
        line.setMarker(SeriesMarkers.NONE);
        chart.getStyler().setMarkerSize(9);
        return ChartParts.png(chart);
    }

    private static double[] steps(MetricsLog log) {
        return log.column("step");
    }

    private static double max(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).max().orElse(Double.NEGATIVE_INFINITY);
    }

    private static double min(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).min().orElse(Double.POSITIVE_INFINITY);
    }
}
