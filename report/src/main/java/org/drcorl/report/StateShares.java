package org.drcorl.report;

import java.util.List;
import java.util.TreeSet;

/**
 * A handler's discrete state (DRCORL's zone −1/0/+1, a 0/1 conflict flag) drawn as the share of
 * recent steps in each state. Drawn raw, such a column flips every few steps and its line fills
 * the panel like a comb; the share over a moving window shows how often each state occurs and
 * how that changes during training.
 */
final class StateShares {
    /** More distinct values than this and a column is a measurement (λ), not a state. */
    static final int MAX_STATES = 5;

    private StateShares() {}

    /**
     * The states of a column, sorted: its distinct finite values over all logs when there are 2 to
     * {@value #MAX_STATES} of them and all are integers; empty otherwise (a continuous column, or
     * a constant one, which has nothing to share out). A 0/1 flag yields just 1: the share of
     * steps where it is set says all.
     */
    static List<Double> states(List<MetricsLog> logs, String column) {
        TreeSet<Double> values = new TreeSet<>();
        for (MetricsLog log : logs) {
            if (!log.has(column)) continue;
            for (double v : log.column(column)) {
                if (!Double.isFinite(v)) continue;
                if (v != Math.rint(v)) return List.of();
                values.add(v == 0 ? 0.0 : v); // -0.0 and 0.0 are one state
                if (values.size() > MAX_STATES) return List.of();
            }
        }
        if (values.size() < 2) return List.of();
        if (values.equals(new TreeSet<>(List.of(0.0, 1.0)))) return List.of(1.0);
        return List.copyOf(values);
    }

    /** The moving window, in steps: a fortieth of the run, between 10 and 500 steps. */
    static int window(int steps) {
        return Math.clamp(steps / 40, 10, 500);
    }

    /**
     * Per step, the share of the last {@code window} steps (fewer at the start) in which
     * {@code column} equalled {@code state}, averaged over the logs (the seeds), then down-sampled.
     * Steps where the column is missing count in neither numerator nor denominator.
     */
    static double[][] share(List<MetricsLog> logs, String column, double state, int window) {
        List<MetricsLog> with = logs.stream().filter(l -> l.has(column)).toList();
        if (with.isEmpty()) return new double[][] {{}, {}};
        int n = with.stream().mapToInt(MetricsLog::size).min().orElse(0);
        double[] x = java.util.Arrays.copyOf(with.getFirst().column("step"), n);
        double[] y = new double[n];
        for (MetricsLog log : with) {
            double[] s = moving(log.column(column), state, window, n);
            for (int i = 0; i < n; i++) y[i] += s[i] / with.size();
        }
        return ChartParts.downsample(x, y);
    }

    private static double[] moving(double[] v, double state, int window, int n) {
        double[] out = new double[n];
        int hits = 0, counted = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isFinite(v[i])) {
                counted++;
                if (v[i] == state) hits++;
            }
            int leaving = i - window;
            if (leaving >= 0 && Double.isFinite(v[leaving])) {
                counted--;
                if (v[leaving] == state) hits--;
            }
            out[i] = counted == 0 ? Double.NaN : hits / (double) counted;
        }
        return out;
    }

    /**
     * "zone=−1", "zone=+1", "conflict=1": how a state reads in a legend, written like "κ=20".
     * A 0/1 column ({@code flag}) is drawn as its share of 1s, so it reads "=1", without a sign.
     */
    static String label(String column, double state, boolean flag) {
        long s = (long) state;
        if (flag) return column + "=" + s;
        return column + "=" + (s > 0 ? "+" + s : s < 0 ? "−" + (-s) : "0");
    }
}
