package org.drcorl.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.drcorl.report.ResultsTables;

/**
 * Where everything of a run lives, under its directory:
 * <pre>
 * config.json                          the resolved configuration (see {@link ExperimentConfig})
 * checkpoints/seed-S/                  behaviour model and critics of seed S
 * policies/ALGO/kappa-K/seed-S.*       extracted policies (weights + JSON metadata)
 * logs/ALGO/kappa-K/seed-S.csv         per-step metrics of phase-2 extraction (of the whole run for BC)
 * logs/ALGO/kappa-K/seed-S-phase1.csv  per-step regularizer loss of phase 1 (extraction algorithms)
 * logs/ALGO/kappa-K/seed-S-selection.csv  the offline selection: every compared snapshot's estimates
 * logs/stages/seed-S-behavior-model.csv, seed-S-critics.csv   stage 1 and 2 losses
 * results/scores.csv, summary.csv, episodes.csv, table.txt
 * charts/training-ALGO.png, stages-seed-S.png, policy-losses.png, reward-cost-kappa-K.png
 * report.html
 * .lock                                held while a run or an evaluation writes here (see {@link RunLock})
 * </pre>
 */
public record RunLayout(Path root) {

    /** What --fresh removes: everything this layout writes, and nothing else a user may keep there. */
    private static final List<String> OWNED = List.of("config.json", "checkpoints", "policies", "logs", "results", "charts", "report.html");

    public Path config() {
        return root.resolve("config.json");
    }

    public Path checkpoints(long seed) {
        return root.resolve("checkpoints").resolve("seed-" + seed);
    }

    public Path policyDir(String algorithm, double threshold) {
        return root.resolve("policies").resolve(safe(algorithm)).resolve(kappa(threshold));
    }

    public static String policyName(long seed) {
        return "seed-" + seed;
    }

    public Path metrics(String algorithm, double threshold, long seed) {
        return root.resolve("logs").resolve(safe(algorithm)).resolve(kappa(threshold)).resolve("seed-" + seed + ".csv");
    }

    public Path phase1Metrics(String algorithm, double threshold, long seed) {
        return root.resolve("logs").resolve(safe(algorithm)).resolve(kappa(threshold)).resolve("seed-" + seed + "-phase1.csv");
    }

    public Path selectionLog(String algorithm, double threshold, long seed) {
        return root.resolve("logs").resolve(safe(algorithm)).resolve(kappa(threshold)).resolve("seed-" + seed + "-selection.csv");
    }

    public Path stageLog(long seed, String stage) {
        return root.resolve("logs").resolve("stages").resolve("seed-" + seed + "-" + stage + ".csv");
    }

    public Path results() {
        return root.resolve("results");
    }

    public Path scores() {
        return results().resolve("scores.csv");
    }

    public Path summary() {
        return results().resolve("summary.csv");
    }

    public Path episodes() {
        return results().resolve("episodes.csv");
    }

    public Path table() {
        return results().resolve("table.txt");
    }

    public Path charts() {
        return root.resolve("charts");
    }

    public Path trainingChart(String algorithm) {
        return charts().resolve("training-" + safe(algorithm) + ".png");
    }

    public Path stagesChart(long seed) {
        return charts().resolve("stages-seed-" + seed + ".png");
    }

    public Path policyLossesChart() {
        return charts().resolve("policy-losses.png");
    }

    public Path scatterChart(double threshold) {
        return charts().resolve("reward-cost-" + kappa(threshold) + ".png");
    }

    public Path report() {
        return root.resolve("report.html");
    }

    private static String kappa(double threshold) {
        return "kappa-" + ResultsTables.label(threshold);
    }

    /** A name usable as a file name everywhere: letters, digits, {@code . _ + -}; anything else becomes {@code _}. */
    static String safe(String name) {
        return org.drcorl.policy.TrainedPolicy.folderName(name); // where drcorl-policy looks for a run's policies
    }

    /**
     * Refuses a folder that holds files but no {@code config.json}: it is not a run directory,
     * and a run must neither delete (--fresh) nor overwrite (report.html, results/) what someone
     * else keeps there.
     */
    public void requireRunOrEmpty() {
        if (!Files.exists(root) || Files.isRegularFile(config())) return;
        if (!Files.isDirectory(root)) throw new UserError("--out " + root + " is a file, not a folder");
        try (var entries = Files.list(root)) {
            // a lock file alone is a run's that stopped before writing its config
            if (entries.anyMatch(p -> !p.getFileName().toString().equals(RunLock.FILE))) {
                throw new UserError("--out " + root + " holds files but no config.json, so it is not a run directory;"
                        + " choose an empty or new folder (nothing was changed there)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
        }
    }

    /** Deletes what an earlier run wrote here (for --fresh). */
    public void clear() {
        for (String name : OWNED) {
            Path p = root.resolve(name);
            if (!Files.exists(p)) continue;
            try (var files = Files.walk(p)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clear " + p + ": " + e.getMessage(), e);
            }
        }
    }
}
