package org.drcorl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.drcorl.experiment.sweep.SlurmExecutor;
import org.drcorl.experiment.sweep.SweepSummary;
import org.drcorl.testing.TestPluginBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drcorl sweep} end to end: two tiny tasks × two seeds, each point a {@code drcorl run} in a
 * JVM of its own; the summary, a resumed sweep, a failing point, compare over a sweep, and the same
 * sweep through Slurm where a cluster is up (CI starts one with .ci/slurm-local.sh).
 */
class SweepCommandTest {
    @TempDir
    static Path shared;
    static Path plugins;

    @TempDir
    Path tmp;

    @BeforeAll
    static void plugins() throws Exception {
        plugins = shared.resolve("plugins");
        TestPluginBuilder.plugin("push").source("push.Tasks", TestPluginBuilder.taskProvider("push", "Tasks", "Push-v0"))
                .buildInto(plugins, "push.jar");
        TestPluginBuilder.plugin("pull").source("pull.Tasks", TestPluginBuilder.taskProvider("pull", "Tasks", "Pull-v0"))
                .buildInto(plugins, "pull.jar");
        TestPluginBuilder.plugin("algos").source("t.Bc", TestPluginBuilder.regularizer("t", "Bc", "bc", ""))
                .source("t.Switch", TestPluginBuilder.handler("t", "Switch", "switch")).buildInto(plugins, "algos.jar");
    }

    private List<String> sweep(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("sweep", "--plugins", plugins.toString(), "--tasks", "Push-v0,Pull-v0",
                "--algos", "bc+switch", "--thresholds", "5", "--seeds", "0,1", "--preset", "smoke",
                "--set", "critic-steps=20", "--set", "pretrain-steps=5", "--set", "extract-steps=15",
                "--datasets", tmp.resolve("runs/data").toString(), "--out", out.toString(), "--jobs", "2"));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void aLocalSweepWritesOneRunPerTaskAndSeedAndASummaryWithIntervals() throws Exception {
        Path out = tmp.resolve("sweep");
        CliRunner r = CliRunner.run(sweep(out).toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err() + r.out());
        // 4 stage runs (task × seed), then 4 extractions (× algorithm × κ)
        assertTrue(r.err().contains("[8/8]"), "progress as runs done / total: " + r.err());
        for (String task : List.of("Push-v0", "Pull-v0")) {
            for (int seed : new int[] {0, 1}) {
                Path stages = out.resolve("stages/" + task + "/seed-" + seed);
                assertTrue(Files.isRegularFile(stages.resolve("checkpoints/seed-" + seed + "/critics.json")), stages.toString());
                assertFalse(Files.exists(stages.resolve("policies")), "a stage run extracts nothing");
                for (String algo : List.of("bc+switch")) {
                    for (String k : List.of("5")) {
                        Path run = out.resolve("runs/" + task + "/" + algo + "/kappa-" + k + "/seed-" + seed);
                        assertTrue(Files.isRegularFile(run.resolve("results/scores.csv")), run.toString());
                        assertTrue(Files.isRegularFile(out.resolve("logs/" + task + "-" + algo + "-kappa-" + k + "-seed-" + seed + ".log")));
                    }
                }
                // the extraction took its pair's critics, not trained again: the same file
                Path shared = out.resolve("runs/" + task + "/bc+switch/kappa-5/seed-" + seed + "/checkpoints/seed-" + seed + "/critics.weights");
                assertTrue(Files.isSameFile(stages.resolve("checkpoints/seed-" + seed + "/critics.weights"), shared), shared.toString());
            }
        }
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(String.join(",", SweepSummary.COLUMNS), csv.getFirst());
        assertEquals(1 + 2, csv.size(), "task × algorithm × κ");
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", -1);
            assertEquals("2", f[3], "two seeds per cell: " + line);
            assertFalse(f[6].isEmpty() || f[9].isEmpty(), "95 % intervals over two seeds: " + line);
        }
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("Safe cells:") && md.contains("- bc+switch: ") && md.contains(" / 2"), md);
        assertTrue(Files.size(out.resolve("summary.png")) > 1000);

        // again: every point finished, nothing runs, the same summary
        CliRunner again = CliRunner.run(sweep(out).toArray(String[]::new));
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.err().contains("8 finished earlier, running 0"), again.err());
        assertEquals(csv, Files.readAllLines(out.resolve("summary.csv")));

        // compare reads a sweep: one row per task × algorithm × κ, over its seeds
        CliRunner cmp = CliRunner.run("compare", out.toString());
        assertEquals(0, cmp.exitCode(), cmp.err());
        assertTrue(cmp.out().contains("sweep/Push-v0") && cmp.out().contains("sweep/Pull-v0"), cmp.out());
        assertFalse(cmp.err().contains("differ"), "one sweep is comparable with itself: " + cmp.err());

        // another grid into the same folder is refused
        CliRunner other = CliRunner.run(sweep(out, "--set", "beta-start=0.05").toArray(String[]::new));
        assertEquals(2, other.exitCode(), other.err());
        assertTrue(other.err().contains("holds another sweep"), other.err());

        // the same sweep through Slurm gives the same summary
        Assumptions.assumeTrue(SlurmExecutor.available(), "no Slurm here (sbatch not on the PATH): the Slurm executor is not tested;"
                + " .ci/slurm-local.sh start sets up a one-node cluster");
        Path viaSlurm = tmp.resolve("slurm");
        CliRunner s = CliRunner.run(sweep(viaSlurm, "--executor", "slurm").toArray(String[]::new));
        assertEquals(0, s.exitCode(), s.err() + s.out());
        assertEquals(csv, Files.readAllLines(viaSlurm.resolve("summary.csv")), "Slurm and local executors agree");
    }

    @Test
    void aFailingPointIsReportedAndTheOthersFinish() throws Exception {
        Path out = tmp.resolve("failing");
        var grid = new org.drcorl.experiment.sweep.SweepGrid(List.of("Push-v0", "Pull-v0"), List.of("bc+switch"),
                List.of(5.0), List.of(0L, 1L), "smoke",
                java.util.Map.of("critic-steps", "20", "pretrain-steps", "5", "extract-steps", "15"));
        new org.drcorl.experiment.sweep.SweepPlan(out, grid, java.util.Map.of("Push-v0", List.of(5.0), "Pull-v0", List.of(5.0)),
                tmp.resolve("runs/data"), List.of()).record();
        // a file where a stage run goes: it fails, its extraction is not run, the rest finish
        Files.createDirectories(out.resolve("stages/Pull-v0"));
        Files.writeString(out.resolve("stages/Pull-v0/seed-1"), "in the way");
        CliRunner r = CliRunner.run(sweep(out).toArray(String[]::new));
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("2 of 8 runs failed: Pull-v0 seed 1 stages (FAILED"), r.err());
        assertTrue(r.err().contains("Pull-v0 seed 1 bc+switch κ=5 (not run: the stages of its task and seed failed)"), r.err());
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("Pull-v0,bc+switch,5.0,1,")), "the finished seed of Pull-v0 counts: " + csv);
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("Push-v0,bc+switch,5.0,2,")), csv.toString());
    }
}
