package org.drcorl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.drcorl.data.DatasetCollector;
import org.drcorl.data.DsrlHdf5Writer;
import org.drcorl.data.OfflineDataset;
import org.drcorl.eval.Evaluation;
import org.drcorl.eval.Evaluator;
import org.drcorl.eval.PlainMlpPolicy;
import org.drcorl.pluginhost.PluginRuntime;
import org.drcorl.testing.TestPluginBuilder;
import org.drcorl.train.SavedPolicy;
import org.drcorl.train.TrainingProgress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The experiment runner called as notebooks and benchmarks call it (no command line): results
 * come back as tables, a second run resumes from what the first saved, a re-evaluation scores the
 * saved policies on the same episodes, and several runs compare in one table.
 */
class ExperimentRunnerTest {
    @TempDir
    static Path shared;
    static Path plugins;
    static Path dataset;

    @TempDir
    Path tmp;

    @BeforeAll
    static void pluginsAndData() throws Exception {
        plugins = shared.resolve("plugins");
        TestPluginBuilder.plugin("push").source("push.Tasks", TestPluginBuilder.taskProvider("push", "Tasks", "Push-v0"))
                .buildInto(plugins, "push.jar");
        TestPluginBuilder.plugin("algos").source("t.Bc", TestPluginBuilder.regularizer("t", "Bc", "bc", ""))
                .source("t.Switch", TestPluginBuilder.handler("t", "Switch", "switch")).buildInto(plugins, "algos.jar");
        dataset = shared.resolve("push.hdf5");
        try (PluginRuntime runtime = PluginRuntime.load(List.of(plugins))) {
            OfflineDataset data = DatasetCollector.collect(runtime.requireProvider("Push-v0"), "Push-v0", 30, 1, n -> {});
            DsrlHdf5Writer.write(data, dataset);
        }
    }

    /** Two algorithms × two budgets × two seeds, smoke-sized. */
    private static ExperimentConfig config() {
        return ExperimentConfig.DEFAULTS.withTask("Push-v0").withDataset(dataset.toString()).withAlgos("bc-safe", "bc+switch")
                .withThresholds(2.0, 5.0).withSeeds(0L, 1L).withPreset("smoke")
                .withSettings(Map.of("critic-steps", "20", "pretrain-steps", "5", "extract-steps", "15"));
    }

    /** Remembers what the runner said. */
    private static final class Recorder implements ExperimentListener {
        final List<String> lines = new ArrayList<>();
        int steps;

        @Override
        public TrainingProgress progress() {
            return TrainingProgress.NONE;
        }

        @Override
        public void info(String line) {
            lines.add(line);
        }

        @Override
        public void step(String algorithm, double threshold, long seed, org.drcorl.train.extract.PolicyExtractor.StepLog log) {
            steps++;
        }
    }

    @Test
    void aRunDirectoryInUseIsRefusedAndAStaleLockIsTakenOver() throws Exception {
        Path made = tmp.resolve("made-by-the-lock");
        try (RunLock unused = RunLock.acquire(made)) {
            assertTrue(Files.isRegularFile(made.resolve(".lock")));
        }
        assertTrue(!Files.exists(made), "a folder the lock made and nothing filled is removed with it");
        Path dir = Files.createDirectories(tmp.resolve("locked"));
        try (PluginRuntime runtime = PluginRuntime.load(List.of(plugins))) {
            ExperimentSetup setup = ExperimentSetup.resolve(config().withSeeds(0L).withThresholds(5.0), runtime);
            try (RunLock held = RunLock.acquire(dir)) {
                var busy = assertThrows(UserError.class, () -> new ExperimentRunner(setup, new RunLayout(dir), ExperimentListener.silent()).run(false));
                assertTrue(busy.getMessage().contains("in use by another drcorl (process " + ProcessHandle.current().pid() + ")")
                        && busy.getMessage().contains(dir.resolve(".lock").toString()), busy.getMessage());
                try (var files = Files.list(dir)) {
                    assertEquals(List.of(".lock"), files.map(p -> p.getFileName().toString()).toList(), "nothing written while refused");
                }
            }
            // a lock file whose process died holds no lock: the next run takes it over, and removes it when done
            Files.writeString(dir.resolve(".lock"), "999999999\n");
            new ExperimentRunner(setup, new RunLayout(dir), ExperimentListener.silent()).run(false);
            assertTrue(Files.isRegularFile(dir.resolve("config.json")));
            assertTrue(!Files.exists(dir.resolve(".lock")), "released and removed after the run");
            new ExperimentRunner(setup, new RunLayout(dir), ExperimentListener.silent()).evaluate(null);
            assertTrue(!Files.exists(dir.resolve(".lock")));
        }
    }

