package org.drcorl.experiment;

import ai.djl.Device;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drcorl.data.DatasetCollector;
import org.drcorl.data.DatasetException;
import org.drcorl.data.DsrlHdf5Reader;
import org.drcorl.data.DsrlHdf5Writer;
import org.drcorl.data.OfflineDataset;
import org.drcorl.nn.Devices;
import org.drcorl.pluginhost.LoadedPlugin;
import org.drcorl.pluginhost.PluginRuntime;
import org.drcorl.spi.ConstraintHandler;
import org.drcorl.spi.DsrlTaskConstants;
import org.drcorl.spi.DsrlTasks;
import org.drcorl.spi.NormalizationConstants;
import org.drcorl.spi.PluginOptions;
import org.drcorl.spi.Regularizer;
import org.drcorl.spi.TaskProvider;
import org.drcorl.spi.TaskSpec;
import org.drcorl.train.Preset;

/**
 * A configuration checked and resolved against the loaded plugins: the preset with its
 * overrides, the algorithms, the task, the device, and every regularizer and handler created
 * once with its options, so that a misspelt name or option fails before any work is done.
 *
 * @param config the configuration with every field set (dataset path and thresholds resolved)
 */
public record ExperimentSetup(ExperimentConfig config, Preset preset, List<Algorithm> algorithms, PluginRuntime runtime,
                       TaskProvider provider, TaskSpec task, Device device) {
    /** Preset values under the names {@code set} takes ({@code extract-steps}, not {@code extractSteps}). */
    private static final com.fasterxml.jackson.databind.ObjectMapper KEBAB = new com.fasterxml.jackson.databind.ObjectMapper()
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.KEBAB_CASE);

    public static ExperimentSetup resolve(ExperimentConfig given, PluginRuntime runtime) {
        ExperimentConfig c = ExperimentConfig.DEFAULTS.overlay(taskFromDataset(given, runtime));
        Preset preset = Preset.named(c.preset()).with(c.set());
        List<Algorithm> algos = c.algos().stream().map(Algorithm::named).toList();
        requireDistinct("algorithm", algos.stream().map(Algorithm::name).toList());
        requireDistinct("seed", c.seeds());
        if (c.thresholds() != null) {
            requireDistinct("threshold", c.thresholds());
            for (double k : c.thresholds()) {
                if (!Double.isFinite(k) || k < 0) throw new UserError("thresholds: cost budget " + k + " must be finite and >= 0");
            }
        }
        if (c.auditEpisodes() < 0 || c.auditEpisodes() > MAX_AUDIT_EPISODES) {
            throw new UserError("--audit-episodes " + c.auditEpisodes() + ": must be between 0 and " + MAX_AUDIT_EPISODES);
        }
        Device device = Devices.select(c.device());
        TaskProvider provider = runtime.requireProvider(c.task());
        TaskSpec task = runtime.requireSpec(c.task());
        String dataset = c.dataset() != null ? c.dataset() : defaultDataset(c.task()).toString();
        ExperimentSetup setup = new ExperimentSetup(c.withResolved(dataset, task.costThresholds()), preset, algos, runtime,
                provider, task, device);
        requireKnownPlugins("--regularizer-opt", c.regularizerOptions(), algos.stream().map(Algorithm::regularizer).toList());
        requireKnownPlugins("--handler-opt", c.handlerOptions(),
                algos.stream().map(Algorithm::handler).filter(java.util.Objects::nonNull).toList());
        for (Algorithm a : algos) { // fail before any training on a name or option that does not exist
            setup.regularizer(a);
            if (a.handler() != null) setup.handler(a);
        }
        return setup;
    }

    /**
     * A dataset file that names its task ({@code task_id}, else a DSRL download name such as
     * {@code SafetyCarCircle-v0-100-1450.hdf5}) decides the task when none was given: training a
     * file recorded on BallCircle as the default CarCircle would be silently wrong. A named task
     * no plugin provides is an error, not a fallback to the default.
     */
    static ExperimentConfig taskFromDataset(ExperimentConfig given, PluginRuntime runtime) {
        if (given.task() != null || given.dataset() == null) return given;
        Path file = Path.of(given.dataset());
        if (!Files.isRegularFile(file)) return given; // the missing file is reported where it is read
        java.util.Optional<String> named;
        try {
            named = DsrlHdf5Reader.taskId(file);
        } catch (DatasetException e) {
            throw new UserError(e.getMessage(), e);
        }
        if (named.isPresent()) {
            String id = named.get();
            java.util.Optional<String> task = runtime.findTask(id);
            if (task.isPresent()) return given.withTask(task.get());
            throw new UserError("dataset " + file + " is for task '" + id + "' (its task_id attribute), which no loaded plugin"
                    + " provides; `drcorl tasks` lists the tasks here");
        }
        // DSRL's own files carry no task_id; their names do (SafetyCarCircle-v0-100-1450.hdf5)
        String fileName = file.getFileName().toString();
        java.util.Optional<String> dsrl = DsrlTasks.fromFileName(fileName).map(DsrlTaskConstants::id);
        if (dsrl.isEmpty()) return given;
        java.util.Optional<String> task = runtime.findTask(dsrl.get());
        if (task.isPresent()) return given.withTask(task.get());
        throw new UserError("dataset " + file + " has no task_id attribute and its name is DSRL's file name for " + dsrl.get()
                + ", which no loaded plugin simulates (`drcorl tasks --dsrl` says which are); pass --task to train it as"
                + " another task");
    }

    /** Audit episodes per snapshot at most: an audit is a check, not a second evaluation. */
    static final int MAX_AUDIT_EPISODES = 1000;

    /**
     * Simulator episodes the run plays before its evaluation: the audits' (every policy the offline
     * selection compares, the phase-1 policy and the final one included, of every extracted policy),
     * 0 without {@code --audit-episodes}. Training never plays any.
     */
    public long trainingSimulatorEpisodes() {
        long extracted = algorithms.stream().filter(a -> a.cloning() == null).count() * thresholds().size() * seeds().size();
        return extracted * preset.snapshotsCompared() * config.auditEpisodes();
    }

    private static void requireDistinct(String what, List<?> values) {
        if (new HashSet<>(values).size() != values.size()) throw new UserError("the " + what + "s " + values + " repeat a value");
    }

    public String taskId() {
        return config.task();
    }

    public List<Double> thresholds() {
        return config.thresholds();
    }

    public List<Long> seeds() {
        return config.seeds();
    }

    public Path datasetFile() {
        return Path.of(config.dataset());
    }

    /** The default dataset file of a task: {@code runs/data/TASK.hdf5}, collected on first use. */
    public static Path defaultDataset(String taskId) {
        return Path.of("runs", "data", taskId + ".hdf5");
    }

    /**
     * The dataset of the run: read, or collected on first use when it is a task's default file,
     * {@code runs/data/TASK.hdf5} ({@link ExperimentConfig#collectEpisodes()} episodes from seed 0,
     * written atomically).
     */
    public OfflineDataset loadDataset(ExperimentListener listener) {
        Path file = datasetFile();
        if (Files.exists(file)) {
            try {
                return DsrlHdf5Reader.read(file);
            } catch (DatasetException e) {
                throw new UserError(e.getMessage(), e);
            }
        }
        // runs/data/TASK.hdf5 is collected on first use, relative to the working directory or under any
        // folder (a notebook names the repository's); any other missing file is a mistake to report
        if (!file.normalize().endsWith(defaultDataset(taskId()))) throw new UserError("dataset " + file + " does not exist");
        int episodes = config.collectEpisodes();
        DatasetCollector.requireFits(task, episodes);
        listener.notice("drcorl: collecting " + episodes + " episodes of " + taskId() + " into " + file);
        OfflineDataset data = DatasetCollector.collect(provider, taskId(), episodes, 0, n -> {});
        DsrlHdf5Writer.write(data, file); // atomic: a temporary file renamed into place
        return data;
    }

    /** The constants scores are normalized with: the dataset's own, else the task's. */
    public NormalizationConstants normalization(OfflineDataset data) {
        return data.normalization().orElse(task.normalization());
    }

    /**
     * Where {@link #normalization} took its constants from, in words for config.json and the report:
     * a file recorded here carries its own; DSRL's files carry none, so DSRL's constants apply.
     */
    public String normalizationSource(OfflineDataset data) {
        if (data.normalization().isPresent()) return "the dataset's own (its reward_min, reward_max, cost_max attributes)";
        boolean dsrl = DsrlTasks.find(taskId()).map(DsrlTaskConstants::normalization)
                .filter(n -> n.equals(task.normalization())).isPresent();
        return dsrl ? "DSRL's constants for " + taskId() : "the constants of task " + taskId() + " (its plugin's TaskSpec)";
    }

    /** A fresh regularizer of an algorithm, with the preset's options for it overridden by the configured ones. */
    public Regularizer regularizer(Algorithm a) {
        return runtime.newRegularizer(a.regularizer(), new PluginOptions("regularizer '" + a.regularizer() + "'", regularizerOptions(a)));
    }

    /** A fresh constraint handler of an algorithm, with the preset's options for it overridden by the configured ones. */
    public ConstraintHandler handler(Algorithm a) {
        return runtime.newConstraintHandler(a.handler(), new PluginOptions("constraint handler '" + a.handler() + "'", handlerOptions(a)));
    }

    private Map<String, String> regularizerOptions(Algorithm a) {
        return optionsFor(a.regularizer(), preset.pluginOptions(a.regularizer()), config.regularizerOptions());
    }

    private Map<String, String> handlerOptions(Algorithm a) {
        return a.handler() == null ? Map.of() : optionsFor(a.handler(), preset.pluginOptions(a.handler()), config.handlerOptions());
    }

    /**
     * The options plugin {@code name} gets: the preset's defaults for it, overridden by the given
     * options, where {@code key} goes to every plugin of the kind and {@code name.key} to that one
     * alone (so {@code --regularizer-opt diffusion.t-max=0.98} leaves the bc regularizer alone).
     */
    private static Map<String, String> optionsFor(String name, Map<String, String> defaults, Map<String, String> given) {
        Map<String, String> merged = new java.util.TreeMap<>(defaults);
        given.forEach((key, value) -> {
            int dot = key.indexOf('.');
            if (dot < 0) merged.put(key, value);
            else if (key.substring(0, dot).equals(name)) merged.put(key.substring(dot + 1), value);
        });
        return merged;
    }

    /** A {@code name.key} option must name a plugin the run uses. */
    private static void requireKnownPlugins(String option, Map<String, String> given, List<String> used) {
        for (String key : given.keySet()) {
            int dot = key.indexOf('.');
            if (dot >= 0 && !used.contains(key.substring(0, dot))) {
                throw new UserError(option + " " + key + ": no plugin '" + key.substring(0, dot) + "' in this run (it uses "
                        + String.join(", ", new java.util.LinkedHashSet<>(used)) + ")");
            }
        }
    }

    /**
     * What determines a policy of {@code a} for budget κ, besides task, seed and data: saved with
     * it, and compared when a run resumes. The evaluation episode count is left out: changing it
     * needs no retraining.
     */
    public Map<String, String> policyDescription(Algorithm a, double threshold) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("algorithm", a.name());
        d.put("regularizer", a.regularizer());
        d.put("handler", String.valueOf(a.handler()));
        d.put("cloning", String.valueOf(a.cloning()));
        d.put("threshold", Double.toString(threshold));
        if (a.cloning() != null) {
            // Cloning reads only these settings (OfflinePipeline.behaviorCloning): changing the
            // behaviour model, the critics or the extraction must not retrain the baselines.
            d.put("preset", "cloning(policy-hidden=" + preset.policyHidden() + ", policy-learning-rate="
                    + preset.policyLearningRate() + ", batch=" + preset.extractBatch() + ", steps="
                    + preset.cloningSteps() + ")");
        } else {
            d.put("preset", preset.trainingText());
        }
        d.put("regularizer-opt", regularizerOptions(a).toString());
        d.put("handler-opt", handlerOptions(a).toString());
        return d;
    }

    /** The task's termination rule as its plugin declares it ({@link TaskProvider#termination}), if any. */
    public java.util.Optional<org.drcorl.spi.TerminationRule> taskTermination() {
        return provider.termination(taskId());
    }

    /** The {@code resolved} block of config.json: what the configuration expanded to. */
    public ObjectNode resolvedJson(String datasetHash, int transitions, int episodes, NormalizationConstants constants,
                                   String normalizationSource) {
        ObjectNode r = ExperimentConfig.JSON.createObjectNode();
        r.set("preset-values", KEBAB.valueToTree(preset));
        r.put("training-simulator-episodes", trainingSimulatorEpisodes());
        ObjectNode algos = r.putObject("algorithms");
        for (Algorithm a : algorithms) {
            ObjectNode n = algos.putObject(a.name());
            n.put("regularizer", a.regularizer());
            n.put("handler", a.handler());
            n.put("cloning", a.cloning() == null ? null : a.cloning().name().toLowerCase(java.util.Locale.ROOT));
            n.put("description", a.description());
        }
        ObjectNode data = r.putObject("dataset");
        data.put("file", datasetFile().toAbsolutePath().normalize().toString());
        data.put("content-sha256", datasetHash);
        data.put("transitions", transitions);
        data.put("episodes", episodes);
        ObjectNode norm = r.putObject("normalization");
        norm.put("reward-min", constants.rewardMin());
        norm.put("reward-max", constants.rewardMax());
        norm.put("cost-max", constants.costMax());
        norm.put("source", normalizationSource);
        ObjectNode t = r.putObject("task");
        t.put("max-episode-steps", task.maxEpisodeSteps());
        t.put("observation-dim", task.observationDim());
        t.put("action-dim", task.actionDim());
        // how the learned model's judging rollouts end an episode (model.known-termination)
        t.put("termination", taskTermination().map(rule -> preset.model().knownTermination() ? "the task's rule: " + rule.why()
                : "the model's termination head (model.known-termination is false; the task's rule: " + rule.why() + ")")
                .orElse("the model's termination head (the task declares no rule)"));
        ObjectNode plugins = r.putObject("plugins");
        for (LoadedPlugin p : runtime.plugins()) plugins.put(p.id(), p.version());
        r.put("device", device.toString());
        r.put("engine-threads", org.drcorl.nn.Devices.threads());
        String v = ExperimentSetup.class.getPackage().getImplementationVersion();
        r.put("drcorl", v == null ? "development build" : v);
        r.put("java", Runtime.version().toString());
        return r;
    }
}
