package org.drcorl.cli;

import java.io.PrintWriter;
import java.util.List;
import org.drcorl.eval.PolicyScore;

/** DSRL-style results: normalized reward and cost, mean ± std over seeds, per budget and averaged. */
final class ResultsTable {
    private ResultsTable() {}

    static void print(PrintWriter out, List<PolicyScore> scores, List<Double> thresholds, List<String> algorithms) {
        out.printf("%-22s %-8s %-16s %-16s %s%n", "algorithm", "κ", "reward", "cost", "safe");
        for (String algo : algorithms) {
            for (double k : thresholds) {
                List<PolicyScore> s = scores.stream().filter(p -> p.algorithm().equals(algo) && p.threshold() == k).toList();
                row(out, algo, Format.number(k), s);
            }
            row(out, algo, "mean", scores.stream().filter(p -> p.algorithm().equals(algo)).toList());
        }
        out.flush();
    }

    private static void row(PrintWriter out, String algo, String kappa, List<PolicyScore> s) {
        double[] r = s.stream().mapToDouble(PolicyScore::normalizedReward).toArray();
        double[] c = s.stream().mapToDouble(PolicyScore::normalizedCost).toArray();
        double meanCost = mean(c);
        out.printf("%-22s %-8s %-16s %-16s %s%n", algo, kappa, meanStd(r), meanStd(c), meanCost <= 1 ? "yes" : "NO");
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    private static String meanStd(double[] v) {
        double m = mean(v), ss = 0;
        for (double x : v) ss += (x - m) * (x - m);
        double sd = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
        return String.format("%.3f ± %.3f", m, sd);
    }
}