    @Test
    void theSimulatorEpisodesBeforeEvaluationAreCountedAndBounded() throws Exception {
        try (PluginRuntime runtime = PluginRuntime.load(List.of(plugins))) {
            assertEquals(0, ExperimentSetup.resolve(config(), runtime).trainingSimulatorEpisodes(), "offline by default");
            // 1 extracted algorithm × 2 budgets × 2 seeds; 3 policies compared each (the phase-1 policy, step 9 of
            // 15 with one snapshot every 10, and the final one); 3 episodes each
            assertEquals(36, ExperimentSetup.resolve(config().withAuditEpisodes(3), runtime).trainingSimulatorEpisodes());
            var tooMany = assertThrows(UserError.class, () -> ExperimentSetup.resolve(config().withAuditEpisodes(1001), runtime));
            assertTrue(tooMany.getMessage().contains("--audit-episodes 1001"), tooMany.getMessage());
        }
    }

    @Test
    void runReturnsTablesResumesAndReevaluatesOnTheSameEpisodes() throws Exception {
        Path dir = tmp.resolve("run");
        try (PluginRuntime runtime = PluginRuntime.load(List.of(plugins))) {
            ExperimentSetup setup = ExperimentSetup.resolve(config(), runtime);
            Recorder first = new Recorder();
            RunResults results = new ExperimentRunner(setup, new RunLayout(dir), first).run(false);
            assertEquals(8, results.evaluations().size());
            assertEquals(8, results.scores().rowCount());
            assertEquals(2 * 3, results.summary().rowCount(), "per κ and the mean, per algorithm");
            assertEquals(2 * 2 * 15, first.steps, "every phase-2 step of bc+switch reaches the listener");
            assertTrue(Files.isRegularFile(dir.resolve("config.json")) && Files.isRegularFile(dir.resolve("report.html")));
            assertTrue(results.charts().stream().allMatch(Files::isRegularFile));

            // the same configuration again: every policy reused, the same scores to the bit
            Recorder second = new Recorder();
            RunResults again = new ExperimentRunner(setup, new RunLayout(dir), second).run(false);
            assertEquals(8, second.lines.stream().filter(l -> l.contains("reusing the saved policy")).count(), second.lines.toString());
            assertEquals(0, second.steps);
            assertEquals(results.scores().toString(), again.scores().toString());

            // evaluation episodes are derived in one place: a saved policy scored by hand matches the run
            Evaluation e = results.evaluations().stream().filter(x -> x.score().algorithm().equals("bc+switch")
                    && x.score().threshold() == 5 && x.score().seed() == 1).findFirst().orElseThrow();
            RunLayout layout = new RunLayout(dir);
            try (NDManager m = NDManager.newBaseManager();
                 SavedPolicy saved = SavedPolicy.load(layout.policyDir("bc+switch", 5), RunLayout.policyName(1), m)) {
                Evaluation byHand = Evaluator.evaluate(setup.provider(), "Push-v0", PlainMlpPolicy.of(saved.policy().network(), true),
                        "bc+switch", 5, 1, setup.preset().evalEpisodes(), setup.normalization(setup.loadDataset(second)),
                        e.selectedStep());
                assertEquals(e.score(), byHand.score());
            }

            // re-evaluation with more episodes: the first episodes are the run's own
            // ... which replace the run's own only when asked to
            UserError kept = assertThrows(UserError.class,
                    () -> new ExperimentRunner(setup, layout, ExperimentListener.silent()).evaluate(5));
            assertTrue(kept.getMessage().contains("--replace"), kept.getMessage());
            assertEquals(java.util.Set.of(setup.preset().evalEpisodes()),
                    org.drcorl.report.ResultsTables.readScores(layout.scores()).intColumn("episodes").asSet());
            RunResults more = new ExperimentRunner(setup, layout, ExperimentListener.silent()).evaluate(5, true);
            Evaluation longer = more.evaluations().stream().filter(x -> x.score().algorithm().equals("bc+switch")
                    && x.score().threshold() == 5 && x.score().seed() == 1).findFirst().orElseThrow();
            assertEquals(5, longer.episodes().size());
            assertEquals(e.episodes(), longer.episodes().subList(0, e.episodes().size()));
        }
    }

