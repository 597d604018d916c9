package org.drcorl.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** What every chart shares: the style, line panels over training steps, averaging and down-sampling. */
final class ChartParts {
    static final int MAX_POINTS = 400;

    /** Tableau's ten colours: distinct, readable on white and in grey print. */
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22),
            new Color(0x17becf)};

    static final BasicStroke SOLID = new BasicStroke(1.6f);
    static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    static final BasicStroke DOTTED = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f);

    static {
        // Charts render off screen; without this AWT looks for a display and fails on servers and CI.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    private ChartParts() {}

    /**
     * A line chart over training steps. Its legend goes below the plot, where it hides no curve;
     * step ticks are never grouped ("7500", "12.5k").
     */
    static XYChart panel(int width, int height, String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(chart);
        Styler s = chart.getStyler();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setXAxisTickLabelsFormattingFunction(TickLabels::step);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    static void style(XYChart chart) {
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBackgroundColor(Color.WHITE);
        s.setLegendBorderColor(new Color(210, 210, 210));
        s.setChartTitleBoxVisible(false);
        s.setPlotBorderVisible(true);
        s.setLocale(Locale.ROOT);
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        // no digit grouping: "1,000" "1,250" run together on a crowded axis
        chart.getStyler().setXAxisDecimalPattern("0.###");
        chart.getStyler().setYAxisDecimalPattern("0.###");
    }

    /** A logarithmic y axis whose ticks read 0.001, 1e-4, never "0". */
    static void logY(XYChart chart) {
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisTickLabelsFormattingFunction(TickLabels::log);
    }

    static XYSeries line(XYChart chart, String name, double[][] xy, Color colour, BasicStroke stroke) {
        if (xy[0].length == 0) return null;
        XYSeries s = chart.addSeries(name, xy[0], xy[1]);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(stroke != null ? stroke : SOLID);
        return s;
    }

    /**
     * A vertical line at {@code x} across the y range {@code [y0, y1]}; drawn without a legend
     * entry unless {@code name} is given.
     */
    static void vertical(XYChart chart, String name, double x, double y0, double y1, Color colour, BasicStroke stroke) {
        String id = name != null ? name : "\u2063" + chart.getSeriesCollection().size(); // invisible, unique
        XYSeries s = chart.addSeries(id, new double[] {x, x}, new double[] {y0, y1});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(stroke);
        s.setShowInLegend(name != null);
    }

    /** A legend entry with nothing drawn: explains a line style used by unnamed series. */
    static void legendOnly(XYChart chart, String name, Color colour, BasicStroke stroke) {
        double[] y = yRange(chart);
        XYSeries s = chart.addSeries(name, new double[] {firstX(chart)}, new double[] {y[0]});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(stroke);
    }

    /** The finite y values of the chart's series: {min, max}, or {0, 1} when there are none. */
    static double[] yRange(XYChart chart) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesCollection()) {
            for (double v : s.getYData()) {
                if (!Double.isFinite(v)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
    }

    private static double firstX(XYChart chart) {
        for (XYSeries s : chart.getSeriesCollection()) if (s.getXData().length > 0) return s.getXData()[0];
        return 0;
    }

    /**
     * Call once a chart's series are all in. When the x values of all series together are
     * equally spaced, XChart puts its ticks on every k-th of them (192, 384, 576 for a log
     * averaged over windows of 8 steps) instead of on round numbers, and likewise on the y axis
     * (a straight line's 30.015, 30.735, ...). One point half a spacing in, drawn as nothing and
     * not in the legend, breaks the spacing, and XChart chooses round ticks (250, 500, 750).
     */
    static void roundTicks(XYChart chart) {
        List<Double> xs = axisValues(chart, true), ys = axisValues(chart, false);
        boolean x = xs.size() > 1 && equallySpaced(xs), y = ys.size() > 1 && equallySpaced(ys);
        if (!x && !y) return;
        double gx = x ? xs.get(0) + (xs.get(1) - xs.get(0)) / 2 : xs.get(0);
        double gy = y ? ys.get(0) + (ys.get(1) - ys.get(0)) / 2 : ys.get(0);
        XYSeries s = chart.addSeries("\u2063ticks", new double[] {gx}, new double[] {gy});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(SeriesLines.NONE);
        s.setShowInLegend(false);
    }

    /** The values XChart's tick calculator sees on one axis: every series' in order, duplicates dropped. */
    static List<Double> axisValues(XYChart chart, boolean x) {
        return new ArrayList<>(new LinkedHashSet<>(chart.getSeriesCollection().stream()
                .flatMap(s -> Arrays.stream(x ? s.getXData() : s.getYData()).boxed()).toList()));
    }

    static boolean equallySpaced(List<Double> xs) {
        double gap = xs.get(1) - xs.get(0);
        for (int i = 2; i < xs.size(); i++) if (Math.abs(xs.get(i) - xs.get(i - 1) - gap) > 1e-4) return false;
        return true;
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

    static boolean allPositive(XYChart chart) {
        for (XYSeries s : chart.getSeriesCollection()) {
            for (double v : s.getYData()) if (!(v > 0)) return false;
        }
        return !chart.getSeriesCollection().isEmpty();
    }

    static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart '" + chart.getTitle() + "': " + e.getMessage(), e);
        }
    }
}
