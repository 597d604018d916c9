package org.drcorl.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
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
    static final int MAX_POINTS = 400;
    private static final int PANEL_WIDTH = 640, PANEL_HEIGHT = 400;

    /** Tableau's ten colours: distinct, readable on white and in grey print. */
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22),
            new Color(0x17becf)};

    static {
        // Charts render off screen; without this AWT looks for a display and fails on servers and CI.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** The training log of one extracted policy. */
    public record Curve(double threshold, long seed, MetricsLog log) {}

    /**
     * Phase-2 training curves of one algorithm, four panels: Ĉ against its limit, the constraint
     * handler's state (λ, zone, ...), the regularizer loss, and the critics' mean values. One line
     * per budget κ (the mean over seeds).
     */
    public static byte[] trainingCurves(String algorithm, List<Curve> curves) {
        Map<Double, List<MetricsLog>> byKappa = new TreeMap<>();
        for (Curve c : curves) byKappa.computeIfAbsent(c.threshold(), k -> new ArrayList<>()).add(c.log());
        int seeds = byKappa.values().stream().mapToInt(List::size).max().orElse(0);
        String suffix = seeds > 1 ? " (mean of " + seeds + " seeds)" : "";

        XYChart cost = panel(algorithm + ": cost estimate Ĉ vs limit" + suffix, "phase-2 step", "Ĉ (1 = at budget κ)");
        XYChart handler = panel(algorithm + ": constraint handler state" + suffix, "phase-2 step", "value");
        XYChart regularizer = panel(algorithm + ": regularizer loss" + suffix, "phase-2 step", "loss");
        XYChart critics = panel(algorithm + ": critic values on π" + suffix, "phase-2 step", "mean Q");
        int colour = 0;
        double lastStep = 0;
        for (var e : byKappa.entrySet()) {
            String k = "κ=" + ResultsTables.label(e.getKey());
            Color c = PALETTE[colour++ % PALETTE.length];
            List<MetricsLog> logs = e.getValue();
            double[][] line = mean(logs, "cost_estimate");
            if (line[0].length > 0) lastStep = Math.max(lastStep, line[0][line[0].length - 1]);
            line(cost, k, line, c, null);
            line(regularizer, k, mean(logs, "regularizer_loss"), c, null);
            line(critics, k + " Q̄_r", mean(logs, "reward_q"), c, null);
            line(critics, k + " Q̄_c", mean(logs, "cost_q"), c, DASHED);
            List<String> keys = logs.getFirst().columns().stream().filter(n -> n.startsWith("handler.")).toList();
            BasicStroke[] strokes = {null, DASHED, DOTTED};
            for (int i = 0; i < keys.size(); i++) {
                line(handler, k + " " + keys.get(i).substring("handler.".length()), mean(logs, keys.get(i)), c, strokes[i % strokes.length]);
            }
        }
        XYSeries limit = cost.addSeries("limit", new double[] {0, Math.max(1, lastStep)}, new double[] {1, 1});
        limit.setLineColor(Color.BLACK);
        limit.setLineStyle(DASHED);
        limit.setMarker(SeriesMarkers.NONE);
        if (handler.getSeriesCollection().isEmpty()) handler.setTitle(algorithm + ": the handler reports no state");
        return grid(List.of(cost, handler, regularizer, critics), 2, 2);
    }

    /** Stage 1 and 2 losses of one seed: behaviour model (if trained) and both critics. */
    public static byte[] stageLosses(long seed, MetricsLog behavior, MetricsLog critics) {
        List<XYChart> panels = new ArrayList<>();
        if (behavior != null && behavior.size() > 0) {
            XYChart b = panel("seed " + seed + ": behaviour model (diffusion) loss", "step", "denoising loss");
            line(b, "loss", downsample(steps(behavior), behavior.column("loss")), PALETTE[0], null);
            panels.add(b);
        }
        if (critics != null && critics.size() > 0) {
            XYChart c = panel("seed " + seed + ": IQL critic losses", "step", "loss");
            int i = 0;
            for (String col : critics.columns()) {
                if (col.equals("step")) continue;
                line(c, col, downsample(steps(critics), critics.column(col)), PALETTE[i / 2 % PALETTE.length], i % 2 == 1 ? DASHED : null);
                i++;
            }
            c.getStyler().setYAxisLogarithmic(allPositive(c));
            panels.add(c);
        }
        if (panels.isEmpty()) return null;
        return grid(panels, 1, panels.size());
    }

    /**
     * The regularizer's loss while a policy is fitted to the data alone: phase 1 of an extraction
     * (before the critics take part) or a whole behaviour-cloning run. One panel per algorithm
     * (in the map's order), one line per κ (the mean over seeds).
     */
    public static byte[] policyLosses(Map<String, List<Curve>> byAlgorithm) {
        List<XYChart> panels = new ArrayList<>();
        for (var a : byAlgorithm.entrySet()) {
            if (a.getValue().isEmpty()) continue;
            Map<Double, List<MetricsLog>> byKappa = new TreeMap<>();
            for (Curve c : a.getValue()) byKappa.computeIfAbsent(c.threshold(), k -> new ArrayList<>()).add(c.log());
            int seeds = byKappa.values().stream().mapToInt(List::size).max().orElse(0);
            XYChart chart = panel(a.getKey() + ": regularizer loss, data only" + (seeds > 1 ? " (mean of " + seeds + " seeds)" : ""),
                    "step", "loss");
            int colour = 0;
            for (var e : byKappa.entrySet()) {
                line(chart, "κ=" + ResultsTables.label(e.getKey()), mean(e.getValue(), "regularizer_loss"),
                        PALETTE[colour++ % PALETTE.length], null);
            }
            panels.add(chart);
        }
        if (panels.isEmpty()) return null;
        return grid(panels, panels.size(), 1); // one under the other: XChart's grid must be full
    }

    /** A point of the scatter: one evaluated policy (mean returns over its episodes). */
    public record Point(String algorithm, long seed, double rewardReturn, double costReturn) {}

    /**
     * Reward return against cost return for budget κ: the dataset's episodes in grey, each
     * algorithm's policies (one point per seed) in colour, and the budget as a vertical line.
     */
    public static byte[] rewardCostScatter(String task, double threshold, double[] dataRewards, double[] dataCosts,
                                           List<Point> points) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH + 160).height(PANEL_HEIGHT + 120)
                .title(task + ": reward vs cost, κ = " + ResultsTables.label(threshold))
                .xAxisTitle("episode cost return").yAxisTitle("episode reward return").build();
        style(chart);
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
        line.setLineStyle(DASHED);
        line.setMarker(SeriesMarkers.NONE);
        chart.getStyler().setMarkerSize(9);
        return png(chart);
    }

    private static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    private static final BasicStroke DOTTED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f);

    private static XYChart panel(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(chart);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        return chart;
    }

    private static void style(XYChart chart) {
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 200));
        s.setChartTitleBoxVisible(false);
        s.setPlotBorderVisible(true);
        s.setLocale(java.util.Locale.ROOT);
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setYAxisDecimalPattern("0.###");
    }

    private static void line(XYChart chart, String name, double[][] xy, Color colour, BasicStroke stroke) {
        if (xy[0].length == 0) return;
        XYSeries s = chart.addSeries(name, xy[0], xy[1]);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(stroke != null ? stroke : new BasicStroke(1.6f));
    }

    private static double[] steps(MetricsLog log) {
        return log.column("step");
    }

    /**
     * The step-wise mean of a column over several logs (the seeds of one budget), down-sampled.
     * Logs of different lengths are averaged over their common steps.
     */
    static double[][] mean(List<MetricsLog> logs, String column) {
        List<MetricsLog> with = logs.stream().filter(l -> l.has(column)).toList();
        if (with.isEmpty()) return new double[][] {{}, {}};
        int n = with.stream().mapToInt(MetricsLog::size).min().orElse(0);
        double[] x = Arrays.copyOf(with.getFirst().column("step"), n);
        double[] y = new double[n];
        for (MetricsLog l : with) {
            double[] v = l.column(column);
            for (int i = 0; i < n; i++) y[i] += v[i] / with.size();
        }
        return downsample(x, y);
    }

    /** Window means of y (at the window's first step) so that at most {@value #MAX_POINTS} finite points remain. */
    static double[][] downsample(double[] x, double[] y) {
        int window = Math.max(1, (int) Math.ceil(x.length / (double) MAX_POINTS));
        List<double[]> points = new ArrayList<>();
        for (int start = 0; start < x.length; start += window) {
            double sy = 0;
            int k = 0;
            for (int i = start; i < Math.min(x.length, start + window); i++) {
                if (!Double.isFinite(y[i])) continue;
                sy += y[i];
                k++;
            }
            if (k > 0) points.add(new double[] {x[start], sy / k});
        }
        return new double[][] {points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray()};
    }

    private static boolean allPositive(XYChart chart) {
        for (XYSeries s : chart.getSeriesCollection()) {
            for (double v : s.getYData()) if (!(v > 0)) return false;
        }
        return !chart.getSeriesCollection().isEmpty();
    }

    private static double max(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).max().orElse(Double.NEGATIVE_INFINITY);
    }

    private static double min(double[] v) {
        return Arrays.stream(v).filter(Double::isFinite).min().orElse(Double.POSITIVE_INFINITY);
    }

    private static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart '" + chart.getTitle() + "': " + e.getMessage(), e);
        }
    }

    private static byte[] grid(List<XYChart> charts, int rows, int cols) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(charts, rows, cols, out, BitmapEncoder.BitmapFormat.PNG);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render charts: " + e.getMessage(), e);
        }
    }
}
