package org.drcorl.env.mujoco;

import static org.drcorl.testing.TestPluginBuilder.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "from a plugin of your own": a third-party plugin, compiled against this
 * plugin's classes, that declares {@code Plugin-Dependencies: mujoco} and adds
 * HalfCheetah running backward through {@code new MujocoTaskProvider(...)}.
 *
 * <p>Loaded the way the distribution loads plugins: the core's {@code PluginRuntime} runs in a
 * class loader that holds the test class path without this module's own classes (like
 * {@code lib/}, where the mujoco classes are not), and this plugin and the third-party one lie
 * as jars in one plugins folder. Otherwise the third-party plugin would find the mujoco
 * classes on the class path and work even without its dependency. The host's types differ
 * from this test's, so the runtime is driven by reflection.
 */
class DependentPluginTest {
    private static final String TASK = "CheetahBackward-v0";

    private static final String CHEETAH = """
            package backward;
            import java.util.List;
            import org.drcorl.env.mujoco.MujocoModels;
            import org.drcorl.env.mujoco.MujocoTaskEnv;
            import org.drcorl.spi.NormalizationConstants;
            import org.drcorl.spi.TaskSpec;
            public final class CheetahBackward extends MujocoTaskEnv {
                public static final TaskSpec SPEC = new TaskSpec("CheetahBackward-v0", "mujoco",
                        "HalfCheetah runs backward; cost when faster than 2 m/s", 17, 6,
                        TaskSpec.symmetricBounds(6, -1f), TaskSpec.symmetricBounds(6, 1f),
                        1000, List.of(20.0, 40.0, 80.0), new NormalizationConstants(0, 3000, 250));
                public CheetahBackward() { super(SPEC, MujocoModels.shipped("half_cheetah.xml"), 5, Root.x(0)); }
                @Override protected void writeObservation(float[] obs) { putQvel(obs, putQpos(obs, 0, 1)); }
                @Override protected double reward(float[] action) { return -velocityX(); }
                @Override protected double cost() { return -velocityX() > 2 ? 1 : 0; }
                @Override protected boolean terminated() { return false; }
            }
            """;

    private static final String PROVIDER = """
            package backward;
            import java.util.List;
            import org.drcorl.env.mujoco.MujocoTaskDefinition;
            import org.drcorl.env.mujoco.MujocoTaskProvider;
            import org.drcorl.env.mujoco.ffm.MujocoLibrary;
            import org.drcorl.spi.Availability;
            import org.drcorl.spi.SafeEnv;
            import org.drcorl.spi.TaskProvider;
            import org.drcorl.spi.TaskSpec;
            import org.pf4j.Extension;
            @Extension
            public final class BackwardTasks implements TaskProvider {
                private final TaskProvider mujoco = new MujocoTaskProvider(
                        List.of(new MujocoTaskDefinition(CheetahBackward.SPEC, CheetahBackward::new, null)),
                        MujocoLibrary::availability);
                public String family() { return mujoco.family(); }
                public List<TaskSpec> tasks() { return mujoco.tasks(); }
                public Availability availability() { return mujoco.availability(); }
                public SafeEnv create(String id) { return mujoco.create(id); }
            }
            """;

    @TempDir
    static Path tmp;
    static Path mujocoJar;
    static URLClassLoader host;

