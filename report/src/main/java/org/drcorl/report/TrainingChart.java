package org.drcorl.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;

/**
 * The phase-2 training figure of one algorithm: Ĉ against the budget, the regularizer loss, the
 * reward critic and the cost guidance on π (each its own panel, one colour per budget κ), then
 * the constraint handler's state. A dotted line marks each kept snapshot: what the offline
 * selection chose is the policy the results are about, so where it sits on the curves matters.
 */
final class TrainingChart {
    static final int WIDTH = 1280, COST_HEIGHT = 440, SMALL_HEIGHT = 340, SMALL_PER_ROW = 3;
    private static final String STEP = "phase-2 step", HANDLER = "handler.";
    /** The lines of a handler-state panel, in colours no κ takes in the panels above (those start at the palette's first). */
    private static final Color[] STATE_COLOURS = {Color.BLACK, ChartParts.PALETTE[4], ChartParts.PALETTE[5], ChartParts.PALETTE[9],
            ChartParts.PALETTE[8], ChartParts.PALETTE[6]};

    private final String algorithm;
    private final Map<Double, List<Charts.Curve>> byKappa = new TreeMap<>();
    private final String suffix;

    private TrainingChart(String algorithm, List<Charts.Curve> curves) {
        this.algorithm = algorithm;
        for (Charts.Curve c : curves) byKappa.computeIfAbsent(c.threshold(), k -> new ArrayList<>()).add(c);
        int seeds = byKappa.values().stream().mapToInt(List::size).max().orElse(0);
        suffix = seeds > 1 ? " (mean of " + seeds + " seeds)" : "";
    }

    static byte[] render(String algorithm, List<Charts.Curve> curves) {
        return new TrainingChart(algorithm, curves).render();
    }

    private byte[] render() {
        XYChart cost = costPanel();
        XYChart regularizer = smallPanel(WIDTH / 3, algorithm + ": regularizer loss" + suffix, "loss");
        XYChart reward = smallPanel(WIDTH / 3, algorithm + ": reward critic on π" + suffix, "batch mean of Q̂_r(s, π(s))");
        XYChart guidance = smallPanel(WIDTH / 3, algorithm + ": cost guidance on π" + suffix, "batch mean of Q̂_c(s, π(s))");
        int i = 0;
        for (var e : byKappa.entrySet()) {
            List<MetricsLog> logs = logs(e.getValue());
            Color c = colour(i++);
            ChartParts.line(regularizer, kappa(e.getKey()), ChartParts.mean(logs, "regularizer_loss"), c, null);
            ChartParts.line(reward, kappa(e.getKey()), ChartParts.mean(logs, "reward_q"), c, null);
            ChartParts.line(guidance, kappa(e.getKey()), ChartParts.mean(logs, "cost_q"), c, null);
        }
        for (XYChart panel : List.of(regularizer, reward, guidance)) markKept(panel, ChartParts.yRange(panel), null);

        List<List<XYChart>> rows = new ArrayList<>();
        rows.add(List.of(cost));
        rows.add(List.of(regularizer, reward, guidance));
        List<XYChart> small = handlerPanels();
        for (int start = 0; start < small.size(); start += SMALL_PER_ROW) {
            rows.add(small.subList(start, Math.min(small.size(), start + SMALL_PER_ROW)));
        }
        for (List<XYChart> row : rows) row.forEach(ChartParts::roundTicks);
        return ChartGrid.png(rows);
    }

    /**
     * Ĉ per κ with the budget line at 1. When a few excursions reach far above the budget (Ĉ of
     * 23 against 1), the y axis is cut above most of the curve, so the budget line and the
     * curves near it stay readable; the axis title says where it was cut.
     */
    private XYChart costPanel() {
        XYChart chart = ChartParts.panel(WIDTH, COST_HEIGHT, algorithm + ": cost estimate Ĉ vs budget" + suffix, STEP, "Ĉ (1 = budget κ)");
        List<Double> all = new ArrayList<>();
        double first = Double.POSITIVE_INFINITY, last = Double.NEGATIVE_INFINITY;
        int i = 0;
        for (var e : byKappa.entrySet()) {
            double[][] line = ChartParts.mean(logs(e.getValue()), "cost_estimate");
            ChartParts.line(chart, kappa(e.getKey()) + keptNote(e.getValue()), line, colour(i++), null);
            for (double v : line[1]) all.add(v);
            if (line[0].length > 0) {
                first = Math.min(first, line[0][0]);
                last = Math.max(last, line[0][line[0].length - 1]);
            }
        }
        if (first > last) {
            first = 0;
            last = 1;
        }
        double[] range = ChartParts.yRange(chart);
        double top = axisTop(all.stream().mapToDouble(Double::doubleValue).toArray());
        double low = Math.min(range[0], 1.0), high = Math.max(range[1], 1.0);
        if (top < high) {
            high = top;
            chart.getStyler().setYAxisMax(top);
            chart.setYAxisTitle(String.format(Locale.ROOT, "Ĉ (1 = budget κ), axis cut at %.1f (max %.1f)", top, range[1]));
        }
        ChartParts.line(chart, "budget (Ĉ = 1)", new double[][] {{first, last}, {1, 1}}, Color.BLACK, ChartParts.DASHED);
        markKept(chart, new double[] {low, high}, "kept snapshot");
        return chart;
    }

