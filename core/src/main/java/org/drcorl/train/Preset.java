package org.drcorl.train;

import java.util.List;
import java.util.Locale;
import org.drcorl.train.behaviormodel.BehaviorModelConfig;
import org.drcorl.train.critic.CriticConfig;
import org.drcorl.train.critic.DynamicsEnsemble;
import org.drcorl.train.critic.EvaluationConfig;
import org.drcorl.train.extract.SelectionConfig;

/**
 * Sizes and step budgets of a whole run, by name: {@code smoke} (seconds, for tests),
 * {@code quick} (minutes on a 2-core CPU; the README's default) and {@code paper} (the
 * reference's sizes and budgets; for a GPU). Build one with {@link #builder} (every setting
 * defaults to {@code paper}'s) or change a few of an existing one with {@link #toBuilder} or
 * {@link #with} (what {@code --set} does).
 *
 * @param behavior        stage-1 network and optimizer
 * @param behaviorSteps   stage-1 updates
 * @param behaviorBatch   stage-1 batch size
 * @param behaviorSafeEpisodes stage 3 regularizes toward a behaviour model of the episodes within the budget κ
 *                        (one per budget, trained when an extraction first needs it) instead of stage 1's model
 *                        of all of them
 * @param rewardCritic    stage-2 reward critic
 * @param costCritic      stage-2 cost critic
 * @param criticSteps     stage-2 updates (both critics each step)
 * @param criticBatch     stage-2 batch size
 * @param policyHidden    policy width
 * @param policyLearningRate policy Adam learning rate
 * @param pretrainSteps   stage-3 phase 1 (regularizer only) updates
 * @param pretrainRegressionSteps updates that open phase 1 by regressing the policy on the dataset's actions
 *                        (mean squared error), before the regularizer's {@code pretrainSteps}: a warm start
 *                        from the data's conditional mean, which the regularizer then sharpens toward the
 *                        behaviour's modes (0: none, the reference's phase 1)
 * @param pretrainRegressionSafe the warm start regresses on the episodes within the budget κ only (those
 *                        BC-Safe clones) instead of on all of them
 * @param extractSteps    stage-3 phase 2 updates
 * @param extractBatch    stage-3 batch size
 * @param betaStart       β at the start of phase 2
 * @param betaGrowthSteps β's √ schedule period (0 = constant)
 * @param evalEpisodes    evaluation episodes per policy and seed
 * @param rewardFineTuning keep training the reward critic by TD on π during phase 2 (DRCORL: yes; off in
 *                        {@code quick}, where TD on the policy's own actions let it exploit the young
 *                        critic: bc+reward-only on CarCircle fell from 0.59 to 0.28 normalized reward)
 * @param costFineTuning  keep training the stage-2 cost critic by TD on π during phase 2 (the reference's
 *                        way to make its Ĉ follow π); unused while the offline estimator gives Ĉ and the
 *                        cost guidance, which the pipeline always attaches
 * @param rewardWarmupSteps first phase-2 steps that take the reward update whatever Ĉ says (the reference: 500)
 * @param evaluation      the offline policy evaluation that gives Ĉ, its upper bound and the cost guidance
 *                        ({@link EvaluationConfig}; settable as {@code evaluation.upper-k} etc.)
 * @param snapshotInterval phase-2 steps between the snapshots the offline selection chooses from
 * @param model           the learned model of the task whose rollouts judge the snapshots in the offline
 *                        selection ({@code model.steps} 0: no model, the fitted Q evaluation's re-estimate judges)
 * @param selection       what the offline selection compares and keeps ({@link SelectionConfig}: the BC-Safe
 *                        baseline and the support limit; settable as {@code selection.safe-baseline} etc.)
 * @param pluginOptions   default options of regularizers and constraint handlers by plugin name
 *                        (what {@code --regularizer-opt}/{@code --handler-opt} give overrides these)
 */