    @BeforeAll
    static void buildPluginsAndHost() throws Exception {
        Path classes = Path.of(MujocoTaskEnv.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path testClasses = Path.of(DependentPluginTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String id = Objects.requireNonNull(System.getProperty("drcorl.plugin.id"),
                "drcorl.plugin.id (this module's Plugin-Id) is set by the surefire configuration in environments/mujoco/pom.xml");
        mujocoJar = plugin(id).compiledClasses(classes).buildInto(tmp.resolve("build-mujoco"), "drcorl-env-mujoco-0.1.0-SNAPSHOT.jar");

        List<URL> hostPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (!p.equals(classes) && !p.equals(testClasses)) hostPath.add(p.toUri().toURL());
        }
        host = new URLClassLoader("drcorl-lib", hostPath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        assertThrows(ClassNotFoundException.class, () -> host.loadClass(MujocoTaskEnv.class.getName()),
                "the host class path must not hold the mujoco classes");
    }

    @AfterAll
    static void closeHost() throws Exception {
        if (host != null) host.close();
    }

    /** The third-party plugin, compiled against this module's classes; {@code dependencies} null: no such line. */
    private static Path thirdParty(String name, String dependencies, String fileName) throws Exception {
        var b = plugin("cheetah-backward").source("backward.CheetahBackward", CHEETAH).source("backward.BackwardTasks", PROVIDER);
        if (dependencies != null) b.dependsOn(dependencies);
        return b.buildInto(tmp.resolve("build-" + name), fileName);
    }

    private static Path folderWith(String name, Path... jars) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (Path j : jars) Files.copy(j, dir.resolve(j.getFileName()));
        return dir;
    }

    private static AutoCloseable load(Path dir) throws Exception {
        return (AutoCloseable) host.loadClass("org.drcorl.pluginhost.PluginRuntime").getMethod("load", List.class).invoke(null, List.of(dir));
    }

    /** Calls a public method of a host object by name and argument count. */
    private static Object call(Object target, String name, Object... args) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                m.trySetAccessible();
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof Exception ex) throw ex;
                    throw e;
                }
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name);
    }

    private static List<String> problems(Object runtime) throws Exception {
        List<String> out = new ArrayList<>();
        for (Object p : (List<?>) call(runtime, "problems")) out.add((String) call(p, "oneLine"));
        return out;
    }

    private static List<String> pluginIds(Object runtime) throws Exception {
        List<String> out = new ArrayList<>();
        for (Object p : (List<?>) call(runtime, "plugins")) out.add((String) call(p, "id"));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> tasks(Object runtime) throws Exception {
        return (Map<String, ?>) call(runtime, "tasks");
    }

    @Test
    void aPluginThatDependsOnMujocoAddsATaskThatRuns() throws Exception {
        Path dir = folderWith("ok", mujocoJar, thirdParty("ok", "mujoco", "user-cheetah-backward-1.0.jar"));
        try (AutoCloseable rt = load(dir)) {
            assertEquals(List.of(), problems(rt));
            assertEquals(List.of("cheetah-backward", "mujoco"), pluginIds(rt));
            assertTrue(tasks(rt).containsKey(TASK), tasks(rt).keySet().toString());
            assertTrue(tasks(rt).containsKey(org.drcorl.env.mujoco.task.HalfCheetahVelocity.ID), "the mujoco plugin's own tasks are listed too");
            Object provider = call(rt, "requireProvider", TASK);
            assertEquals(List.of(TASK), ((List<?>) call(provider, "tasks")).stream().map(s -> callUnchecked(s, "id")).toList());

            TaskTests.assumeMujoco();
            assertEquals(true, call(call(provider, "availability"), "available"));
            try (AutoCloseable env = (AutoCloseable) call(provider, "create", TASK)) {
                assertEquals("backward.CheetahBackward", env.getClass().getName());
                assertEquals(MujocoTaskEnv.class.getName(), env.getClass().getSuperclass().getName());
                assertTrue(env.getClass().getSuperclass().getClassLoader() != host
                        && env.getClass().getSuperclass().getClassLoader() != env.getClass().getClassLoader(),
                        "MujocoTaskEnv comes from the mujoco plugin's class loader");
                assertEquals(17, ((float[]) call(env, "reset", 0L)).length);
                call(call(env, "data"), "setQvel", 0, -4.0);
                Object r = call(env, "step", new float[6]);
                assertEquals(17, ((float[]) call(r, "observation")).length);
                assertTrue((double) call(r, "reward") > 2, "running backward is rewarded: " + call(r, "reward"));
                assertEquals(1.0, call(r, "cost"));
                for (int t = 0; t < 10; t++) call(env, "step", new float[] {1, -1, 1, -1, 1, -1});
            }
        }
    }

    /**
     * PF4J resolves a plugin's dependencies when the plugin is loaded, so PluginRuntime loads
     * dependencies first: a jar whose name sorts before its dependency's loads cleanly too.
     */
    @Test
    void aDependentJarSortingBeforeMujocoLoadsCleanly() throws Exception {
        Path dir = folderWith("first", mujocoJar, thirdParty("first", "mujoco", "cheetah-backward-1.0.jar"));
        try (AutoCloseable rt = load(dir)) {
            assertEquals(List.of(), problems(rt));
            assertEquals(List.of("cheetah-backward", "mujoco"), pluginIds(rt));
            assertTrue(tasks(rt).containsKey(TASK));
        }
    }

    @Test
    void withoutThePluginDependenciesLineTheMissingClassIsNamed() throws Exception {
        Path dir = folderWith("undeclared", mujocoJar, thirdParty("undeclared", null, "user-cheetah-backward-1.0.jar"));
        try (AutoCloseable rt = load(dir)) {
            assertEquals(List.of(dir.resolve("user-cheetah-backward-1.0.jar") + ": extension backward.BackwardTasks of plugin"
                    + " 'cheetah-backward' failed at start-up: ClassNotFoundException: org.drcorl.env.mujoco.MujocoTaskProvider"),
                    problems(rt));
            assertEquals(List.of("mujoco"), pluginIds(rt));
            assertFalse(tasks(rt).containsKey(TASK));
            var unknown = assertThrows(IllegalArgumentException.class, () -> call(rt, "requireProvider", TASK));
            assertTrue(unknown.getMessage().startsWith("unknown task 'CheetahBackward-v0'"), unknown.getMessage());
        }
    }

    @Test
    void withoutTheMujocoPluginTheMissingDependencyIsNamed() throws Exception {
        Path dir = folderWith("alone", thirdParty("alone", "mujoco", "user-cheetah-backward-1.0.jar"));
        Path jar = dir.resolve("user-cheetah-backward-1.0.jar");
        try (AutoCloseable rt = load(dir)) {
            assertEquals(List.of(jar + ": cannot load plugin: DependenciesNotFoundException: Dependencies '[mujoco]' not found"),
                    problems(rt), "one line per refused plugin");
            assertEquals(List.of(), pluginIds(rt));
            assertEquals(Map.of(), tasks(rt));
        }
    }

    private static Object callUnchecked(Object target, String name) {
        try {
            return call(target, name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