    /**
     * Training jobs at once change nothing but the time: the same configuration with one job and
     * with three (stages, then policies, on threads of their own, cloning every episode once for
     * both budgets) writes the same stage logs, policy weights, training logs and scores, bit for bit.
     */
    @Test
    void severalJobsAtOnceTrainWhatOneAtATimeTrains() throws Exception {
        Path one = tmp.resolve("one"), three = tmp.resolve("three");
        Recorder said = new Recorder();
        try (PluginRuntime runtime = PluginRuntime.load(List.of(plugins))) {
            ExperimentConfig c = config().withAlgos("bc-safe", "bc-all", "bc+switch").withSeeds(0L);
            ExperimentSetup setup = ExperimentSetup.resolve(c, runtime);
            RunResults sequential = new ExperimentRunner(setup, new RunLayout(one), ExperimentListener.silent()).run(false);
            RunResults parallel = new ExperimentRunner(setup, new RunLayout(three), said).withJobs(3).run(false);
            assertEquals(sequential.scores().toString(), parallel.scores().toString());
        }
        List<Path> written;
        try (var files = Files.walk(one)) {
            written = files.filter(Files::isRegularFile).map(one::relativize)
                    .filter(p -> p.startsWith("checkpoints") || p.startsWith("logs") || p.startsWith("policies")).sorted().toList();
        }
        assertTrue(written.stream().anyMatch(p -> p.toString().endsWith(".weights")), "policies and checkpoints were written: " + written);
        for (Path p : written) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(one.resolve(p)), Files.readAllBytes(three.resolve(p))),
                    p + " differs between one job and three");
        }
        // the parallel run's lines come job by job, as a sequential run's do: each policy's before the next one's
        assertTrue(said.lines.stream().anyMatch(l -> l.contains("bc-all κ=5 seed 0: the policy trained for the first budget")),
                String.join("\n", said.lines));
        var resolved = new com.fasterxml.jackson.databind.ObjectMapper().readTree(three.resolve("config.json").toFile()).get("resolved");
        assertEquals(3, resolved.get("training-jobs").asInt());
        assertThrows(UserError.class, () -> new ExperimentRunner(null, null, null).withJobs(0));
    }

    @Test
    void comparisonNamesEachRunAndRefusesAFolderWithoutScores() throws Exception {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        try (PluginRuntime runtime = PluginRuntime.load(List.of(plugins))) {
            ExperimentConfig one = config().withAlgos("bc-safe").withThresholds(2.0).withSeeds(0L);
            ExperimentSetup setup = ExperimentSetup.resolve(one, runtime);
            new ExperimentRunner(setup, new RunLayout(a), ExperimentListener.silent()).run(false);
            new ExperimentRunner(setup, new RunLayout(b), ExperimentListener.silent()).run(false);
        }
        Table summary = RunComparison.summary(List.of(a, b));
        assertEquals(List.of("a", "b"), summary.stringColumn("run").unique().asList().stream().sorted().toList());
        Files.createDirectories(tmp.resolve("empty"));
        UserError e = assertThrows(UserError.class, () -> RunComparison.summary(List.of(a, tmp.resolve("empty"))));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void aTaskWhoseSimulatorDoesNotStartIsRefusedBeforeTraining() throws Exception {
        Path out = tmp.resolve("broken");
        Path renamed = tmp.resolve("broken.hdf5");
        OfflineDataset data = org.drcorl.data.DsrlHdf5Reader.read(dataset);
        DsrlHdf5Writer.write(data.withMetadata(data.metadata().withTaskId("Broken-v0")), renamed);
        try (PluginRuntime runtime = PluginRuntime.load(List.of(plugins))) {
            org.drcorl.spi.TaskSpec push = runtime.requireSpec("Push-v0");
            org.drcorl.spi.TaskSpec broken = new org.drcorl.spi.TaskSpec("Broken-v0", "test", "a model that does not load",
                    push.observationDim(), push.actionDim(), push.actionLow(), push.actionHigh(), push.maxEpisodeSteps(),
                    push.costThresholds(), push.normalization());
            runtime.registerTaskProvider(new org.drcorl.spi.TaskProvider() {
                public String family() { return "test"; }
                public List<org.drcorl.spi.TaskSpec> tasks() { return List.of(broken); }
                public org.drcorl.spi.SafeEnv create(String id) {
                    throw new IllegalStateException("XML parse error at line 3: body"); // as MuJoCo says of a bad MJCF
                }
            });
            ExperimentSetup setup = ExperimentSetup.resolve(config().withTask(null).withDataset(renamed.toString())
                    .withSeeds(0L).withThresholds(5.0), runtime);
            assertEquals("Broken-v0", setup.taskId(), "the file's task_id decides the task");
            UserError e = assertThrows(UserError.class, () -> new ExperimentRunner(setup, new RunLayout(out), ExperimentListener.silent()).run(false));
            assertEquals("task Broken-v0 does not start: XML parse error at line 3: body", e.getMessage());
            assertTrue(!Files.exists(out.resolve("checkpoints")) && !Files.exists(out.resolve("config.json")), "nothing trained or written");
        }
    }

    /**
     * DSRL's workflow: a file as DSRL publishes it (no attributes, named SafetyCarCircle-v0-100-1450.hdf5)
     * trains as the task its name names, scored with DSRL's constants for it, and config.json and the
     * report say which constants; data breaking the task's conventions are warned about before training.
     */
    @Test
    void aDsrlFileTrainsAsTheTaskItsNameNamesScoredWithDsrlsConstants() throws Exception {
        OfflineDataset push = org.drcorl.data.DsrlHdf5Reader.read(dataset);
        Path file = tmp.resolve("SafetyCarCircle-v0-100-1450.hdf5");
        DsrlHdf5Writer.write(push.withMetadata(org.drcorl.data.DatasetMetadata.NONE), file);
        Path out = tmp.resolve("dsrl");
        org.drcorl.spi.NormalizationConstants dsrl = org.drcorl.spi.DsrlTasks.require("OfflineCarCircle-v0").normalization();
        try (PluginRuntime runtime = PluginRuntime.load(List.of(plugins))) {
            org.drcorl.spi.TaskProvider pushes = runtime.requireProvider("Push-v0");
            org.drcorl.spi.TaskSpec p = runtime.requireSpec("Push-v0");
            org.drcorl.spi.TaskSpec car = new org.drcorl.spi.TaskSpec("OfflineCarCircle-v0", "test", "Push under CarCircle's id",
                    p.observationDim(), p.actionDim(), p.actionLow(), p.actionHigh(), p.maxEpisodeSteps(), p.costThresholds(), dsrl);
            runtime.registerTaskProvider(new org.drcorl.spi.TaskProvider() {
                public String family() { return "test"; }
                public List<org.drcorl.spi.TaskSpec> tasks() { return List.of(car); }
                public org.drcorl.spi.SafeEnv create(String id) { return pushes.create("Push-v0"); }
                public List<org.drcorl.spi.DataConvention> dataConventions(String id) {
                    return List.of(new org.drcorl.spi.DataConvention("obs[0]", org.drcorl.spi.DataConvention.Rows.ALL, o -> o[0],
                            1e6, Double.POSITIVE_INFINITY, "a convention no data meet"));
                }
            });
            ExperimentSetup setup = ExperimentSetup.resolve(config().withTask(null).withDataset(file.toString())
                    .withAlgos("bc-safe").withSeeds(0L).withThresholds(5.0), runtime);
            assertEquals("OfflineCarCircle-v0", setup.taskId(), "the file's name decides the task");
            List<String> notices = new ArrayList<>();
            new ExperimentRunner(setup, new RunLayout(out), new ExperimentListener() {
                public TrainingProgress progress() { return TrainingProgress.NONE; }
                public void info(String line) {}
                public void notice(String line) { notices.add(line); }
            }).run(false);
            assertTrue(notices.stream().anyMatch(n -> n.startsWith("drcorl: warning: dataset " + file)
                    && n.contains("do not follow OfflineCarCircle-v0's conventions") && n.contains("a convention no data meet")), notices.toString());
            assertTrue(notices.stream().anyMatch(n -> n.contains("normalized with DSRL's constants for OfflineCarCircle-v0")), notices.toString());
            var norm = ExperimentConfig.JSON.readTree(out.resolve("config.json").toFile()).path("resolved").path("normalization");
            assertEquals("DSRL's constants for OfflineCarCircle-v0", norm.path("source").asText());
            assertEquals(dsrl.rewardMax(), norm.path("reward-max").asDouble(), 0.0);
            assertTrue(Files.readString(out.resolve("report.html")).contains("DSRL's constants for OfflineCarCircle-v0"), "the report names them");
        }
        assertEquals("the dataset's own (its reward_min, reward_max, cost_max attributes)",
                ExperimentConfig.JSON.readTree(runWithOwnConstants().toFile()).path("resolved").path("normalization").path("source").asText());
    }

    /** A collected file carries its own constants; config.json of a run on it says so. */
    private Path runWithOwnConstants() throws Exception {
        Path out = tmp.resolve("own");
        try (PluginRuntime runtime = PluginRuntime.load(List.of(plugins))) {
            ExperimentSetup setup = ExperimentSetup.resolve(config().withAlgos("bc-safe").withSeeds(0L).withThresholds(5.0), runtime);
            new ExperimentRunner(setup, new RunLayout(out), ExperimentListener.silent()).run(false);
        }
        return out.resolve("config.json");
    }

    @Test
    void aStageLogIsWrittenBeforeItsCheckpoint() throws Exception {
        // a run killed between the two would reuse the checkpoint and never write the log again
        Path dir = tmp.resolve("logs");
        RunLayout layout = new RunLayout(dir);
        List<String> checked = new ArrayList<>();
        ExperimentListener listener = new ExperimentListener() {
            String stage;
            @Override
            public TrainingProgress progress() {
                return new TrainingProgress() {
                    public void start(String s, long totalSteps) { stage = s; }
                    public void advance(long steps) {}
                    public void finish() { // the pipeline saves a stage's checkpoint right after this
                        if ("critics".equals(stage)) {
                            assertTrue(Files.isRegularFile(layout.stageLog(0, "critics")), "critics log before the checkpoint");
                            checked.add(stage);
                        }
                    }
                };
            }
            @Override
            public void info(String line) {}
        };
        try (PluginRuntime runtime = PluginRuntime.load(List.of(plugins))) {
            ExperimentSetup setup = ExperimentSetup.resolve(config().withAlgos("bc+switch").withSeeds(0L).withThresholds(5.0), runtime);
            new ExperimentRunner(setup, layout, listener).run(false);
        }
        assertEquals(List.of("critics"), checked);
    }

    @Test
    void aReportNeverDescribesOlderResultsThanTheFilesBesideIt() throws Exception {
        Path dir = tmp.resolve("partial");
        RunLayout layout = new RunLayout(dir);
        try (PluginRuntime runtime = PluginRuntime.load(List.of(plugins))) {
            ExperimentSetup setup = ExperimentSetup.resolve(config().withAlgos("bc-safe").withSeeds(0L).withThresholds(5.0), runtime);
            new ExperimentRunner(setup, layout, ExperimentListener.silent()).run(false);
            assertTrue(Files.isRegularFile(layout.report()));
            // an evaluation that dies after rewriting the results (here: its charts cannot be written)
            try (var charts = Files.list(layout.charts())) {
                for (Path p : charts.toList()) Files.delete(p);
            }
            Files.delete(layout.charts());
            Files.writeString(layout.charts(), "in the way");
            assertThrows(RuntimeException.class,
                    () -> new ExperimentRunner(setup, layout, ExperimentListener.silent()).evaluate(3, true));
            assertTrue(!Files.exists(layout.report()), "no report.html left describing the old evaluation");
        }
    }
}