public record Preset(String name, BehaviorModelConfig behavior, int behaviorSteps, int behaviorBatch, boolean behaviorSafeEpisodes,
                     CriticConfig rewardCritic, CriticConfig costCritic, int criticSteps, int criticBatch,
                     int policyHidden, double policyLearningRate, int pretrainSteps, int pretrainRegressionSteps,
                     boolean pretrainRegressionSafe, int extractSteps, int extractBatch, double betaStart, int betaGrowthSteps, int evalEpisodes,
                     boolean rewardFineTuning, boolean costFineTuning, int rewardWarmupSteps, EvaluationConfig evaluation,
                     int snapshotInterval, DynamicsEnsemble.Config model, SelectionConfig selection,
                     java.util.Map<String, java.util.Map<String, String>> pluginOptions) {

    public Preset {
        atLeast("behavior-steps", behaviorSteps, 0);
        batch("behavior-batch", behaviorBatch);
        atLeast("critic-steps", criticSteps, 1);
        batch("critic-batch", criticBatch);
        atLeast("policy-hidden", policyHidden, 1);
        atLeast("pretrain-steps", pretrainSteps, 0);
        atLeast("pretrain-regression-steps", pretrainRegressionSteps, 0);
        atLeast("extract-steps", extractSteps, 1);
        batch("extract-batch", extractBatch);
        atLeast("beta-growth-steps", betaGrowthSteps, 0);
        atLeast("eval-episodes", evalEpisodes, 1);
        if (evalEpisodes > MAX_EVAL_EPISODES) {
            throw new IllegalArgumentException("eval-episodes must be <= " + MAX_EVAL_EPISODES + ", got " + evalEpisodes);
        }
        if (policyHidden > MAX_HIDDEN) throw new IllegalArgumentException("policy-hidden must be <= " + MAX_HIDDEN + ", got " + policyHidden);
        if (!(policyLearningRate > 0) || !Double.isFinite(policyLearningRate)) {
            throw new IllegalArgumentException("policy-learning-rate must be > 0, got " + policyLearningRate);
        }
        if (!(betaStart > 0) || !Double.isFinite(betaStart)) throw new IllegalArgumentException("beta-start must be > 0, got " + betaStart);
        atLeast("snapshot-interval", snapshotInterval, 1);
        atLeast("reward-warmup-steps", rewardWarmupSteps, 0);
        if (evaluation == null) throw new IllegalArgumentException("a preset needs its evaluation settings");
        if (model == null) throw new IllegalArgumentException("a preset needs its model settings");
        if (selection == null) throw new IllegalArgumentException("a preset needs its selection settings");
        // sorted, not Map.copyOf: an immutable map's iteration order changes from one JVM to the next,
        // and toString() is part of a saved policy's description, which a resumed run compares
        var sorted = new java.util.TreeMap<String, java.util.Map<String, String>>();
        pluginOptions.forEach((plugin, options) -> sorted.put(plugin, java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(options))));
        pluginOptions = java.util.Collections.unmodifiableMap(sorted);
    }

    public static final List<String> NAMES = List.of("smoke", "quick", "paper");

    /**
     * The largest batch a preset may ask for: 32× the paper's largest (2048). Far beyond it the
     * batch's activations alone outgrow a machine's memory (an OutOfMemoryError after the
     * earlier stages have run), and the gradient gains nothing.
     */
    public static final int MAX_BATCH = 65_536;

    /** Evaluation episodes per policy and seed at most (DSRL papers use 10-20). */
    public static final int MAX_EVAL_EPISODES = 10_000;

    /** Hidden units of the policy network at most (the paper's 256 is plenty). */
    public static final int MAX_HIDDEN = 8192;

    private static void batch(String setting, int value) {
        atLeast(setting, value, 1);
        if (value > MAX_BATCH) {
            throw new IllegalArgumentException(setting + " must be <= " + MAX_BATCH + " (more does not fit the engine's"
                    + " memory on most machines), got " + value);
        }
    }

    private static void atLeast(String setting, int value, int min) {
        if (value < min) throw new IllegalArgumentException(setting + " must be >= " + min + ", got " + value);
    }

    /**
     * The diffusion regularizer of {@code quick}: noise levels t ≤ 0.3 only, variance-reduced. The
     * quick behaviour model (H 128, 2 blocks, 4000 steps) is accurate at small t but at large t its
     * score pulls every action toward the prior's mean: with the reference's t ∈ (0.02, 0.98) the
     * distilled CarCircle policy scored 0.06 normalized reward at 2.7 cost, with t ≤ 0.3 0.45 at 2.3
     * (the behaviour data's own mix).
     */
    private static final java.util.Map<String, java.util.Map<String, String>> QUICK_PLUGIN_OPTIONS =
            java.util.Map.of("diffusion", java.util.Map.of("t-max", "0.3", "variance-reduced", "true"));

    /**
     * The text of every setting that shapes training, i.e. all but the evaluation episode count
     * (written as 0): what a saved policy records of its preset, so that evaluating on more
     * episodes does not retrain it. The form is {@link #toString()}'s, as policies saved by
     * earlier versions recorded it, so their runs still resume.
     */
    public String trainingText() {
        String text = toString();
        String eval = ", evalEpisodes=" + evalEpisodes + ",";
        if (!text.contains(eval)) throw new IllegalStateException("preset text without its evalEpisodes: " + text);
        return text.replace(eval, ", evalEpisodes=0,");
    }

    /**
     * Policies the offline selection compares per extraction: the phase-1 policy, one every
     * {@code snapshotInterval} phase-2 steps, and the final one unless it is the last of those.
     */
    public int snapshotsCompared() {
        return 1 + extractSteps / snapshotInterval + (extractSteps % snapshotInterval == 0 ? 0 : 1);
    }

    /** Updates of behaviour cloning (the BC-Safe and BC-All baselines, and the selection's baseline): as many as an extraction's two phases. */
    public int cloningSteps() {
        return pretrainSteps + extractSteps;
    }

    /** This preset's default options for the plugin {@code name} (empty if none). */
    public java.util.Map<String, String> pluginOptions(String name) {
        return pluginOptions.getOrDefault(name, java.util.Map.of());
    }

    /** A preset by name: {@code smoke}, {@code quick} or {@code paper}. */
    public static Preset named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "smoke" -> builder("smoke")
                    .behavior(BehaviorModelConfig.paper().withSize(32, 1).withLearningRate(1e-3)).behaviorSteps(60).behaviorBatch(64)
                    .critics(CriticConfig.reward().withHidden(32), CriticConfig.cost().withHidden(32)).criticSteps(60).criticBatch(64)
                    .policyHidden(32).policyLearningRate(1e-3).pretrainSteps(20).extractSteps(40).extractBatch(64)
                    .betaStart(1.0).betaGrowthSteps(0).evalEpisodes(2).rewardWarmupSteps(5)
                    .evaluation(new EvaluationConfig(2, 1, 32, 1e-3, 0.99, 0.05, 20, 1, 1.0, 0.0, 5)).snapshotInterval(10)
                    .model(new DynamicsEnsemble.Config(2, 32, 1, 1e-3, 20, 2.0, 0, 0, 0.5, 0, false, false, true))
                    .build();
            case "quick" -> builder("quick")
                    .behavior(BehaviorModelConfig.paper().withSize(128, 2).withLearningRate(1e-3)).behaviorSteps(4000).behaviorBatch(256)
                    .critics(CriticConfig.reward().withHidden(128), CriticConfig.cost().withHidden(128)).criticSteps(8000)
                    .policyHidden(128).pretrainSteps(1000).extractSteps(2000)
                    .betaStart(0.02)
                    .rewardFineTuning(false).costFineTuning(false)
                    .snapshotInterval(250).rewardWarmupSteps(0).evalEpisodes(50)
                    .evaluation(EvaluationConfig.standard().withPretrainAndReevaluation(2000, 0))
                    .pluginOptions(QUICK_PLUGIN_OPTIONS)
                    .build();
            case "paper" -> builder("paper").build();
            default -> throw new IllegalArgumentException("unknown preset '" + name + "'; available: " + String.join(", ", NAMES));
        };
    }

    /** A preset named {@code name} that starts from the reference's sizes and budgets ({@code paper}). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding this preset's values, to change a few under a new name. */
    public Builder toBuilder(String newName) {
        Builder b = new Builder(newName);
        b.behavior = behavior;
        b.behaviorSteps = behaviorSteps;
        b.behaviorBatch = behaviorBatch;
        b.behaviorSafeEpisodes = behaviorSafeEpisodes;
        b.rewardCritic = rewardCritic;
        b.costCritic = costCritic;
        b.criticSteps = criticSteps;
        b.criticBatch = criticBatch;
        b.policyHidden = policyHidden;
        b.policyLearningRate = policyLearningRate;
        b.pretrainSteps = pretrainSteps;
        b.pretrainRegressionSteps = pretrainRegressionSteps;
        b.pretrainRegressionSafe = pretrainRegressionSafe;
        b.extractSteps = extractSteps;
        b.extractBatch = extractBatch;
        b.betaStart = betaStart;
        b.betaGrowthSteps = betaGrowthSteps;
        b.evalEpisodes = evalEpisodes;
        b.rewardFineTuning = rewardFineTuning;
        b.costFineTuning = costFineTuning;
        b.rewardWarmupSteps = rewardWarmupSteps;
        b.evaluation = evaluation;
        b.snapshotInterval = snapshotInterval;
        b.model = model;
        b.selection = selection;
        b.pluginOptions = pluginOptions;
        return b;
    }

    /**
     * Named settings with defaults: every setting starts at the reference code's value (the
     * {@code paper} preset), so a preset names only what it changes. The record components
     * above say what each setting is.
     */
    public static final class Builder {
        private final String name;
        private BehaviorModelConfig behavior = BehaviorModelConfig.paper();
        private int behaviorSteps = 2_000_000;
        private int behaviorBatch = 2048;
        private boolean behaviorSafeEpisodes = false;
        private CriticConfig rewardCritic = CriticConfig.reward();
        private CriticConfig costCritic = CriticConfig.cost();
        private int criticSteps = 1_000_000;
        private int criticBatch = 256;
        private int policyHidden = 256;
        private double policyLearningRate = 3e-4;
        private int pretrainSteps = 100_000;
        private int pretrainRegressionSteps = 0;
        private boolean pretrainRegressionSafe = false;
        private int extractSteps = 100_000;
        private int extractBatch = 256;
        private double betaStart = 0.01;
        private int betaGrowthSteps = 1000;
        private int evalEpisodes = 20;
        private boolean rewardFineTuning = true;
        private boolean costFineTuning = true;
        private int rewardWarmupSteps = 500;
        private EvaluationConfig evaluation = EvaluationConfig.standard();
        private int snapshotInterval = 1000;
        private DynamicsEnsemble.Config model = DynamicsEnsemble.Config.standard();
        private SelectionConfig selection = SelectionConfig.standard();
        private java.util.Map<String, java.util.Map<String, String>> pluginOptions = java.util.Map.of();

        private Builder(String name) {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("a preset needs a name");
            this.name = name;
        }

        public Builder behavior(BehaviorModelConfig v) { behavior = v; return this; }
        public Builder behaviorSteps(int v) { behaviorSteps = v; return this; }
        public Builder behaviorBatch(int v) { behaviorBatch = v; return this; }
        public Builder behaviorSafeEpisodes(boolean v) { behaviorSafeEpisodes = v; return this; }
        public Builder critics(CriticConfig reward, CriticConfig cost) { rewardCritic = reward; costCritic = cost; return this; }
        public Builder criticSteps(int v) { criticSteps = v; return this; }
        public Builder criticBatch(int v) { criticBatch = v; return this; }
        public Builder policyHidden(int v) { policyHidden = v; return this; }
        public Builder policyLearningRate(double v) { policyLearningRate = v; return this; }
        public Builder pretrainSteps(int v) { pretrainSteps = v; return this; }
        public Builder pretrainRegressionSteps(int v) { pretrainRegressionSteps = v; return this; }
        public Builder pretrainRegressionSafe(boolean v) { pretrainRegressionSafe = v; return this; }
        public Builder extractSteps(int v) { extractSteps = v; return this; }
        public Builder extractBatch(int v) { extractBatch = v; return this; }
        public Builder betaStart(double v) { betaStart = v; return this; }
        public Builder betaGrowthSteps(int v) { betaGrowthSteps = v; return this; }
        public Builder evalEpisodes(int v) { evalEpisodes = v; return this; }
        public Builder rewardFineTuning(boolean v) { rewardFineTuning = v; return this; }
        public Builder costFineTuning(boolean v) { costFineTuning = v; return this; }
        public Builder rewardWarmupSteps(int v) { rewardWarmupSteps = v; return this; }
        public Builder evaluation(EvaluationConfig v) { evaluation = v; return this; }
        public Builder snapshotInterval(int v) { snapshotInterval = v; return this; }
        public Builder model(DynamicsEnsemble.Config v) { model = v; return this; }
        public Builder selection(SelectionConfig v) { selection = v; return this; }
        public Builder pluginOptions(java.util.Map<String, java.util.Map<String, String>> v) { pluginOptions = v; return this; }

        public Preset build() {
            return new Preset(name, behavior, behaviorSteps, behaviorBatch, behaviorSafeEpisodes, rewardCritic, costCritic, criticSteps, criticBatch,
                    policyHidden, policyLearningRate, pretrainSteps, pretrainRegressionSteps, pretrainRegressionSafe, extractSteps, extractBatch, betaStart, betaGrowthSteps,
                    evalEpisodes, rewardFineTuning, costFineTuning, rewardWarmupSteps, evaluation, snapshotInterval, model, selection, pluginOptions);
        }
    }

    /**
     * This preset with numeric or boolean settings changed, from {@code --set key=value}: the key is a
     * component name in kebab case ({@code beta-start}, {@code extract-steps},
     * {@code critic-steps}, {@code policy-learning-rate}, {@code eval-episodes}, ...).
     */
    public Preset with(java.util.Map<String, String> overrides) {
        if (overrides.isEmpty()) return this;
        try {
            return overridden(this, overrides, "");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--set: " + e.getMessage(), e);
        }
    }

    /**
     * A copy of a record with settings changed: {@code key} is a component in kebab case (int,
     * double, boolean, enum), {@code record.key} a component of a nested record
     * ({@code evaluation.upper-k}, {@code cost-critic.polyak}).
     */
    private static <R extends Record> R overridden(R record, java.util.Map<String, String> overrides, String prefix) {
        var components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        java.util.List<String> settable = new java.util.ArrayList<>();
        java.util.Map<String, java.util.Map<String, String>> nested = new java.util.TreeMap<>();
        try {
            for (int i = 0; i < components.length; i++) {
                values[i] = components[i].getAccessor().invoke(record);
                Class<?> type = components[i].getType();
                String key = kebab(components[i].getName());
                if (type == int.class || type == double.class || type == boolean.class || type.isEnum()) settable.add(prefix + key);
                if (type.isRecord()) settable.add(prefix + key + ".*");
            }
            for (var e : overrides.entrySet()) {
                String key = e.getKey();
                int dot = key.indexOf('.');
                int i = indexOf(components, dot < 0 ? key : key.substring(0, dot));
                Class<?> type = i < 0 ? null : components[i].getType();
                boolean ok = type != null && (dot < 0 ? settable.contains(prefix + key) : type.isRecord());
                if (!ok) {
                    throw new IllegalArgumentException("unknown setting '" + prefix + key + "'; known: " + String.join(", ", settable));
                }
                if (dot >= 0) {
                    nested.computeIfAbsent(key.substring(0, dot), k -> new java.util.TreeMap<>()).put(key.substring(dot + 1), e.getValue());
                    continue;
                }
                String v = e.getValue().trim();
                try {
                    if (type == boolean.class) {
                        if (!v.equals("true") && !v.equals("false")) throw new NumberFormatException();
                        values[i] = Boolean.parseBoolean(v);
                    } else if (type.isEnum()) {
                        values[i] = enumValue(type, v);
                    } else {
                        values[i] = type == int.class ? (Object) Integer.parseInt(v) : (Object) Double.parseDouble(v);
                    }
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException(prefix + key + "=" + v + ": not a " + (type == boolean.class ? "boolean" : "number"));
                }
            }
            for (var e : nested.entrySet()) {
                int i = indexOf(components, e.getKey());
                values[i] = overridden((Record) values[i], e.getValue(), prefix + e.getKey() + ".");
            }
            var types = java.util.Arrays.stream(components).map(java.lang.reflect.RecordComponent::getType).toArray(Class<?>[]::new);
            @SuppressWarnings("unchecked")
            R copy = (R) record.getClass().getDeclaredConstructor(types).newInstance(values);
            return copy;
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException invalid) throw invalid;
            throw new IllegalStateException("cannot copy " + record.getClass().getSimpleName(), e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + record.getClass().getSimpleName(), e);
        }
    }

    private static Object enumValue(Class<?> type, String v) {
        for (Object c : type.getEnumConstants()) {
            if (((Enum<?>) c).name().equalsIgnoreCase(v)) return c;
        }
        throw new IllegalArgumentException("'" + v + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }

    private static int indexOf(java.lang.reflect.RecordComponent[] components, String kebabName) {
        for (int i = 0; i < components.length; i++) if (kebab(components[i].getName()).equals(kebabName)) return i;
        return -1;
    }

    /** {@code extractSteps} → {@code extract-steps}. */
    private static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
