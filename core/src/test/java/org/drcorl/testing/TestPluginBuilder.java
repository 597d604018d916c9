package org.drcorl.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a throwaway plugin jar in a folder: compiles Java sources against the test class
 * path with PF4J's annotation processor (as the plugin parent POM does) and packs them with
 * a PF4J manifest. Used to test the plugin runtime against real jars.
 */
public final class TestPluginBuilder {
    private final String pluginId;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<Path> compiledClasses = new ArrayList<>();
    private String version = "1.0.0";
    private String dependencies;
    private boolean manifest = true;
    private String pluginClass = "org.drcorl.spi.DrcorlPlugin";

    private TestPluginBuilder(String pluginId) {
        this.pluginId = pluginId;
    }

    public static TestPluginBuilder plugin(String pluginId) {
        return new TestPluginBuilder(pluginId);
    }

    /** Adds a class; {@code fqcn} like {@code test.MyRegularizer}. */
    public TestPluginBuilder source(String fqcn, String code) {
        sources.put(fqcn, code);
        return this;
    }

    public TestPluginBuilder version(String v) {
        this.version = v;
        return this;
    }

    /** Declares {@code Plugin-Dependencies} (PF4J's syntax, e.g. {@code mujoco} or {@code a, b@>=1.0}). */
    public TestPluginBuilder dependsOn(String pluginDependencies) {
        this.dependencies = pluginDependencies;
        return this;
    }

    /**
     * Packs everything under an already compiled folder too (a module's {@code target/classes}
     * with its {@code META-INF/extensions.idx} and resources): that module as a plugin jar.
     */
    public TestPluginBuilder compiledClasses(Path folder) {
        compiledClasses.add(folder);
        return this;
    }

    /** Leaves the PF4J entries out of the manifest: an ordinary jar, not a plugin. */
    /** The manifest's Plugin-Class (default: the SPI's plain DrcorlPlugin). */
    public TestPluginBuilder pluginClass(String className) {
        this.pluginClass = className;
        return this;
    }

    public TestPluginBuilder withoutPluginManifest() {
        this.manifest = false;
        return this;
    }

    /** Compiles and writes {@code dir/fileName}; returns its path. */
    public Path buildInto(Path dir, String fileName) throws IOException {
        Path work = Files.createTempDirectory(dir.getParent() == null ? dir : dir.getParent(), "plugin-build");
        Path src = work.resolve("src");
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor", "-proc:full", "-nowarn"));
        for (var e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        if (!sources.isEmpty()) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int rc = javac.run(null, null, null, args.toArray(String[]::new));
            if (rc != 0) throw new IllegalStateException("test plugin " + pluginId + " did not compile");
        }

        Manifest mf = new Manifest();
        Attributes main = mf.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (manifest) {
            main.putValue("Plugin-Id", pluginId);
            main.putValue("Plugin-Version", version);
            main.putValue("Plugin-Provider", "tests");
            main.putValue("Plugin-Class", pluginClass);
            if (dependencies != null) main.putValue("Plugin-Dependencies", dependencies);
        }
        Files.createDirectories(dir);
        Path jar = dir.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, mf)) {
            for (Path root : compiledClasses) pack(root, jos);
            pack(classes, jos);
        }
        return jar;
    }

    private static void pack(Path root, JarOutputStream jos) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = root.relativize(p).toString().replace('\\', '/');
                if (name.equals("META-INF/MANIFEST.MF")) continue;
                jos.putNextEntry(new JarEntry(name));
                jos.write(Files.readAllBytes(p));
                jos.closeEntry();
            }
        }
    }

    /**
     * Source of a regularizer extension named {@code name}: the squared error to the data actions
     * times the option {@code weight} (default 1), in float32 as the host requires.
     */
    public static String regularizer(String pkg, String cls, String name, String constructorBody) {
        return """
                package %s;
                import ai.djl.ndarray.NDArray;
                import org.drcorl.spi.*;
                import org.pf4j.Extension;
                @Extension
                public class %s implements Regularizer {
                    private double weight = 1.0;
                    public %s() { %s }
                    public String name() { return "%s"; }
                    public String description() { return "test regularizer %s"; }
                    public void configure(PluginOptions o) { weight = o.getDouble("weight", 1.0); }
                    public NDArray loss(RegularizerBatch b) { return b.policyActions().sub(b.dataActions()).square().mean().mul((float) weight); }
                }
                """.formatted(pkg, cls, cls, constructorBody, name, name);
    }

    /** Source of a constraint handler extension named {@code name}. */
    public static String handler(String pkg, String cls, String name) {
        return """
                package %s;
                import org.drcorl.spi.*;
                import org.pf4j.Extension;
                @Extension
                public class %s implements ConstraintHandler {
                    public String name() { return "%s"; }
                    public String description() { return "test handler %s"; }
                    public PolicyUpdate decide(ConstraintStep s) { return s.costEstimate() > 1 ? s.costUpdate() : s.rewardUpdate(); }
                }
                """.formatted(pkg, cls, name, name);
    }

    /** Source of a task provider with one task {@code taskId}. */
    public static String taskProvider(String pkg, String cls, String taskId) {
        return """
                package %s;
                import java.util.List;
                import org.drcorl.spi.*;
                import org.pf4j.Extension;
                @Extension
                public class %s implements TaskProvider {
                    static final TaskSpec SPEC = new TaskSpec("%s", "test", "a test task", 2, 1,
                            new float[] {-1f}, new float[] {1f}, 10, List.of(5.0), new NormalizationConstants(0, 10, 10));
                    public String family() { return "test"; }
                    public List<TaskSpec> tasks() { return List.of(SPEC); }
                    public SafeEnv create(String id) {
                        if (!id.equals(SPEC.id())) throw new IllegalArgumentException("unknown task " + id);
                        return new AbstractSafeEnv(SPEC) {
                            double x;
                            protected float[] resetState(java.util.SplittableRandom r) { x = r.nextDouble(-1, 1); return new float[] {(float) x, 0f}; }
                            protected StepResult simulate(float[] a) { x += 0.1 * a[0]; return new StepResult(new float[] {(float) x, a[0]}, a[0], Math.abs(x) > 1 ? 1 : 0, false, false); }
                        };
                    }
                    /** Pushes right with a strength that grows over the episodes: reward and cost both grow. */
                    public java.util.Optional<BehaviorPolicyFamily> behaviorPolicies(String id) {
                        return java.util.Optional.of((episode, episodes, random) -> {
                            double push = (episode + random.nextDouble()) / episodes;
                            return new EpisodePolicy() {
                                public float[] act(float[] obs) { return new float[] {(float) push}; }
                                public String label() { return String.format(java.util.Locale.ROOT, "push(%%.2f)", push); }
                            };
                        });
                    }
                }
                """.formatted(pkg, cls, taskId);
    }
}
