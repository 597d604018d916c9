package org.drcorl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresetTest {

    @Test
    void namedPresetsAndOverrides() {
        Preset quick = Preset.named("quick");
        Preset changed = quick.with(Map.of("beta-start", "0.05", "extract-steps", "10"));
        assertEquals(0.05, changed.betaStart());
        assertEquals(10, changed.extractSteps());
        assertEquals(quick.criticSteps(), changed.criticSteps());
        assertEquals(256, Preset.named("paper").behavior().hidden());
        var unknown = assertThrows(IllegalArgumentException.class, () -> quick.with(Map.of("bta", "1")));
        assertTrue(unknown.getMessage().contains("unknown setting 'bta'") && unknown.getMessage().contains("beta-start"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> quick.with(Map.of("extract-steps", "many")));
        assertThrows(IllegalArgumentException.class, () -> Preset.named("huge"));
    }

    @Test
    void quickCarriesItsDiffusionOptionsThroughOverridesAndNestedSettingsAreSettable() {
        Preset quick = Preset.named("quick");
        assertEquals(Map.of("t-max", "0.3", "variance-reduced", "true"), quick.pluginOptions("diffusion"));
        assertEquals(Map.of(), quick.pluginOptions("bc"));
        Preset changed = quick.with(Map.of("evaluation.upper-k", "2", "cost-fine-tuning", "true", "cost-critic.polyak", "0.02",
                "reward-critic.aggregation", "mean"));
        assertEquals(2.0, changed.evaluation().upperK());
        assertEquals(quick.evaluation().costMembers(), changed.evaluation().costMembers(), "the other evaluation settings stay");
        assertEquals(0.02, changed.costCritic().polyak());
        assertEquals(org.drcorl.train.critic.QAggregation.MEAN, changed.rewardCritic().aggregation());
        assertTrue(changed.costFineTuning());
        assertEquals(quick.pluginOptions("diffusion"), changed.pluginOptions("diffusion"));
        var bad = assertThrows(IllegalArgumentException.class, () -> quick.with(Map.of("snapshot-interval", "0")));
        assertEquals("--set: snapshot-interval must be >= 1, got 0", bad.getMessage());
        var nested = assertThrows(IllegalArgumentException.class, () -> quick.with(Map.of("evaluation.members", "3")));
        assertTrue(nested.getMessage().contains("unknown setting 'evaluation.members'")
                && nested.getMessage().contains("evaluation.cost-members"), nested.getMessage());
        Preset judged = quick.with(Map.of("model.upper-k", "0.25"));
        assertEquals(0.25, judged.model().upperK());
        assertEquals(quick.model().trainingKey(), judged.model().trainingKey(), "the judgement's k does not retrain the model");
        assertNotEquals(quick.model().trainingKey(), quick.with(Map.of("model.steps", "10")).model().trainingKey());
        assertThrows(IllegalArgumentException.class, () -> quick.with(Map.of("model.upper-k", "-1")));
        var invalid = assertThrows(IllegalArgumentException.class, () -> quick.with(Map.of("evaluation.cost-members", "1")));
        assertTrue(invalid.getMessage().startsWith("--set: evaluation cost members must be >= 2"), invalid.getMessage());
    }

    @Test
    void aBuilderStartsFromThePaperSettingsAndNamesOnlyWhatChanges() {
        Preset paper = Preset.named("paper");
        assertEquals(paper, Preset.builder("paper").build(), "every default is the reference's value");
        Preset mine = Preset.named("quick").toBuilder("mine").extractSteps(500).build();
        assertEquals("mine", mine.name());
        assertEquals(500, mine.extractSteps());
        assertEquals(Preset.named("quick").with(Map.of("extract-steps", "500")).behavior(), mine.behavior());
        assertEquals(Preset.named("quick").pluginOptions("diffusion"), mine.pluginOptions("diffusion"));
        assertEquals(Preset.named("quick"), Preset.named("quick").toBuilder("quick").build(), "toBuilder keeps every value");
        assertThrows(IllegalArgumentException.class, () -> Preset.builder(" "));
    }

    @Test
    void theTextOfAPresetIsTheSameInEveryJvm() {
        // a saved policy's description holds Preset.toString(); the plugin options must not follow
        // the per-JVM iteration order of Map.of
        String text = Preset.named("quick").toString();
        assertTrue(text.contains("pluginOptions={diffusion={t-max=0.3, variance-reduced=true}}"), text);
        Preset reversed = Preset.named("quick").toBuilder("quick")
                .pluginOptions(reverseOrdered(Map.of("slack", reverseOrdered(Map.of("b", "2", "a", "1")),
                        "diffusion", reverseOrdered(Map.of("variance-reduced", "true", "t-max", "0.3")))))
                .build();
        assertTrue(reversed.toString().contains("pluginOptions={diffusion={t-max=0.3, variance-reduced=true}, slack={a=1, b=2}}"),
                reversed.toString());
    }

    @Test
    void settingsThatCannotTrainOrScoreAreRefusedByName() {
        Preset quick = Preset.named("quick");
        for (String bad : List.of("eval-episodes=0", "extract-steps=0", "extract-batch=0", "policy-hidden=0", "critic-batch=0",
                "beta-start=0", "snapshot-interval=0", "policy-learning-rate=-1", "pretrain-regression-steps=-1",
                // resources a typo could make enormous: refused before any stage allocates them
                "behavior-batch=100000000", "extract-batch=65537", "eval-episodes=10001", "policy-hidden=100000")) {
            String key = bad.substring(0, bad.indexOf('='));
            var e = assertThrows(IllegalArgumentException.class, () -> quick.with(Map.of(key, bad.substring(bad.indexOf('=') + 1))), bad);
            assertTrue(e.getMessage().startsWith("--set: " + key + " must be"), e.getMessage());
        }
        assertEquals(0, quick.with(Map.of("pretrain-steps", "0")).pretrainSteps(), "no phase 1 is allowed");
        assertEquals(0, quick.with(Map.of("pretrain-regression-steps", "0")).pretrainRegressionSteps(), "nor a warm start");
    }

    @Test
    void theTrainingTextLeavesOutTheEvaluationEpisodes() {
        Preset quick = Preset.named("quick");
        assertEquals(quick.trainingText(), quick.with(Map.of("eval-episodes", "50")).trainingText());
        assertTrue(quick.trainingText().contains(", evalEpisodes=0,"), quick.trainingText());
        assertTrue(!quick.trainingText().equals(quick.with(Map.of("extract-steps", "10")).trainingText()));
    }

    /** A map iterating in descending key order: what a canonical text must not depend on. */
    private static <V> Map<String, V> reverseOrdered(Map<String, V> m) {
        Map<String, V> out = new java.util.LinkedHashMap<>();
        m.keySet().stream().sorted(java.util.Comparator.reverseOrder()).forEach(k -> out.put(k, m.get(k)));
        return out;
    }

    /** Prints the quick preset's training text: run in separate JVMs by the test below. */
    public static void main(String[] args) {
        System.out.print(Preset.named("quick").trainingText());
    }

    @Test
    void theTrainingTextIsTheSameInSeparateJvms() throws Exception {
        // Map.of's iteration order is salted per JVM: a resume key built on it changed between runs
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String here = Preset.named("quick").trainingText();
        for (int i = 0; i < 4; i++) {
            Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), PresetTest.class.getName())
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the JVM ended");
            assertEquals(here, text, "JVM " + i);
        }
    }
}