    /**
     * Where to cut the Ĉ axis: at 1.5 × the upper quartile of the plotted values, but never below
     * 2 (twice the budget); +∞ (no cut) when the maximum is below that anyway. The quartile, not
     * the maximum, because what matters is how the curves approach the budget, not how high an
     * early excursion went.
     */
    static double axisTop(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) return Double.POSITIVE_INFINITY;
        double q3 = v[(int) Math.floor(0.75 * (v.length - 1))];
        double top = Math.max(2.0, 1.5 * q3);
        return v[v.length - 1] > top ? top : Double.POSITIVE_INFINITY;
    }

    /** Dotted lines in the κ's colour at each seed's kept step, over {@code y}; one legend entry if {@code legend} is set. */
    private void markKept(XYChart chart, double[] y, String legend) {
        int i = 0;
        boolean any = false;
        for (var e : byKappa.entrySet()) {
            Color c = colour(i++);
            for (Charts.Curve curve : e.getValue()) {
                if (curve.kept() == null) continue;
                ChartParts.vertical(chart, null, Math.max(0, curve.kept().step()), y[0], y[1], c, ChartParts.DOTTED);
                any = true;
            }
        }
        if (any && legend != null) ChartParts.legendOnly(chart, legend, Color.DARK_GRAY, ChartParts.DOTTED);
    }

    /**
     * " (kept 1499)", " (kept 999/1499, 1 fallback)": what the κ's legend entry adds, short
     * enough for a legend line. "phase 1" is the phase-1 policy; a fallback is a kept snapshot
     * whose Ĉ bound was over the budget because none was within it.
     */
    static String keptNote(List<Charts.Curve> seeds) {
        List<KeptSnapshot> kept = seeds.stream().map(Charts.Curve::kept).filter(k -> k != null).toList();
        if (kept.isEmpty()) return "";
        String steps = kept.stream().map(k -> k.step() < 0 ? "phase 1" : Long.toString(k.step())).collect(Collectors.joining("/"));
        long fallbacks = kept.stream().filter(KeptSnapshot::fallback).count();
        if (fallbacks == 0) return " (kept " + steps + ")";
        return " (kept " + steps + ", " + (kept.size() == 1 ? "" : fallbacks + " ") + "fallback)";
    }

    /**
     * The handler's columns: each discrete one (zone, conflict) as shares of steps, in one small
     * panel per κ; each continuous one (λ) in its own panel with a line per κ.
     */
    private List<XYChart> handlerPanels() {
        List<MetricsLog> all = byKappa.values().stream().flatMap(List::stream).map(Charts.Curve::log).toList();
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (MetricsLog log : all) log.columns().stream().filter(n -> n.startsWith(HANDLER)).forEach(keys::add);
        Map<String, List<Double>> discrete = new TreeMap<>();
        List<String> continuous = new ArrayList<>();
        for (String key : keys) {
            List<Double> states = StateShares.states(all, key);
            if (states.isEmpty()) continuous.add(key);
            else discrete.put(key, states);
        }
        List<XYChart> panels = new ArrayList<>();
        int count = (discrete.isEmpty() ? 0 : byKappa.size()) + continuous.size();
        if (!discrete.isEmpty()) {
            int steps = all.stream().mapToInt(MetricsLog::size).max().orElse(0);
            int window = StateShares.window(steps);
            for (var e : byKappa.entrySet()) {
                XYChart chart = smallPanel(smallWidth(panels.size(), count), kappa(e.getKey()) + ": handler state" + suffix,
                        "share of the last " + window + " steps");
                List<MetricsLog> logs = logs(e.getValue());
                int c = 0;
                for (var d : discrete.entrySet()) {
                    String name = d.getKey().substring(HANDLER.length());
                    boolean flag = d.getValue().equals(List.of(1.0));
                    for (double state : d.getValue()) {
                        ChartParts.line(chart, StateShares.label(name, state, flag), StateShares.share(logs, d.getKey(), state, window),
                                STATE_COLOURS[c++ % STATE_COLOURS.length], null);
                    }
                }
                chart.getStyler().setYAxisMin(0.0);
                chart.getStyler().setYAxisMax(1.0);
                for (Charts.Curve curve : e.getValue()) {
                    if (curve.kept() != null) ChartParts.vertical(chart, null, Math.max(0, curve.kept().step()), 0, 1, Color.DARK_GRAY,
                            ChartParts.DOTTED);
                }
                panels.add(chart);
            }
        }
        for (String key : continuous) {
            XYChart chart = smallPanel(smallWidth(panels.size(), count), algorithm + ": handler " + key.substring(HANDLER.length()) + suffix,
                    key.substring(HANDLER.length()));
            int i = 0;
            for (var e : byKappa.entrySet()) ChartParts.line(chart, kappa(e.getKey()), ChartParts.mean(logs(e.getValue()), key), colour(i++), null);
            markKept(chart, ChartParts.yRange(chart), null);
            panels.add(chart);
        }
        return panels;
    }

    /** The width of small panel {@code index} of {@code count}: its row's panels share the figure's width. */
    static int smallWidth(int index, int count) {
        int rowStart = index / SMALL_PER_ROW * SMALL_PER_ROW;
        return WIDTH / Math.min(SMALL_PER_ROW, count - rowStart);
    }

    private static XYChart smallPanel(int width, String title, String y) {
        return ChartParts.panel(width, SMALL_HEIGHT, title, STEP, y);
    }

    private static List<MetricsLog> logs(List<Charts.Curve> curves) {
        return curves.stream().map(Charts.Curve::log).toList();
    }

    private static String kappa(double threshold) {
        return "κ=" + ResultsTables.label(threshold);
    }

    private static Color colour(int i) {
        return ChartParts.PALETTE[i % ChartParts.PALETTE.length];
    }
}
