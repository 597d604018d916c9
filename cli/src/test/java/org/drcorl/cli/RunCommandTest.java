package org.drcorl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.drcorl.experiment.RunLayout;
import org.drcorl.report.MetricsLog;
import org.drcorl.report.ResultsTables;
import org.drcorl.testing.TestPluginBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * {@code drcorl run}, {@code evaluate} and {@code compare} end to end on a tiny task (test
 * plugins: a 1-D push task, a squared-error regularizer named {@code bc}, and a switching
 * handler that reports a λ), with the smoke preset: the outputs exist, parse and keep their
 * columns; a run resumes; its config.json reproduces it; bad input fails cleanly.
 */
class RunCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path plugins;
    static Path dataset;

    @TempDir
    Path tmp;

    static final String HANDLER = """
            package t;
            import org.drcorl.spi.*;
            import org.pf4j.Extension;
            @Extension
            public class Switch implements ConstraintHandler {
                private double lambda;
                public String name() { return "switch"; }
                public String description() { return "reward under budget, cost over"; }
                public PolicyUpdate decide(ConstraintStep s) {
                    lambda = Math.max(0, lambda + 0.1 * (s.costEstimate() - 1));
                    return s.costEstimate() > 1 ? s.costUpdate() : s.rewardUpdate();
                }
                public java.util.Map<String, Double> diagnostics() { return java.util.Map.of("lambda", lambda); }
            }
            """;

    @BeforeAll
    static void pluginsAndData() throws Exception {
        plugins = shared.resolve("plugins");
        TestPluginBuilder.plugin("push").source("push.Tasks", TestPluginBuilder.taskProvider("push", "Tasks", "Push-v0"))
                .buildInto(plugins, "push.jar");
        TestPluginBuilder.plugin("algos").source("t.Bc", TestPluginBuilder.regularizer("t", "Bc", "bc", ""))
                .source("t.Switch", HANDLER).buildInto(plugins, "algos.jar");
        dataset = shared.resolve("push.hdf5");
        CliRunner c = CliRunner.run("collect", "--plugins", plugins.toString(), "--task", "Push-v0", "--episodes", "40",
                "--seed", "1", "--out", dataset.toString(), "--quiet");
        assertEquals(0, c.exitCode(), c.err());
    }

    private static List<String> runArgs(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("run", "--plugins", plugins.toString(), "--task", "Push-v0", "--dataset",
                dataset.toString(), "--algos", "bc-safe,bc+switch", "--thresholds", "2,5", "--seeds", "0,1", "--preset", "smoke",
                "--set", "critic-steps=20", "--set", "pretrain-steps=5", "--set", "extract-steps=15", "--out", out.toString(), "--quiet"));
        a.addAll(List.of(extra));
        return a;
    }

    private static CliRunner run(List<String> args) {
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void automaticJobsShareTheCoresAmongTheIntraOpThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores, RunCommand.automaticJobs(1, false));
        assertEquals(1, RunCommand.automaticJobs(0, false), "the engine's one thread per core leaves none free");
        assertEquals(Math.max(1, cores / 2), RunCommand.automaticJobs(2, false));
        assertEquals(1, RunCommand.automaticJobs(1, true), "one GPU: one job");
    }

    @Test
    void runWritesEveryOutputAndResumesThenEvaluateAndCompareReadIt() throws Exception {
        Path dir = tmp.resolve("run");
        CliRunner r = run(runArgs(dir));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("bc+switch") && r.out().contains("mean") && r.out().contains(" ± "), r.out());

        // config.json: the resolved configuration
        JsonNode config = JSON.readTree(dir.resolve("config.json").toFile());
        assertEquals("Push-v0", config.get("task").asText());
        assertEquals("[\"bc-safe\",\"bc+switch\"]", config.get("algos").toString());
        assertEquals("[2.0,5.0]", config.get("thresholds").toString());
        assertEquals("[0,1]", config.get("seeds").toString());
        assertEquals("cpu", config.get("device").asText());
        assertEquals(1, config.at("/resolved/engine-threads").asInt(), "one intra-op thread unless --threads says otherwise");
        assertEquals(RunCommand.automaticJobs(1, false), config.at("/resolved/training-jobs").asInt(),
                "as many training jobs at once as the cores one intra-op thread each leaves");
        assertEquals(15, config.at("/resolved/preset-values/extract-steps").asInt());
        assertEquals(0, config.at("/resolved/training-simulator-episodes").asLong(), "offline: no simulator episode before evaluation");
        assertEquals(64, config.at("/resolved/preset-values/extract-batch").asInt(), "the preset's own values too");
        assertTrue(config.at("/resolved/preset-values/model/known-termination").asBoolean(), "the task's rule ends the model's episodes");
        assertEquals("the model's termination head (the task declares no rule)", config.at("/resolved/task/termination").asText());
        assertEquals(64, config.at("/resolved/dataset/content-sha256").asText().length());
        assertEquals("switch", config.at("/resolved/algorithms/bc+switch/handler").asText());
        assertFalse(config.at("/resolved/plugins/algos").isMissingNode());

        // results: 2 algorithms × 2 budgets × 2 seeds
        Table scores = ResultsTables.readScores(dir.resolve("results/scores.csv"));
        assertEquals(8, scores.rowCount());
        assertTrue(scores.doubleColumn("normalized_cost").asList().stream().allMatch(Double::isFinite));
        assertEquals(header(ResultsTables.SUMMARY_COLUMNS), firstLine(dir.resolve("results/summary.csv")));
        assertEquals(1 + 2 * 3, Files.readAllLines(dir.resolve("results/summary.csv")).size(), "per κ and the mean, per algorithm");
        assertEquals(header(ResultsTables.EPISODE_COLUMNS), firstLine(dir.resolve("results/episodes.csv")));
        assertEquals(1 + 8 * 2, Files.readAllLines(dir.resolve("results/episodes.csv")).size(), "smoke evaluates 2 episodes");
        assertTrue(Files.readString(dir.resolve("results/table.txt")).contains("bc-safe"));

        // per-step metrics of each extraction, stage losses
        MetricsLog log = MetricsLog.read(dir.resolve("logs/bc+switch/kappa-5/seed-1.csv"));
        assertEquals(15, log.size(), "one row per phase-2 step");
        assertEquals(List.of("step", "regularizer_loss", "cost_estimate", "cost_estimate_mean", "cost_limit", "reward_estimate", "beta",
                "reward_q", "cost_q", "handler.lambda"), log.columns());
        MetricsLog selection = MetricsLog.read(dir.resolve("logs/bc+switch/kappa-5/seed-1-selection.csv"));
        assertEquals(List.of("step", "reward_estimate", "cost_estimate_mean", "cost_estimate", "model.reward", "model.cost_mean",
                "model.cost", "model.reward_mean", "model.cost.0", "model.cost.1", "model.reward.0", "model.reward.1", "deviation", "kept"),
                selection.columns(), "the model rollouts' estimates, each member's, the action deviation; no audit asked for: no audit columns");
        // the members replay the judgement: mean ± k·σ (sample σ over the smoke preset's 2 members, k = 2)
        double k = org.drcorl.train.Preset.named("smoke").model().upperK();
        for (int row = 0; row < selection.size(); row++) {
            double c0 = selection.column("model.cost.0")[row], c1 = selection.column("model.cost.1")[row];
            double r0 = selection.column("model.reward.0")[row], r1 = selection.column("model.reward.1")[row];
            double cSd = Math.abs(c0 - c1) / Math.sqrt(2), rSd = Math.abs(r0 - r1) / Math.sqrt(2);
            assertEquals((c0 + c1) / 2, selection.column("model.cost_mean")[row], 1e-3, "row " + row + ": cost mean from the members");
            assertEquals((c0 + c1) / 2 + k * cSd, selection.column("model.cost")[row], 1e-3, "row " + row + ": cost bound from the members");
            assertEquals((r0 + r1) / 2, selection.column("model.reward_mean")[row], 1e-3 * (1 + Math.abs(r0)), "row " + row);
            assertEquals((r0 + r1) / 2 - k * rSd, selection.column("model.reward")[row], 1e-3 * (1 + Math.abs(r0) + Math.abs(r1)),
                    "row " + row + ": reward lower bound from the members");
        }
        assertTrue(java.util.Arrays.stream(selection.column("model.cost")).allMatch(c -> c >= 0 && Double.isFinite(c)),
                "every snapshot judged by the model: a finite, non-negative cost bound");
        assertEquals(1.0, java.util.Arrays.stream(selection.column("kept")).sum(), "exactly one snapshot kept");
        assertEquals(-2.0, selection.column("step")[0], "the BC-Safe baseline is compared first");
        assertEquals(-1.0, selection.column("step")[1], "then the phase-1 policy");
        assertEquals(1.0, selection.column("deviation")[0], "deviations are in the baseline's units");
        assertEquals(20, MetricsLog.read(dir.resolve("logs/stages/seed-0-critics.csv")).size());
        assertEquals(20, MetricsLog.read(dir.resolve("logs/stages/seed-0-dynamics-model.csv")).size(), "one row per model update");
        assertFalse(Files.exists(dir.resolve("logs/stages/seed-0-behavior-model.csv")), "no algorithm here needs the diffusion model");
        MetricsLog phase1 = MetricsLog.read(dir.resolve("logs/bc+switch/kappa-5/seed-1-phase1.csv"));
        assertEquals(List.of("step", "regularizer_loss"), phase1.columns());
        assertEquals(5, phase1.size(), "one row per phase-1 step");
        MetricsLog cloning = MetricsLog.read(dir.resolve("logs/bc-safe/kappa-2/seed-0.csv"));
        assertEquals(20, cloning.size(), "one row per cloning step (phase 1 + phase 2 budgets)");
        assertTrue(Arrays.stream(cloning.column("regularizer_loss")).allMatch(Double::isFinite));

        // charts and report
        List<String> charts = List.of("training-bc+switch.png", "reward-cost-kappa-2.png", "reward-cost-kappa-5.png",
                "stages-seed-0.png", "stages-seed-1.png", "policy-losses.png");
        for (String c : charts) assertNotNull(ImageIO.read(dir.resolve("charts").resolve(c).toFile()), c);
        try (var files = Files.list(dir.resolve("charts"))) {
            assertEquals(charts.size(), files.count());
        }
        String html = Files.readString(dir.resolve("report.html"));
        assertEquals(charts.size(), html.split("data:image/png;base64,", -1).length - 1, "every chart embedded");
        assertTrue(html.contains("bc+switch") && html.contains("Push-v0"));
        assertNoTemporaryFiles(dir);

        // the same command again reuses every saved policy and gives the same results
        Map<Path, FileTime> policies = modificationTimes(dir.resolve("policies"));
        assertEquals(16, policies.size(), "weights + metadata for 8 policies");
        String firstScores = Files.readString(dir.resolve("results/scores.csv"));
        CliRunner again = run(runArgs(dir).stream().filter(a -> !a.equals("--quiet")).toList());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.err().contains("bc+switch κ=5 seed 1: reusing the saved policy"), again.err());
        assertEquals(policies, modificationTimes(dir.resolve("policies")), "no policy retrained");
        assertEquals(firstScores, Files.readString(dir.resolve("results/scores.csv")));

        // the trained policy outside the run: its spec, an action, an export
        CliRunner info = CliRunner.run("policy", "info", "--run", dir.toString(), "--algo", "bc+switch", "--kappa", "5", "--seed", "1");
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains("Push-v0") && info.out().contains("bc+switch, κ 5, seed 1"), info.out());
        var trained = org.drcorl.policy.TrainedPolicy.fromRun(dir, "bc+switch", 5, 1);
        float[] obs = new float[trained.spec().observationDim()];
        java.util.Arrays.fill(obs, 0.25f);
        String obsText = String.join(",", java.util.Collections.nCopies(obs.length, "0.25"));
        CliRunner act = CliRunner.run("policy", "act", "--run", dir.toString(), "--algo", "bc+switch", "--kappa", "5", "--seed", "1",
                "--obs", obsText);
        assertEquals(0, act.exitCode(), act.err());
        String[] printed = act.out().strip().split(",");
        float[] expected = trained.act(obs);
        assertEquals(expected.length, printed.length, act.out());
        for (int j = 0; j < expected.length; j++) assertEquals(expected[j], Float.parseFloat(printed[j]), 1e-6);
        CliRunner wrongSize = CliRunner.run("policy", "act", "--policy",
                dir.resolve("policies/bc+switch/kappa-5/seed-1.json").toString(), "--obs", "1,2,3,4,5,6,7,8,9,10,11,12");
        assertEquals(2, wrongSize.exitCode());
        assertTrue(wrongSize.err().contains("--obs has 12 values, the policy takes " + obs.length), wrongSize.err());
        Path onnx = tmp.resolve("exported/policy.onnx");
        CliRunner export = CliRunner.run("export", "--run", dir.toString(), "--algo", "bc+switch", "--kappa", "5", "--seed", "1",
                "--format", "onnx", "--out", onnx.toString());
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(Files.size(onnx) > 1000, "an ONNX model with the weights");
        CliRunner exportAgain = CliRunner.run("export", "--run", dir.toString(), "--algo", "bc+switch", "--kappa", "5", "--seed", "1",
                "--format", "onnx", "--out", onnx.toString());
        assertEquals(2, exportAgain.exitCode(), "an existing file needs --force");

        // evaluate: the saved policies again, with more episodes, which replace the run's results only when asked to
        CliRunner refused = CliRunner.run("evaluate", "--plugins", plugins.toString(), "--run", dir.toString(), "--episodes", "3", "--quiet");
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("--replace"), refused.err());
        assertEquals(firstScores, Files.readString(dir.resolve("results/scores.csv")), "the run's results kept");
        CliRunner eval = CliRunner.run("evaluate", "--plugins", plugins.toString(), "--run", dir.toString(), "--episodes", "3",
                "--replace", "--quiet");
        assertEquals(0, eval.exitCode(), eval.err());
        assertEquals(1 + 8 * 3, Files.readAllLines(dir.resolve("results/episodes.csv")).size());
        assertTrue(eval.out().contains("bc+switch"), eval.out());

        // compare: two runs in one table, a run column telling them apart
        Path copy = tmp.resolve("copy");
        Files.createDirectories(copy.resolve("results"));
        Files.writeString(copy.resolve("results/scores.csv"), firstScores); // the 2-episode results of before
        Path merged = tmp.resolve("merged.csv");
        CliRunner cmp = CliRunner.run("compare", dir.toString(), copy.toString(), "--csv", merged.toString());
        assertEquals(0, cmp.exitCode(), cmp.err());
        assertTrue(cmp.out().contains("run") && cmp.out().contains("copy"), cmp.out());
        assertTrue(cmp.err().contains("differ in evaluation episodes"), "3 episodes against 2: " + cmp.err());
        assertEquals("run," + header(ResultsTables.SUMMARY_COLUMNS), firstLine(merged));
        assertEquals(1 + 2 * 2 * 3, Files.readAllLines(merged).size());

        // a changed critic setting retrains what depends on the critics, not the cloning baseline
        Map<Path, FileTime> before = modificationTimes(dir.resolve("policies/bc-safe"));
        CliRunner changed = run(runArgs(dir, "--set", "critic-steps=21").stream().filter(a -> !a.equals("--quiet")).toList());
        assertEquals(0, changed.exitCode(), changed.err());
        assertTrue(changed.err().contains("bc-safe κ=5 seed 1: reusing the saved policy"), changed.err());
        assertFalse(changed.err().contains("bc+switch κ=5 seed 1: reusing the saved policy"), changed.err());
        assertEquals(before, modificationTimes(dir.resolve("policies/bc-safe")), "bc-safe not retrained");
    }

    @Test
    void yamlConfigWithCommandLineOverridesAndTheWrittenConfigReproducesTheRun() throws Exception {
        Path yaml = tmp.resolve("exp.yaml");
        Files.writeString(yaml, """
                # a small experiment
                task: Push-v0
                dataset: %s
                algos: [bc-safe]
                thresholds: [5]
                seeds: 0
                preset: smoke
                set:
                  extract-steps: 10
                  eval-episodes: 3
                """.formatted(dataset));
        Path dir = tmp.resolve("yaml-run");
        CliRunner r = CliRunner.run("run", "--plugins", plugins.toString(), "--config", yaml.toString(), "--seeds", "4",
                "--set", "pretrain-steps=5", "--out", dir.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode config = JSON.readTree(dir.resolve("config.json").toFile());
        assertEquals("[4]", config.get("seeds").toString(), "the command line wins over the file");
        assertEquals("{\"extract-steps\":\"10\",\"eval-episodes\":\"3\",\"pretrain-steps\":\"5\"}", config.get("set").toString());
        assertEquals(10, config.at("/resolved/preset-values/extract-steps").asInt());
        assertEquals(5, config.at("/resolved/preset-values/pretrain-steps").asInt());
        assertEquals(1 + 3, Files.readAllLines(dir.resolve("results/episodes.csv")).size());

        // --config of the written config.json reproduces the configuration and the results
        Path copy = tmp.resolve("copy");
        CliRunner again = CliRunner.run("run", "--plugins", plugins.toString(), "--config", dir.resolve("config.json").toString(),
                "--out", copy.toString(), "--quiet");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(Files.readString(dir.resolve("config.json")), Files.readString(copy.resolve("config.json")));
        assertEquals(Files.readString(dir.resolve("results/scores.csv")), Files.readString(copy.resolve("results/scores.csv")));
    }

    @Test
    void cloningEveryEpisodeIsTrainedOncePerSeedAndSavedUnderEachBudget() throws Exception {
        Path dir = tmp.resolve("bc-all");
        CliRunner r = CliRunner.run("run", "--plugins", plugins.toString(), "--task", "Push-v0", "--dataset", dataset.toString(),
                "--algos", "bc-all", "--thresholds", "2,5", "--seeds", "0", "--preset", "smoke", "--set", "pretrain-steps=10",
                "--set", "extract-steps=10", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1, r.err().split("cloning every episode does not depend on κ", -1).length - 1, r.err());
        assertTrue(r.err().contains("bc-all κ=5 seed 0: the policy trained for the first budget"), r.err());
        RunLayout layout = new RunLayout(dir);
        String name = RunLayout.policyName(0);
        byte[] at2 = Files.readAllBytes(layout.policyDir("bc-all", 2).resolve(name + ".weights"));
        byte[] at5 = Files.readAllBytes(layout.policyDir("bc-all", 5).resolve(name + ".weights"));
        assertArrayEquals(at2, at5, "the same policy under both budgets");
    }

    @Test
    void badInputIsOneClearLineExitCodeTwoAndNoOutput() throws Exception {
        Path out = tmp.resolve("never");
        assertBad(List.of("--config", write("a.yaml", "task: Push-v0\nalgoz: [drcorl]\n").toString()),
                "a.yaml: unknown key 'algoz'; known: task, dataset", out);
        assertBad(List.of("--config", write("b.json", "{\"seeds\": \"x\"}").toString()), "b.json: 'seeds' must be a list of integers", out);
        assertBad(List.of("--config", write("c.yaml", "task: [unclosed\n").toString()), "c.yaml: not valid YAML", out);
        assertBad(List.of("--config", write("d.json", "{\"set\": {\"extract-steps\": [1]}}").toString()),
                "d.json: 'set.extract-steps' must be a number, boolean or string", out);
        assertBad(List.of("--config", tmp.resolve("missing.yaml").toString()), "missing.yaml does not exist", out);
        assertBad(List.of("--config", write("e.json", "{\"task\": \"Push-v0\", \"algos\": \"bc-safe\", \"dataset\": \"" + dataset
                + "\", \"resolved\": {\"dataset\": {\"content-sha256\": \"0123\"}}}").toString()), "has changed since the config was written", out);
        assertBad(List.of("--task", "Push-v0", "--dataset", dataset.toString(), "--algos", "nope"), "unknown algorithm 'nope'", out);
        assertBad(List.of("--task", "Push-v0", "--dataset", dataset.toString(), "--algos", "bc+nope"), "unknown constraint handler 'nope'", out);
        assertBad(List.of("--task", "Push-v0", "--dataset", dataset.toString(), "--set", "extract-stepz=3"), "unknown setting 'extract-stepz'", out);
        assertBad(List.of("--task", "Push-v0", "--dataset", dataset.toString(), "--device", "tpu"), "unknown device 'tpu'", out);
        assertBad(List.of("--task", "Push-v0", "--dataset", dataset.toString(), "--threads", "-1"), "--threads: must be >= 0", out);
        assertBad(List.of("--task", "Push-v0", "--dataset", dataset.toString(), "--seeds", "1,1"), "repeat a value", out);
        assertBad(List.of("--task", "Push-v0", "--dataset", dataset.toString(), "--algos", "bc-safe", "--regularizer-opt", "diffusin.t-max=0.5"),
                "--regularizer-opt diffusin.t-max: no plugin 'diffusin' in this run (it uses bc)", out);
        assertBad(List.of("--task", "Push-v0", "--dataset", dataset.toString(), "--algos", "bc-safe", "--regularizer-opt", "bc.wieght=2"),
                "unknown option wieght for regularizer 'bc'", out); // a qualified key reaches its plugin
        assertBad(List.of("--task", "Push-v0", "--dataset", dataset.toString(), "--threads", "100000"), "--threads 100000: at most", out);
        assertBad(List.of("--task", "Push-v0", "--dataset", dataset.toString(), "--jobs", "-1"), "--jobs: must be >= 0", out);
        assertBad(List.of("--task", "Push-v0", "--dataset", dataset.toString(), "--jobs", "100000"), "--jobs 100000: between 1 and", out);
        assertBad(List.of("--task", "Push-v0", "--dataset", dataset.toString(), "--set", "eval-episodes=0"),
                "--set: eval-episodes must be >= 1, got 0", out);
        assertBad(List.of("--task", "Push-v0", "--dataset", dataset.toString(), "--set", "policy-hidden=0"),
                "--set: policy-hidden must be >= 1, got 0", out);
        assertBad(List.of("--task", "Push-v0", "--dataset", costlyEpisodes().toString(), "--algos", "bc+switch,bc-safe", "--thresholds", "0"),
                "is within κ = 0, so bc-safe has nothing to clone", out); // before bc+switch trains
        assertBad(List.of("--task", "Push-v0", "--dataset", costlyEpisodes().toString(), "--algos", "bc+switch", "--thresholds", "0",
                "--set", "pretrain-regression-steps=10", "--set", "pretrain-regression-safe=true"),
                "is within κ = 0, so bc+switch's warm start (pretrain-regression-safe) has nothing to clone", out);
        assertBad(List.of("--task", "Push-v0", "--dataset", costlyEpisodes().toString(), "--algos", "bc+switch", "--thresholds", "0",
                "--set", "behavior-safe-episodes=true"),
                "is within κ = 0, so bc+switch's behaviour model (behavior-safe-episodes) has nothing to clone", out);
        assertBad(List.of("--task", "Push-v0", "--algos", "bc-safe", "--dataset", tmp.resolve("none.hdf5").toString()),
                "dataset " + tmp.resolve("none.hdf5") + " does not exist", out);
        // the data must be the task's, checked before anything trains
        assertBad(List.of("--task", "Push-v0", "--algos", "bc-safe", "--dataset", changed(d -> reshaped(d, d.obsDim() + 1, 1f)).toString()),
                "does not fit task Push-v0: observations have", out);
        assertBad(List.of("--task", "Push-v0", "--algos", "bc-safe", "--dataset", changed(d -> reshaped(d, d.obsDim(), 100f)).toString()),
                "action value(s) outside the bounds of task Push-v0", out);
        assertBad(List.of("--algos", "bc-safe", "--dataset", changed(d -> d.withMetadata(d.metadata().withTaskId("NoSuchTask-v9"))).toString()),
                "is for task 'NoSuchTask-v9' (its task_id attribute), which no loaded plugin provides", out);
        // without --task the file's task_id decides: on the default task these dims would not fit
        assertBad(List.of("--dataset", costlyEpisodes().toString(), "--algos", "bc-safe", "--thresholds", "0"),
                "so bc-safe has nothing to clone", out);
        assertBad(List.of("--task", "Push-v0", "--dataset", dataset.toString(), "--set", "behavior-batch=100000000"),
                "behavior-batch must be <= 65536", out);
        assertBad(List.of("--task", "Push-v0", "--dataset", dataset.toString(), "--plugins", tmp.resolve("nowhere").toString()),
                "--plugins " + tmp.resolve("nowhere") + ": no such folder", out);
        assertBad(List.of("--config", tmp.toString()), "--config: " + tmp + " is a folder", out);

        CliRunner eval = CliRunner.run("evaluate", "--plugins", plugins.toString(), "--run", tmp.toString());
        assertEquals(2, eval.exitCode());
        assertTrue(eval.err().contains("is not a run directory (no config.json)"), eval.err());
        CliRunner cmp = CliRunner.run("compare", tmp.toString());
        assertEquals(2, cmp.exitCode());
        assertTrue(cmp.err().contains("scores.csv does not exist"), cmp.err());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }

    private static void assertBad(List<String> args, String message, Path out) {
        List<String> all = new ArrayList<>(List.of("run", "--plugins", plugins.toString(), "--preset", "smoke", "--out", out.toString(), "--quiet"));
        all.addAll(args);
        CliRunner r = run(all);
        assertEquals(2, r.exitCode(), args + ": " + r.err());
        assertTrue(r.err().contains(message), args + ": expected '" + message + "' in " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
        assertFalse(Files.exists(out), "nothing written for " + args);
    }

    private static String header(List<String> columns) {
        return String.join(",", columns);
    }

    private static String firstLine(Path file) throws IOException {
        return Files.readAllLines(file).getFirst();
    }

    private static Map<Path, FileTime> modificationTimes(Path dir) throws IOException {
        Map<Path, FileTime> m = new TreeMap<>();
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) m.put(p, Files.getLastModifiedTime(p));
        }
        return m;
    }

    private static void assertNoTemporaryFiles(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            assertArrayEquals(new Path[0], files.filter(p -> p.getFileName().toString().startsWith(".")).toArray(Path[]::new));
        }
    }

    @Test
    void aFolderThatIsNotARunIsNeitherClearedNorWrittenInto() throws Exception {
        Path mine = tmp.resolve("mine");
        Files.createDirectories(mine.resolve("results"));
        Files.writeString(mine.resolve("results/mine.csv"), "keep me");
        Files.writeString(mine.resolve("report.html"), "my report");
        for (boolean fresh : new boolean[] {true, false}) {
            List<String> args = runArgs(mine);
            if (fresh) args.add("--fresh");
            CliRunner r = run(args);
            assertEquals(2, r.exitCode(), r.err());
            assertTrue(r.err().contains("holds files but no config.json, so it is not a run directory"), r.err());
            assertEquals("keep me", Files.readString(mine.resolve("results/mine.csv")));
            assertEquals("my report", Files.readString(mine.resolve("report.html")));
            assertFalse(Files.exists(mine.resolve("config.json")));
        }
    }

    /** The test dataset's episodes that cost something: none is within κ = 0. */
    /** The test dataset changed by {@code change}, written to a file of its own. */
    private Path changed(java.util.function.UnaryOperator<org.drcorl.data.OfflineDataset> change) {
        Path file = tmp.resolve("changed-" + System.nanoTime() + ".hdf5");
        org.drcorl.data.DsrlHdf5Writer.write(change.apply(org.drcorl.data.DsrlHdf5Reader.read(dataset)), file);
        return file;
    }

    /** The dataset with {@code obsDim} observation values (zero-padded) and its actions scaled. */
    private static org.drcorl.data.OfflineDataset reshaped(org.drcorl.data.OfflineDataset d, int obsDim, float actionScale) {
        int n = d.size();
        float[] obs = new float[n * obsDim], next = new float[n * obsDim], act = d.actions();
        for (int i = 0; i < n; i++) {
            System.arraycopy(d.observation(i), 0, obs, i * obsDim, Math.min(obsDim, d.obsDim()));
            System.arraycopy(d.nextObservation(i), 0, next, i * obsDim, Math.min(obsDim, d.obsDim()));
        }
        for (int i = 0; i < act.length; i++) act[i] *= actionScale;
        return org.drcorl.data.OfflineDataset.of(obsDim, d.actDim(), obs, next, act, d.rewards(), d.costs(), d.terminals(),
                d.timeouts(), null, d.metadata());
    }

    private Path costlyEpisodes() {
        var data = org.drcorl.data.DsrlHdf5Reader.read(dataset);
        double[] costs = data.episodeCostReturns();
        var costly = data.filterEpisodes(e -> costs[e] > 0);
        assertTrue(costly.episodeCount() > 0, "the test task has costly episodes");
        Path file = tmp.resolve("costly.hdf5");
        org.drcorl.data.DsrlHdf5Writer.write(costly, file);
        return file;
    }
}
