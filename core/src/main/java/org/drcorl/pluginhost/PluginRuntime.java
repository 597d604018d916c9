package org.drcorl.pluginhost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.drcorl.spi.ConstraintHandler;
import org.drcorl.spi.NamedExtension;
import org.drcorl.spi.PluginOptions;
import org.drcorl.spi.Regularizer;
import org.drcorl.spi.TaskProvider;
import org.drcorl.spi.TaskSpec;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginAlreadyLoadedException;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads drcorl plugins and hands out their extensions.
 *
 * <p>Every jar, zip or plugin folder in the given directories is loaded on its own: a jar that
 * is not a plugin, a second plugin with an id already loaded, a plugin that fails to start, or
 * one whose extension throws when it is first made or contributes a name that is already
 * taken, is refused with a one-line {@link PluginProblem} naming its file, and every other
 * plugin still loads. Extensions can also be registered in code (a notebook's own
 * regularizer), and then behave exactly like those of plugins.
 *
 * <p>Regularizers and constraint handlers are made fresh for every use ({@link
 * #newRegularizer}, {@link #newConstraintHandler}); task providers are shared.
 */
public final class PluginRuntime implements AutoCloseable {

    /** A named extension and where it came from. */
    private record Registered(Supplier<? extends NamedExtension> factory, String origin, String description) {}

    private final PluginManager manager;
    private final List<LoadedPlugin> plugins = new ArrayList<>();
    private final List<PluginProblem> problems = new ArrayList<>();
    private final Map<String, TaskProvider> providersByTask = new LinkedHashMap<>();
    private final Map<String, String> taskOrigins = new LinkedHashMap<>();
    private final List<TaskProvider> providers = new ArrayList<>();
    private final Map<ExtensionKind, Map<String, Registered>> named = new EnumMap<>(ExtensionKind.class);

    private PluginRuntime(PluginManager manager) {
        this.manager = manager;
        named.put(ExtensionKind.REGULARIZER, new TreeMap<>());
        named.put(ExtensionKind.CONSTRAINT_HANDLER, new TreeMap<>());
    }

    /** A runtime with no plugins, for extensions registered in code. */
    public static PluginRuntime empty() {
        return load(List.of());
    }

    /**
     * Loads every plugin found directly in {@code directories} (missing directories are
     * skipped). Never throws for a bad plugin: see {@link #problems()}.
     */
    public static PluginRuntime load(List<Path> directories) {
        PluginRuntime runtime = new PluginRuntime(new DefaultPluginManager(List.of()));
        runtime.loadAll(directories);
        return runtime;
    }

    private void loadAll(List<Path> directories) {
        List<Path> candidates = new ArrayList<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(PluginRuntime::looksLikePlugin).sorted(Comparator.comparing(Path::toString)).forEach(candidates::add);
            } catch (IOException e) {
                problems.add(new PluginProblem(dir, "cannot list plugin folder: " + e.getMessage(), e));
            }
        }
        Map<String, Path> loadedFrom = new LinkedHashMap<>();
        Map<Path, Declared> declared = new LinkedHashMap<>();
        for (Path file : candidates) {
            try {
                declared.put(file, declarationOf(file));
            } catch (RefusedPlugin e) {
                problems.add(new PluginProblem(file, e.getMessage(), e.getCause()));
            }
        }
        for (Path file : dependenciesFirst(declared)) {
            String id = declared.get(file).id();
            if (id != null && loadedFrom.containsKey(id)) {
                problems.add(duplicate(file, id, loadedFrom.get(id)));
                continue;
            }
            try {
                loadedFrom.put(manager.loadPlugin(file), file);
            } catch (PluginAlreadyLoadedException e) {
                problems.add(duplicate(file, e.getPluginId(), loadedFrom.get(e.getPluginId())));
            } catch (RuntimeException | LinkageError e) {
                problems.add(new PluginProblem(file, "cannot load plugin: " + rootMessage(e), e));
            }
        }
        manager.startPlugins();
        for (PluginWrapper wrapper : List.copyOf(manager.getPlugins())) {
            Path file = wrapper.getPluginPath();
            if (wrapper.getPluginState() != PluginState.STARTED) {
                Throwable failure = wrapper.getFailedException();
                boolean reported = problems.stream().anyMatch(p -> file.equals(p.file())); // e.g. a missing dependency
                if (!reported) problems.add(new PluginProblem(file, "plugin '" + wrapper.getPluginId() + "' did not start ("
                        + wrapper.getPluginState() + ")" + (failure == null ? "" : ": " + startFailure(wrapper, failure)), failure));
                unload(wrapper.getPluginId());
                continue;
            }
            try {
                admit(wrapper);
            } catch (RefusedPlugin e) {
                problems.add(new PluginProblem(file, e.getMessage(), e.getCause()));
                unload(wrapper.getPluginId());
            }
        }
    }

    /** Validates every extension of a started plugin, then registers them all (or none). */
    private void admit(PluginWrapper wrapper) throws RefusedPlugin {
        String pluginId = wrapper.getPluginId();
        Path file = wrapper.getPluginPath();
        Map<ExtensionKind, List<String>> contributed = new EnumMap<>(ExtensionKind.class);
        List<TaskProvider> newProviders = new ArrayList<>();
        Map<String, TaskProvider> newTasks = new LinkedHashMap<>();
        Map<ExtensionKind, Map<String, Registered>> newNamed = new EnumMap<>(ExtensionKind.class);

        for (ExtensionKind kind : ExtensionKind.values()) {
            for (Class<?> cls : manager.getExtensionClasses(kind.type(), pluginId)) {
                Object instance = instantiate(cls, "plugin '" + pluginId + "'");
                if (kind == ExtensionKind.TASKS) {
                    TaskProvider provider = (TaskProvider) instance;
                    for (TaskSpec spec : tasksOf(provider, cls)) {
                        String origin = taskOrigins.get(spec.id());
                        if (origin != null || newTasks.containsKey(spec.id())) {
                            throw new RefusedPlugin("task '" + spec.id() + "' is already provided by "
                                    + (origin != null ? origin : "this plugin") + "; plugin '" + pluginId + "' refused", null);
                        }
                        newTasks.put(spec.id(), provider);
                        contributed.computeIfAbsent(kind, k -> new ArrayList<>()).add(spec.id());
                    }
                    newProviders.add(provider);
                } else {
                    NamedExtension ext = (NamedExtension) instance;
                    String name = nameOf(ext, cls);
                    Registered existing = named.get(kind).get(name);
                    if (existing != null || newNamed.getOrDefault(kind, Map.of()).containsKey(name)) {
                        throw new RefusedPlugin(kind.label() + " '" + name + "' is already provided by "
                                + (existing != null ? existing.origin() : "this plugin") + "; plugin '" + pluginId + "' refused", null);
                    }
                    String origin = "plugin '" + pluginId + "' (" + file + ")";
                    Supplier<NamedExtension> factory = () -> (NamedExtension) manager.getExtensionFactory().create(cls);
                    newNamed.computeIfAbsent(kind, k -> new TreeMap<>()).put(name, new Registered(factory, origin, ext.description()));
                    contributed.computeIfAbsent(kind, k -> new ArrayList<>()).add(name);
                }
            }
        }
        String origin = "plugin '" + pluginId + "' (" + file + ")";
        newTasks.keySet().forEach(id -> taskOrigins.put(id, origin));
        providersByTask.putAll(newTasks);
        providers.addAll(newProviders);
        newNamed.forEach((kind, map) -> named.get(kind).putAll(map));
        var descriptor = wrapper.getDescriptor();
        plugins.add(new LoadedPlugin(pluginId, descriptor.getVersion(), descriptor.getProvider(), file, contributed));
    }

    private Object instantiate(Class<?> cls, String owner) throws RefusedPlugin {
        try {
            Object instance = manager.getExtensionFactory().create(cls);
            if (instance == null) throw new RefusedPlugin("extension " + cls.getName() + " of " + owner + " could not be created", null);
            return instance;
        } catch (RuntimeException | LinkageError e) {
            throw new RefusedPlugin("extension " + cls.getName() + " of " + owner + " failed at start-up: " + rootMessage(e), e);
        }
    }

    private static List<TaskSpec> tasksOf(TaskProvider provider, Class<?> cls) throws RefusedPlugin {
        try {
            List<TaskSpec> tasks = provider.tasks();
            if (tasks == null) throw new RefusedPlugin("task provider " + cls.getName() + " returned no task list", null);
            return tasks;
        } catch (RuntimeException | LinkageError e) {
            throw new RefusedPlugin("task provider " + cls.getName() + " failed to list its tasks: " + rootMessage(e), e);
        }
    }

    private static String nameOf(NamedExtension ext, Class<?> cls) throws RefusedPlugin {
        String name;
        try {
            name = ext.name();
            ext.description();
        } catch (RuntimeException | LinkageError e) {
            throw new RefusedPlugin("extension " + cls.getName() + " failed at start-up: " + rootMessage(e), e);
        }
        if (name == null || !name.matches(NamedExtension.NAME_PATTERN)) {
            throw new RefusedPlugin("extension " + cls.getName() + " has an invalid name '" + name
                    + "' (lower case letters, digits and dashes)", null);
        }
        return name;
    }

    private void unload(String pluginId) {
        try {
            manager.unloadPlugin(pluginId);
        } catch (RuntimeException e) {
            // Already refused and reported; a failure to unload changes nothing for the user.
        }
    }

    private static boolean looksLikePlugin(Path p) {
        String name = p.getFileName().toString();
        if (name.startsWith(".")) return false;
        return Files.isDirectory(p) ? !Files.exists(p.getParent().resolve(name + ".zip"))
                : name.endsWith(".jar") || name.endsWith(".zip");
    }

    private static PluginProblem duplicate(Path file, String id, Path first) {
        return new PluginProblem(file, "duplicate plugin id '" + id + "', already loaded from " + first
                + "; remove one of them", null);
    }

    /** What a plugin file's manifest declares: its id (null for a plugin that is not a jar) and the ids it depends on. */
    private record Declared(String id, List<String> dependencies) {}

    /**
     * The Plugin-Id and Plugin-Dependencies of a jar, read before PF4J sees it so that a jar that
     * is not a plugin or repeats an id gets a precise message, and so that dependencies load
     * first; no id for zips and folders (PF4J reads those).
     */
    private static Declared declarationOf(Path file) throws RefusedPlugin {
        if (!file.getFileName().toString().endsWith(".jar")) return new Declared(null, List.of());
        try (JarFile jar = new JarFile(file.toFile())) {
            var manifest = jar.getManifest();
            String id = manifest == null ? null : manifest.getMainAttributes().getValue("Plugin-Id");
            if (id == null || id.isBlank()) {
                throw new RefusedPlugin("not a drcorl plugin: its META-INF/MANIFEST.MF has no Plugin-Id", null);
            }
            if (jar.getEntry("META-INF/extensions.idx") == null) {
                throw new RefusedPlugin("plugin jar has no META-INF/extensions.idx, so none of its extensions can be"
                        + " found (build it with PF4J's annotation processor)", null);
            }
            String deps = manifest.getMainAttributes().getValue("Plugin-Dependencies");
            List<String> dependencies = deps == null ? List.of() : java.util.Arrays.stream(deps.split(","))
                    .map(d -> d.trim().replaceAll("[@?].*$", "")).filter(d -> !d.isEmpty()).toList();
            return new Declared(id.trim(), dependencies);
        } catch (IOException e) {
            throw new RefusedPlugin("not a readable jar: " + e.getMessage(), e);
        }
    }

    /**
     * The files in an order where every plugin comes after the plugins it depends on (otherwise
     * file-name order). PF4J checks a plugin's dependencies when it is loaded, so a plugin whose
     * file name sorts before its dependency's would be refused although both are there.
     */
    private static List<Path> dependenciesFirst(Map<Path, Declared> declared) {
        Map<String, Path> byId = new LinkedHashMap<>();
        declared.forEach((file, d) -> {
            if (d.id() != null) byId.putIfAbsent(d.id(), file);
        });
        List<Path> order = new ArrayList<>();
        java.util.Set<Path> visited = new java.util.HashSet<>();
        for (Path file : declared.keySet()) visit(file, declared, byId, visited, order);
        return order;
    }

    private static void visit(Path file, Map<Path, Declared> declared, Map<String, Path> byId, java.util.Set<Path> visited,
                              List<Path> order) {
        if (!visited.add(file)) return; // placed already, or on the current path (a cycle: PF4J reports it)
        for (String dependency : declared.get(file).dependencies()) {
            Path needed = byId.get(dependency);
            if (needed != null) visit(needed, declared, byId, visited, order);
        }
        order.add(file);
    }

    /**
     * Why a plugin failed to start, in its author's terms: PF4J reports a Plugin-Class it could
     * not load as a NullPointerException on {@code Plugin.start()}.
     */
    private static String startFailure(PluginWrapper wrapper, Throwable failure) {
        if (failure instanceof NullPointerException) {
            String pluginClass = wrapper.getDescriptor().getPluginClass();
            if (pluginClass == null || pluginClass.isBlank() || pluginClass.equals(org.pf4j.Plugin.class.getName())) {
                return "its manifest names no Plugin-Class";
            }
            try {
                Class.forName(pluginClass, false, wrapper.getPluginClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return "its Plugin-Class " + pluginClass + " is not in the jar (" + rootMessage(e) + ")";
            }
            return "its Plugin-Class " + pluginClass + " could not be created (a public constructor taking no arguments,"
                    + " or one taking a PluginWrapper, is needed)";
        }
        return rootMessage(failure);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    /** Thrown inside {@link #admit} to refuse a whole plugin. */
    private static final class RefusedPlugin extends Exception {
        RefusedPlugin(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ---------------------------------------------------------------- registration in code

    /** Registers a task provider made in code (a notebook's task). */
    public synchronized void registerTaskProvider(TaskProvider provider) {
        String origin = "code (" + provider.getClass().getName() + ")";
        for (TaskSpec spec : provider.tasks()) {
            if (providersByTask.containsKey(spec.id())) {
                throw new IllegalArgumentException("task '" + spec.id() + "' is already provided by " + taskOrigins.get(spec.id()));
            }
        }
        for (TaskSpec spec : provider.tasks()) {
            providersByTask.put(spec.id(), provider);
            taskOrigins.put(spec.id(), origin);
        }
        providers.add(provider);
    }

    /** Registers a regularizer made in code; {@code factory} is called for every new use. */
    public synchronized void registerRegularizer(Supplier<? extends Regularizer> factory) {
        registerNamed(ExtensionKind.REGULARIZER, factory);
    }

    /** Registers a constraint handler made in code; {@code factory} is called for every new use. */
    public synchronized void registerConstraintHandler(Supplier<? extends ConstraintHandler> factory) {
        registerNamed(ExtensionKind.CONSTRAINT_HANDLER, factory);
    }

    private void registerNamed(ExtensionKind kind, Supplier<? extends NamedExtension> factory) {
        NamedExtension sample = factory.get();
        String name = sample.name();
        if (name == null || !name.matches(NamedExtension.NAME_PATTERN)) {
            throw new IllegalArgumentException("invalid " + kind.label() + " name '" + name + "' (lower case letters, digits and dashes)");
        }
        Registered existing = named.get(kind).get(name);
        if (existing != null) {
            throw new IllegalArgumentException(kind.label() + " '" + name + "' is already provided by " + existing.origin());
        }
        named.get(kind).put(name, new Registered(factory, "code (" + sample.getClass().getName() + ")", sample.description()));
    }

    // ---------------------------------------------------------------- queries

    /** Plugins that loaded, by id. */
    public List<LoadedPlugin> plugins() {
        return plugins.stream().sorted(Comparator.comparing(LoadedPlugin::id)).toList();
    }

    /** Plugins that were refused, with reasons. */
    public List<PluginProblem> problems() {
        return List.copyOf(problems);
    }

    public List<TaskProvider> taskProviders() {
        return List.copyOf(providers);
    }

    /** Every known task, by id. */
    public Map<String, TaskProvider> tasks() {
        return java.util.Collections.unmodifiableMap(providersByTask);
    }

    /** The provider of a task id, or an error listing the known ids. */
    public TaskProvider requireProvider(String taskId) {
        TaskProvider p = providersByTask.get(taskId);
        if (p == null) {
            throw new IllegalArgumentException("unknown task '" + taskId + "'; known tasks: "
                    + (providersByTask.isEmpty() ? "none (no task plugin loaded)" : String.join(", ", providersByTask.keySet())));
        }
        return p;
    }

    /**
     * The id under which a loaded plugin provides task {@code name}: the name itself, or the name
     * with DSRL's {@code Offline} prefix that some files and users leave out.
     */
    public Optional<String> findTask(String name) {
        for (String candidate : List.of(name, "Offline" + name)) {
            if (providersByTask.containsKey(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** The spec of a task id, or an error listing the known ids. */
    public TaskSpec requireSpec(String taskId) {
        return requireProvider(taskId).tasks().stream().filter(t -> t.id().equals(taskId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the provider of '" + taskId + "' no longer lists it"));
    }

    /** Names of the available extensions of a kind, with their one-line descriptions. */
    public Map<String, String> available(ExtensionKind kind) {
        if (kind == ExtensionKind.TASKS) {
            Map<String, String> out = new LinkedHashMap<>();
            providersByTask.forEach((id, p) -> out.put(id, p.family()));
            return out;
        }
        Map<String, String> out = new LinkedHashMap<>();
        named.get(kind).forEach((name, r) -> out.put(name, r.description()));
        return out;
    }

    /** Where a named extension comes from, for messages. */
    public Optional<String> originOf(ExtensionKind kind, String name) {
        if (kind == ExtensionKind.TASKS) return Optional.ofNullable(taskOrigins.get(name));
        return Optional.ofNullable(named.get(kind).get(name)).map(Registered::origin);
    }

    /** A fresh, configured regularizer. */
    public Regularizer newRegularizer(String name, PluginOptions options) {
        return newNamed(ExtensionKind.REGULARIZER, Regularizer.class, name, options);
    }

    /** A fresh, configured constraint handler. */
    public ConstraintHandler newConstraintHandler(String name, PluginOptions options) {
        return newNamed(ExtensionKind.CONSTRAINT_HANDLER, ConstraintHandler.class, name, options);
    }

    private <T extends NamedExtension> T newNamed(ExtensionKind kind, Class<T> type, String name, PluginOptions options) {
        Registered r = named.get(kind).get(name);
        if (r == null) {
            Collection<String> known = named.get(kind).keySet();
            throw new IllegalArgumentException("unknown " + kind.label() + " '" + name + "'; available: "
                    + (known.isEmpty() ? "none (no plugin provides one)" : String.join(", ", known)));
        }
        T ext;
        try {
            ext = type.cast(r.factory().get());
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException(kind.label() + " '" + name + "' from " + r.origin() + " could not be created: " + rootMessage(e), e);
        }
        ext.configure(options);
        options.requireAllRead();
        return ext;
    }

    /** Stops and unloads every plugin. */
    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }
}
