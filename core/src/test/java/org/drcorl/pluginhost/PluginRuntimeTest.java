package org.drcorl.pluginhost;

import static org.drcorl.testing.TestPluginBuilder.handler;
import static org.drcorl.testing.TestPluginBuilder.plugin;
import static org.drcorl.testing.TestPluginBuilder.regularizer;
import static org.drcorl.testing.TestPluginBuilder.taskProvider;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.drcorl.spi.ConstraintHandler;
import org.drcorl.spi.PluginOptions;
import org.drcorl.spi.Regularizer;
import org.drcorl.spi.SafeEnv;
import org.drcorl.spi.StepResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads real plugin jars built in a temp folder, good and bad ones side by side. */
class PluginRuntimeTest {

    @TempDir
    static Path tmp;
    static Path good;

    @BeforeAll
    static void buildGoodPlugin() throws Exception {
        good = plugin("good").source("good.SquaredError", regularizer("good", "SquaredError", "squared-error", ""))
                .source("good.Switching", handler("good", "Switching", "switching"))
                .source("good.Tasks", taskProvider("good", "Tasks", "TestTask-v0"))
                .buildInto(tmp.resolve("build-good"), "good-1.0.jar");
    }

    private static Path folderWith(String name, Path... jars) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (Path j : jars) Files.copy(j, dir.resolve(j.getFileName()));
        return dir;
    }

    @Test
    void loadsAPluginAndListsItsExtensionsByKind() throws Exception {
        try (PluginRuntime rt = PluginRuntime.load(List.of(folderWith("one", good)))) {
            assertEquals(List.of(), rt.problems());
            LoadedPlugin p = rt.plugins().getFirst();
            assertEquals("good", p.id());
            assertEquals("1.0.0", p.version());
            assertEquals(List.of("TestTask-v0"), p.extensions().get(ExtensionKind.TASKS));
            assertEquals(List.of("squared-error"), p.extensions().get(ExtensionKind.REGULARIZER));
            assertEquals(List.of("switching"), p.extensions().get(ExtensionKind.CONSTRAINT_HANDLER));
            assertEquals(Map.of("switching", "test handler switching"), rt.available(ExtensionKind.CONSTRAINT_HANDLER));

            try (SafeEnv env = rt.requireProvider("TestTask-v0").create("TestTask-v0")) {
                assertEquals(2, env.reset(3).length);
                StepResult r = env.step(new float[] {5f}); // clipped to 1
                assertEquals(2, r.observation().length);
                assertEquals(1f, r.observation()[1]);
            }
        }
    }

    @Test
    void makesAFreshConfiguredInstanceEveryTime() throws Exception {
        try (PluginRuntime rt = PluginRuntime.load(List.of(folderWith("fresh", good)))) {
            Regularizer a = rt.newRegularizer("squared-error", PluginOptions.empty("x"));
            Regularizer b = rt.newRegularizer("squared-error", new PluginOptions("x", Map.of("weight", "2")));
            assertNotSame(a, b);
            var unknown = assertThrows(IllegalArgumentException.class,
                    () -> rt.newRegularizer("squared-error", new PluginOptions("regularizer 'squared-error'", Map.of("wieght", "2"))));
            // the message lists what the plugin takes, so the typo is fixed at a glance
            assertEquals("unknown option wieght for regularizer 'squared-error' (its options: weight)", unknown.getMessage());
            var bad = assertThrows(IllegalArgumentException.class,
                    () -> rt.newRegularizer("squared-error", new PluginOptions("regularizer 'squared-error'", Map.of("weight", "heavy"))));
            assertTrue(bad.getMessage().contains("option 'weight' of regularizer 'squared-error' must be a number"), bad.getMessage());
            var missing = assertThrows(IllegalArgumentException.class, () -> rt.newConstraintHandler("slak", PluginOptions.empty("x")));
            assertEquals("unknown constraint handler 'slak'; available: switching", missing.getMessage());
        }
    }

    @Test
    void refusesADuplicatePluginIdNamingBothFiles() throws Exception {
        Path dir = folderWith("dup", good);
        Files.copy(good, dir.resolve("zz-good-copy.jar"));
        try (PluginRuntime rt = PluginRuntime.load(List.of(dir))) {
            assertEquals(1, rt.plugins().size());
            PluginProblem p = rt.problems().getFirst();
            assertEquals(dir.resolve("zz-good-copy.jar"), p.file());
            assertTrue(p.message().startsWith("duplicate plugin id 'good', already loaded from " + dir.resolve("good-1.0.jar")), p.message());
        }
    }

    @Test
    void refusesAJarThatIsNotAPluginAndLoadsTheRest() throws Exception {
        Path plain = plugin("plain").withoutPluginManifest()
                .source("plain.Util", "package plain; public class Util {}")
                .buildInto(tmp.resolve("build-plain"), "commons-util.jar");
        Path garbage = Files.writeString(Files.createDirectories(tmp.resolve("build-garbage")).resolve("notes.jar"), "hello");
        try (PluginRuntime rt = PluginRuntime.load(List.of(folderWith("mixed", good, plain, garbage)))) {
            assertEquals(List.of("good"), rt.plugins().stream().map(LoadedPlugin::id).toList());
            assertEquals(2, rt.problems().size());
            String lines = String.join("\n", rt.problems().stream().map(PluginProblem::oneLine).toList());
            assertTrue(lines.contains("commons-util.jar: not a drcorl plugin: its META-INF/MANIFEST.MF has no Plugin-Id"), lines);
            assertTrue(lines.contains("notes.jar: not a readable jar"), lines);
        }
    }

    @Test
    void aPluginClassThatIsNotInTheJarIsNamed() throws Exception {
        // PF4J itself reports it as a NullPointerException on Plugin.start()
        Path missing = plugin("missing").pluginClass("missing.Gone")
                .source("missing.Fine", handler("missing", "Fine", "fine"))
                .buildInto(tmp.resolve("build-missing"), "missing.jar");
        try (PluginRuntime rt = PluginRuntime.load(List.of(folderWith("missing", good, missing)))) {
            assertEquals(List.of("good"), rt.plugins().stream().map(LoadedPlugin::id).toList());
            String message = rt.problems().getFirst().message();
            assertTrue(message.contains("its Plugin-Class missing.Gone is not in the jar"), message);
            assertFalse(message.contains("NullPointerException"), message);
        }
    }

    @Test
    void refusesAPluginWhoseExtensionThrowsAtStartUp() throws Exception {
        Path broken = plugin("broken")
                .source("broken.Bad", regularizer("broken", "Bad", "bad", "throw new IllegalStateException(\"no GPU here\");"))
                .source("broken.Fine", handler("broken", "Fine", "fine"))
                .buildInto(tmp.resolve("build-broken"), "broken.jar");
        try (PluginRuntime rt = PluginRuntime.load(List.of(folderWith("broken", good, broken)))) {
            assertEquals(List.of("good"), rt.plugins().stream().map(LoadedPlugin::id).toList());
            PluginProblem p = rt.problems().getFirst();
            assertTrue(p.file().endsWith("broken.jar"));
            assertTrue(p.message().contains("extension broken.Bad of plugin 'broken' failed at start-up")
                    && p.message().contains("no GPU here"), p.message());
            assertEquals(List.of("switching"), List.copyOf(rt.available(ExtensionKind.CONSTRAINT_HANDLER).keySet()),
                    "the refused plugin's other extensions are not registered either");
        }
    }

    @Test
    void loadsDependenciesFirstWhateverTheFileNames() throws Exception {
        // "a-addon.jar" sorts before "good-1.0.jar", the plugin it depends on; PF4J resolves
        // dependencies as each plugin is loaded, so the runtime must order them itself
        Path addon = plugin("addon").dependsOn("good").source("addon.Extra", regularizer("addon", "Extra", "extra", ""))
                .buildInto(tmp.resolve("build-addon"), "a-addon.jar");
        try (PluginRuntime rt = PluginRuntime.load(List.of(folderWith("ordered", good, addon)))) {
            assertEquals(List.of(), rt.problems());
            assertEquals(List.of("addon", "good"), rt.plugins().stream().map(LoadedPlugin::id).toList());
        }
        try (PluginRuntime rt = PluginRuntime.load(List.of(folderWith("orphan", addon)))) {
            assertEquals(1, rt.problems().size(), "one line for the plugin whose dependency is missing: " + rt.problems());
            assertTrue(rt.problems().getFirst().message().contains("Dependencies '[good]' not found"), rt.problems().getFirst().message());
            assertEquals(List.of(), rt.plugins());
        }
    }

    @Test
    void refusesASecondProviderOfTheSameName() throws Exception {
        Path rival = plugin("rival").source("rival.Other", regularizer("rival", "Other", "squared-error", ""))
                .buildInto(tmp.resolve("build-rival"), "rival.jar");
        try (PluginRuntime rt = PluginRuntime.load(List.of(folderWith("rival", good, rival)))) {
            assertEquals(1, rt.plugins().size());
            assertTrue(rt.problems().getFirst().message().startsWith("regularizer 'squared-error' is already provided by plugin 'good'"),
                    rt.problems().getFirst().message());
        }
    }

    @Test
    void extensionsRegisteredInCodeBehaveLikePluginOnes() {
        try (PluginRuntime rt = PluginRuntime.empty()) {
            Supplier<Regularizer> factory = () -> new org.drcorl.contract.ContractSuitesTestAccess().squaredError();
            rt.registerRegularizer(factory);
            assertEquals(List.of("squared-error"), List.copyOf(rt.available(ExtensionKind.REGULARIZER).keySet()));
            assertNotSame(rt.newRegularizer("squared-error", PluginOptions.empty("x")),
                    rt.newRegularizer("squared-error", PluginOptions.empty("x")));
            assertThrows(IllegalArgumentException.class, () -> rt.registerRegularizer(factory), "a name can be taken once");

            // a constraint handler written in a notebook joins the same way, and drives the same checks
            Supplier<ConstraintHandler> handlers = () -> new org.drcorl.contract.ContractSuitesTestAccess().switching();
            rt.registerConstraintHandler(handlers);
            String name = handlers.get().name();
            assertTrue(rt.available(ExtensionKind.CONSTRAINT_HANDLER).containsKey(name));
            assertNotSame(rt.newConstraintHandler(name, PluginOptions.empty("x")), rt.newConstraintHandler(name, PluginOptions.empty("x")));
            assertThrows(IllegalArgumentException.class, () -> rt.registerConstraintHandler(handlers), "a name can be taken once");
        }
    }
}
