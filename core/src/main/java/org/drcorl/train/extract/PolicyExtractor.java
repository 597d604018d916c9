package org.drcorl.train.extract;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drcorl.data.TransitionBatch;
import org.drcorl.nn.Adam;
import org.drcorl.nn.Autograd;
import org.drcorl.spi.BehaviorModel;
import org.drcorl.spi.Constants;
import org.drcorl.spi.ConstraintHandler;
import org.drcorl.spi.ConstraintStep;
import org.drcorl.spi.PolicyUpdate;
import org.drcorl.spi.Regularizer;
import org.drcorl.spi.RegularizerBatch;
import org.drcorl.spi.TrainingRandom;
import org.drcorl.train.PluginFailure;
import org.drcorl.train.critic.IqlCritic;

/**
 * Stage 3: extracts the deterministic policy from the behaviour model and the critics.
 *
 * <p>Every objective the policy follows is linear in its actions once its action-space
 * gradient is known: the regularizer's {@code G_reg = ∂R/∂a} (from the plugin, on a leaf
 * copy of the actions), the reward term's {@code −β ∇_a Q̄_r / B}, the cost term's
 * {@code +β ∇_a C̄ / B} (C̄ the offline estimator's per-state upper bound on the cost, or the
 * stage-2 cost critic's Q̄_c without an estimator). A parameter gradient for any weighting of them is then one
 * backward pass of {@code ⟨π(s), G⟩} through the policy. That is what makes a
 * {@link ConstraintStep} cheap: the handler asks for the updates it needs, each costs one
 * small backward pass, and the chosen combination is applied and committed to Adam once.
 *
 * <p>Phase 1 ({@link #pretrainStep}) follows the regularizer alone, after an optional warm start
 * that regresses the policy on the data's actions ({@link #regressionStep}); phase 2 ({@link #step})
 * hands the choice to the constraint handler, with Ĉ from the {@link OfflineCostEstimator} kept
 * current on π (pre-trained on the phase-1 policy by {@link #evaluationStep}), and
 * {@link #selectOffline} keeps the best snapshot whose estimated upper bound is within the budget.
 */
public final class PolicyExtractor implements AutoCloseable {
    private final ExtractionConfig config;
    private final DeterministicPolicy policy;
    private final Adam optimizer;
    private final Regularizer regularizer;
    private final ConstraintHandler handler;
    private final BehaviorModel behaviorModel;
    private final IqlCritic rewardCritic;
    private final IqlCritic costCritic;
    private final TrainingRandom random;
    private long pretrainSteps;
    private long regressionSteps;
    private long steps;
    private OfflineCostEstimator estimator;
    private int snapshotInterval = Integer.MAX_VALUE;
    private SimulatorAudit audit;
    private long audits;
    private boolean averagedSnapshots;
    private float[] blockMean;
    private int blockSteps;
    private java.util.function.Function<DeterministicPolicy, OfflineCostEstimator.Estimate> rollouts;
    private ModelGuidance guidance;
    private OfflineCostEstimator.Estimate steered;

    /**
     * Phase 2 guided by a learned model of the task (see {@link #withModelGuidance}).
     *
     * @param estimate      a policy's episode cost and reward from its rollouts in the model
     * @param steerInterval phase-2 steps between the model's re-estimates of Ĉ for the handler; 0: the handler sees the critics' Ĉ
     * @param steerK        the handler's Ĉ is the model's mean + steerK·σ over its members
     * @param gradients     the guidance at a batch's (s, π(s)), from simulated steps: the cost term's, and the
     *                      reward term's where it is not null; null: the critics' gradients
     */
    public record ModelGuidance(java.util.function.Function<DeterministicPolicy, OfflineCostEstimator.Estimate> estimate,
                                int steerInterval, double steerK,
                                java.util.function.BiFunction<NDArray, NDArray, org.drcorl.train.critic.DynamicsEnsemble.SimulatedGradients> gradients) {
        public ModelGuidance {
            if (steerInterval < 0) throw new IllegalArgumentException("steer interval must be >= 0, got " + steerInterval);
            if (steerInterval > 0 && estimate == null) throw new IllegalArgumentException("steering needs the model's estimate");
        }
    }

    /**
     * Lets a learned model of the task steer phase 2 (the handler's Ĉ, re-estimated from rollouts
     * every {@code steerInterval} steps) and give its guidance (how the cost, and optionally the
     * reward, of the next steps changes with the action), in place of the fitted Q evaluation's
     * and the reward critic's. The critics are still trained and logged.
     */
    public PolicyExtractor withModelGuidance(ModelGuidance guidance) {
        this.guidance = guidance;
        return this;
    }

    /** A policy the offline selection compares: after phase-2 step {@code step} (−1: the phase-1 policy), with the estimator's state then. */
    private record Snapshot(long step, float[] weights, org.drcorl.train.critic.FqeEnsemble.Weights evaluation,
                            SimulatorAudit.Measurement audit) {}

    private final List<Snapshot> snapshots = new java.util.ArrayList<>();

    public PolicyExtractor(DeterministicPolicy policy, ExtractionConfig config, Regularizer regularizer,
                           ConstraintHandler handler, BehaviorModel behaviorModel, IqlCritic rewardCritic,
                           IqlCritic costCritic, TrainingRandom random) {
        this.policy = policy;
        this.config = config;
        this.regularizer = regularizer;
        this.handler = handler;
        this.behaviorModel = behaviorModel;
        this.rewardCritic = rewardCritic;
        this.costCritic = costCritic;
        this.random = random;
        this.optimizer = new Adam(policy.parameters(), config.learningRate(), 0.0);
    }

    /**
     * Gives phase 2 its offline Ĉ, its cost guidance and its snapshot choice: the estimator's
     * mean + steer-k·σ is the Ĉ the handler sees, the action gradient of its upper bound the cost
     * term, and every {@code snapshotInterval} steps the policy is kept as a snapshot for
     * {@link #selectOffline}. The extractor closes the estimator. Without one, Ĉ is the stage-2 cost critic's value at the batch's states (the
     * behaviour's cost, not π's: for tests of the mechanics only).
     */
    public PolicyExtractor withCostEstimator(OfflineCostEstimator estimator, int snapshotInterval) {
        if (snapshotInterval < 1) throw new IllegalArgumentException("snapshot interval must be >= 1, got " + snapshotInterval);
        this.estimator = estimator;
        this.snapshotInterval = snapshotInterval;
        return this;
    }

    /**
     * Has the offline selection judge each snapshot by {@code rollouts} (its episodes simulated in
     * a learned model of the task, see {@link org.drcorl.train.critic.DynamicsEnsemble}) instead
     * of by the fitted Q evaluation's re-estimate, which is still computed and logged.
     */
    public PolicyExtractor withRolloutEvaluation(java.util.function.Function<DeterministicPolicy, OfflineCostEstimator.Estimate> rollouts) {
        this.rollouts = rollouts;
        return this;
    }

    /**
     * Makes each phase-2 snapshot the mean of the policy's weights over the phase-2 steps since the
     * snapshot before (tail averaging of the iterates), instead of the weights after its last step;
     * the phase-1 snapshot stays as it is. Training follows the same steps either way: only what the
     * selection is offered changes. Why: {@link SelectionConfig}.
     */
    public PolicyExtractor withAveragedSnapshots(boolean averaged) {
        if (steps > 0) throw new IllegalStateException("averaging must be chosen before phase 2's first step");
        this.averagedSnapshots = averaged;
        return this;
    }

    /**
     * Measures every snapshot in the simulator as well, for the log only: what the audit measures
     * never reaches the handler nor the selection.
     */
    public PolicyExtractor withAudit(SimulatorAudit audit) {
        this.audit = audit;
        return this;
    }

    /** What one update did, for the training log. */
    public record StepLog(long step, double regularizerLoss, double costEstimate, double costMean, double rewardEstimate,
                          double beta, double rewardQ, double costQ, Map<String, Double> handler, Map<String, Double> audit) {
        /**
         * The columns of a per-step metrics log: what every step reports ({@code cost_estimate} is
         * the Ĉ the handler saw, the upper bound; {@code cost_estimate_mean} the ensemble's mean;
         * {@code reward_estimate} the offline estimate of the episode reward return), the budget
         * line ({@code cost_limit} 1, in normalized cost), the handler's own values as
         * {@code handler.KEY} and an audit's as {@code audit.KEY} (NaN between snapshots).
         * {@code reward_q} is the reward term's mean value at the batch (the reward critic's Q̄_r, or the model's simulated reward in Q units when it guides); {@code cost_q} the cost
         * guidance's mean value there (the estimator's bound in Q units, or the stage-2 critic's Q̄_c).
         */
        public Map<String, Double> values() {
            Map<String, Double> v = new java.util.LinkedHashMap<>();
            v.put("regularizer_loss", regularizerLoss);
            v.put("cost_estimate", costEstimate);
            v.put("cost_estimate_mean", costMean);
            v.put("cost_limit", 1.0);
            v.put("reward_estimate", rewardEstimate);
            v.put("beta", beta);
            v.put("reward_q", rewardQ);
            v.put("cost_q", costQ);
            new java.util.TreeMap<>(handler).forEach((k, x) -> v.put("handler." + k, x));
            new java.util.TreeMap<>(audit).forEach((k, x) -> v.put("audit." + k, x));
            return v;
        }
    }

    /** One phase-1 update: the regularizer alone. */
    public StepLog pretrainStep(TransitionBatch batch, NDManager step) {
        NDArray actions = policy.act(batch.states());
        Gradient reg = regularizerGradient(batch, actions, step, pretrainSteps);
        List<NDArray> grads = parameterGradient(batch.states(), reg.actionGradient(), step);
        optimizer.step(grads);
        pretrainSteps++;
        return new StepLog(pretrainSteps - 1, reg.loss(), Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN,
                Map.of(), Map.of());
    }

    /**
     * One warm-start update that opens phase 1: the policy regressed on the batch's data actions,
     * loss mean (π(s) − a)² over batch and action dimensions (as TD3+BC's behaviour cloning term).
     * The log's loss is that mean squared error.
     */
    public StepLog regressionStep(TransitionBatch batch, NDManager step) {
        NDArray error = policy.act(batch.states()).sub(batch.actions());
        double loss = error.square().mean().getFloat();
        NDArray actionGradient = Constants.mul(error, 2.0 / error.size());
        optimizer.step(parameterGradient(batch.states(), actionGradient, step));
        regressionSteps++;
        return new StepLog(regressionSteps - 1, loss, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN,
                Map.of(), Map.of());
    }

    /** One update of the offline evaluation on the current policy (before phase 2: its pre-training); the TD loss. */
    public float evaluationStep(TransitionBatch batch) {
        if (estimator == null) throw new IllegalStateException("no cost estimator to train");
        return estimator.update(batch, policy);
    }

    /**
     * Offers the phase-1 policy (the regularizer's alone, before any reward or cost step) to the
     * offline selection, with the estimator's state after its pre-training on it.
     */
    public void snapshotPhaseOne() {
        if (estimator == null) throw new IllegalStateException("no cost estimator to snapshot with");
        SimulatorAudit.Measurement m = audit == null ? null : audit.measure(policy, config.costThreshold(), audits++);
        snapshots.add(new Snapshot(-1, policy.parameters().flatten(), estimator.weights(), m));
    }

    /** One phase-2 update: the constraint handler chooses, then the critics take a TD step. */
    public StepLog step(TransitionBatch batch, NDManager step) {
        NDArray states = batch.states();
        NDArray actions = policy.act(states);
        long b = batch.size();
        double beta = config.beta(steps);
        Gradient reg = regularizerGradient(batch, actions, step, steps);
        var simulated = guidance != null && guidance.gradients() != null ? guidance.gradients().apply(states, actions) : null;
        CriticGradient qr = simulated != null && simulated.reward() != null
                ? new CriticGradient(simulated.reward().meanValue(), simulated.reward().gradient())
                : criticGradient(rewardCritic, states, actions);
        var guided = simulated != null ? simulated.cost() : estimator != null ? estimator.costGradient(states, actions) : null;
        CriticGradient qc = guided != null ? new CriticGradient(guided.meanValue(), guided.gradient())
                : criticGradient(costCritic, states, actions);
        OfflineCostEstimator.Estimate estimate;
        double steerK;
        if (guidance != null && guidance.steerInterval() > 0) {
            // the model's rollouts cost a few hundred batched steps: re-estimated every steerInterval steps, held in between
            if (steered == null || steps % guidance.steerInterval() == 0) steered = guidance.estimate().apply(policy);
            estimate = steered;
            steerK = guidance.steerK();
        } else {
            estimate = estimator == null ? null : estimator.estimate(policy, step);
            steerK = estimator == null ? 0 : estimator.config().steerK();
        }
        double costEstimate = estimate != null ? estimate.normalizedAt(steerK, config.costThreshold())
                : config.normalizedCost(config.episodeCostFromQ(qc.meanValue()));
        long index = steps;

        Objectives view = new Objectives(index, costEstimate, states, reg.actionGradient(), Constants.mul(qr.gradient(), -beta / b),
                Constants.mul(qc.gradient(), beta / b), step);
        PolicyUpdate chosen;
        try {
            // the warm-up's reward steps are the host's; the handler decides from the first step after it
            chosen = index < config.rewardWarmupSteps() ? view.rewardUpdate() : handler.decide(view);
        } catch (RuntimeException e) {
            throw new PluginFailure("constraint handler '" + handler.name() + "' failed at step " + index + ": " + e.getMessage(), e);
        }
        if (!(chosen instanceof ParameterUpdate update)) {
            throw new PluginFailure("constraint handler '" + handler.name() + "' returned "
                    + (chosen == null ? "null" : "an update it did not get from the step") + " at step " + index, null);
        }
        optimizer.apply(update.deltas);
        optimizer.commit(view.gradient(update.regularizerWeight, update.rewardWeight, update.costWeight));
        fineTuneCritics(batch, step);
        if (estimator != null) {
            for (int u = 0; u < estimator.config().updatesPerStep(); u++) estimator.update(batch, policy);
        }
        steps++;
        if (averagedSnapshots && estimator != null) addToBlockMean(policy.parameters().flatten());
        Map<String, Double> audited = steps % snapshotInterval == 0 ? snapshot(index, step) : Map.of();
        if (audit != null && audited.isEmpty()) audited = Map.of("cost", Double.NaN, "reward", Double.NaN);
        Map<String, Double> diagnostics;
        try {
            diagnostics = new LinkedHashMap<>(handler.diagnostics());
        } catch (RuntimeException e) {
            throw new PluginFailure("constraint handler '" + handler.name() + "' failed to report diagnostics: " + e.getMessage(), e);
        }
        return new StepLog(index, reg.loss(), costEstimate,
                estimate == null ? Double.NaN : estimate.normalizedMean(config.costThreshold()),
                estimate == null ? Double.NaN : estimate.reward(), beta, qr.meanValue(), qc.meanValue(), diagnostics, audited);
    }

    /**
     * Offers the policy after phase-2 step {@code index} to the offline selection with its fresh
     * estimate; an audit measures it too. Returns the audit's values (empty without one).
     */
    private Map<String, Double> snapshot(long index, NDManager step) {
        if (estimator == null) return Map.of();
        Snapshot s = phaseTwoSnapshot(index);
        snapshots.add(s);
        SimulatorAudit.Measurement m = s.audit();
        return m == null ? Map.of() : Map.of("cost", m.normalizedCost(), "reward", m.rewardReturn());
    }

    /**
     * The snapshot after phase-2 step {@code index}: the policy's weights, or with averaging the mean
     * of the block of steps since the snapshot before (the block starts again); an audit measures
     * those weights.
     */
    private Snapshot phaseTwoSnapshot(long index) {
        if (!averagedSnapshots || blockSteps == 0) {
            SimulatorAudit.Measurement m = audit == null ? null : audit.measure(policy, config.costThreshold(), audits++);
            return new Snapshot(index, policy.parameters().flatten(), estimator.weights(), m);
        }
        float[] mean = blockMean;
        blockMean = null;
        blockSteps = 0;
        SimulatorAudit.Measurement m = null;
        if (audit != null) {
            float[] current = policy.parameters().flatten();
            policy.parameters().load(mean);
            try {
                m = audit.measure(policy, config.costThreshold(), audits++);
            } finally {
                policy.parameters().load(current); // training goes on from the last step, not from the mean
            }
        }
        return new Snapshot(index, mean, estimator.weights(), m);
    }

    /** One more step's weights into the running mean of the block (a fresh array each block: a snapshot keeps the last). */
    private void addToBlockMean(float[] weights) {
        if (blockSteps == 0) {
            blockMean = weights;
            blockSteps = 1;
            return;
        }
        blockSteps++;
        for (int i = 0; i < weights.length; i++) blockMean[i] += (weights[i] - blockMean[i]) / blockSteps;
    }

    /** Phase 2's policy evaluation: TD steps of the critics on π's next actions, where the preset asks for them. */
    private void fineTuneCritics(TransitionBatch batch, NDManager step) {
        // with an estimator the stage-2 cost critic is read by nothing: tuning it would be wasted work
        boolean cost = config.costFineTuning() && estimator == null;
        if (!config.rewardFineTuning() && !cost) return;
        NDArray nextActions = policy.act(batch.nextStates());
        if (config.rewardFineTuning()) {
            rewardCritic.tdUpdate(batch.states(), batch.actions(), batch.rewards(), batch.nextStates(), batch.notDone(), nextActions, step);
        }
        if (cost) {
            costCritic.tdUpdate(batch.states(), batch.actions(), batch.costs(), batch.nextStates(), batch.notDone(), nextActions, step);
        }
    }

    /**
     * The {@link ConstraintStep} a handler decides on: the three objectives' action-space
     * gradients, turned into a parameter gradient (one backward pass) and an Adam preview per
     * weighting the handler asks for; each weighting is computed once per step.
     */
    private final class Objectives implements ConstraintStep {
        private final long index;
        private final double costEstimate;
        private final NDArray states;
        private final NDArray regularizerTerm;
        private final NDArray rewardTerm;
        private final NDArray costTerm;
        private final NDManager step;
        private final Map<List<Double>, List<NDArray>> gradients = new HashMap<>();

        Objectives(long index, double costEstimate, NDArray states, NDArray regularizerTerm, NDArray rewardTerm,
                   NDArray costTerm, NDManager step) {
            this.index = index;
            this.costEstimate = costEstimate;
            this.states = states;
            this.regularizerTerm = regularizerTerm;
            this.rewardTerm = rewardTerm;
            this.costTerm = costTerm;
            this.step = step;
        }

        @Override
        public long step() {
            return index;
        }

        @Override
        public double costEstimate() {
            return costEstimate;
        }

        @Override
        public PolicyUpdate update(double rewardWeight, double costWeight) {
            ConstraintStep.requireFiniteWeights(rewardWeight, costWeight);
            return new ParameterUpdate(optimizer.preview(gradient(1.0, rewardWeight, costWeight), step), 1.0, rewardWeight,
                    costWeight, step);
        }

        /** The parameter gradient of {@code wReg·R + wReward·reward + wCost·cost}, computed once per weighting. */
        List<NDArray> gradient(double wReg, double wReward, double wCost) {
            return gradients.computeIfAbsent(List.of(wReg, wReward, wCost), k -> parameterGradient(states,
                    combine(regularizerTerm, wReg, rewardTerm, wReward, costTerm, wCost), step));
        }
    }

    private static NDArray combine(NDArray reg, double wReg, NDArray reward, double wReward, NDArray cost, double wCost) {
        NDArray g = Constants.mul(reg, wReg);
        if (wReward != 0) g = g.add(Constants.mul(reward, wReward));
        if (wCost != 0) g = g.add(Constants.mul(cost, wCost));
        return g;
    }

    private record Gradient(double loss, NDArray actionGradient) {}

    private record CriticGradient(double meanValue, NDArray gradient) {}

    /** The regularizer's loss and its gradient in the actions, on a leaf copy of them. */
    private Gradient regularizerGradient(TransitionBatch batch, NDArray actions, NDManager step, long index) {
        NDArray leaf = actions.duplicate();
        leaf.attach(step);
        leaf.setRequiresGradient(true);
        RegularizerBatch view = new RegularizerBatch() {
            public NDArray states() { return batch.states(); }
            public NDArray dataActions() { return batch.actions(); }
            public NDArray policyActions() { return leaf; }
            public BehaviorModel behaviorModel() {
                if (behaviorModel == null) throw new IllegalStateException("this run trained no behaviour model");
                return behaviorModel;
            }
            public TrainingRandom random() { return random; }
            public NDManager manager() { return step; }
            public long step() { return index; }
        };
        double value;
        try (GradientCollector gc = Autograd.record()) {
            NDArray loss = regularizer.loss(view);
            if (loss == null || loss.getShape().size() != 1) {
                throw new IllegalStateException("loss must be a scalar, got " + (loss == null ? "null" : loss.getShape()));
            }
            value = loss.getFloat();
            if (!Double.isFinite(value)) throw new IllegalStateException("loss is " + value);
            gc.backward(loss);
        } catch (RuntimeException e) {
            throw new PluginFailure("regularizer '" + regularizer.name() + "' failed at step " + index + ": " + e.getMessage(), e);
        }
        return new Gradient(value, leaf.getGradient());
    }

    /** ∇_a Q̄(s, a) of a critic's target heads, and the mean Q̄. */
    private static CriticGradient criticGradient(IqlCritic critic, NDArray states, NDArray actions) {
        NDArray leaf = actions.duplicate();
        leaf.setRequiresGradient(true);
        double mean;
        try (GradientCollector gc = Autograd.record()) {
            NDArray q = critic.targetMean(states, leaf);
            mean = q.mean().getFloat();
            gc.backward(q.sum());
        }
        return new CriticGradient(mean, leaf.getGradient());
    }

    /** ∂⟨π(s), G⟩/∂θ: the policy's parameter gradient for an action-space gradient G. */
    private List<NDArray> parameterGradient(NDArray states, NDArray actionGradient, NDManager step) {
        NDArray g = actionGradient.stopGradient();
        try (GradientCollector gc = Autograd.record()) {
            gc.backward(policy.act(states).mul(g).sum());
        }
        return optimizer.takeGradients(step);
    }

    /** The step a {@link Candidate} or {@link Selection} gives the BC-Safe baseline ({@link #withSafeBaseline}). */
    public static final long BASELINE_STEP = -2;

    private DeterministicPolicy baseline;
    private java.util.function.ToDoubleFunction<DeterministicPolicy> deviation;
    private double supportLimit = Double.POSITIVE_INFINITY;

    /**
     * Makes the offline selection a safe improvement over {@code baseline} (BC-Safe; see
     * {@link SelectionConfig}): the baseline is kept unless a snapshot is judged within the budget,
     * above the baseline's estimated reward, and at most {@code supportLimit} times the baseline's
     * {@code deviation} from the data's actions. The baseline must have the policy's shape; the
     * caller keeps and closes it.
     */
    public PolicyExtractor withSafeBaseline(DeterministicPolicy baseline, java.util.function.ToDoubleFunction<DeterministicPolicy> deviation,
                                            double supportLimit) {
        if (baseline.parameters().count() != policy.parameters().count()) {
            throw new IllegalArgumentException("the baseline has " + baseline.parameters().count() + " weights, the policy "
                    + policy.parameters().count());
        }
        if (!(supportLimit >= 1)) throw new IllegalArgumentException("support limit must be >= 1, got " + supportLimit);
        this.baseline = baseline;
        this.deviation = java.util.Objects.requireNonNull(deviation, "the baseline needs a deviation measure");
        this.supportLimit = supportLimit;
        return this;
    }

    /**
     * Which policy the offline selection kept: the phase-2 step it was taken after ({@code -1}: the
     * phase-1 policy, {@link #BASELINE_STEP}: the BC-Safe baseline), its estimated reward return (the
     * lower bound) and Ĉ upper bound, whether that bound is within the budget, and how many policies
     * were compared.
     */
    public record Selection(long step, double rewardReturn, double normalizedCost, boolean withinBudget, int compared,
                            List<Candidate> candidates) {}

    /**
     * One compared policy: after phase-2 step {@code step} (−1: phase 1, {@link #BASELINE_STEP}: the
     * BC-Safe baseline), its re-evaluated reward return (lower bound), Ĉ mean and upper bound, the
     * model's estimates (NaN without a model), its action deviation in multiples of the baseline's
     * (NaN without a baseline), what an audit measured of it (NaN without one), and the model's mean
     * reward and each member's normalized cost and reward (empty without a model), from which a log can
     * replay another selection rule.
     */
    public record Candidate(long step, double rewardReturn, double normalizedCostMean, double normalizedCost,
                            double modelReward, double modelCostMean, double modelCost, double deviation,
                            double auditCost, double auditReward, double modelRewardMean, double[] modelCostMembers,
                            double[] modelRewardMembers) {
        public Candidate {
            modelCostMembers = modelCostMembers.clone();
            modelRewardMembers = modelRewardMembers.clone();
        }

        @Override
        public double[] modelCostMembers() {
            return modelCostMembers.clone();
        }

        @Override
        public double[] modelRewardMembers() {
            return modelRewardMembers.clone();
        }
    }

    /**
     * The offline choice among the snapshots (the phase-1 policy, every {@code snapshotInterval}
     * phase-2 steps, and the final policy): each is evaluated again on its own, its estimator state
     * of that moment trained {@code reevaluationSteps} more updates on batches from
     * {@code batches} while the policy stands still (the estimate taken while π moved lags it, and
     * a policy that moved fast is where it lags most). The judge is the model's rollouts where
     * there is a model, else that re-estimate. Without a baseline the highest estimated reward (lower
     * bound) whose cost upper bound is within the budget is kept, or the lowest cost bound if none is;
     * with one ({@link #withSafeBaseline}) the baseline is kept unless a snapshot is within the budget,
     * above the baseline's estimated reward and within the support limit, and then the highest
     * reward lower bound of those. No simulator episode is involved; empty without a cost estimator
     * (the final policy stays).
     *
     * @param batches a fresh batch in the given step manager
     * @param parent  where each re-evaluation makes its estimator and step managers
     */
    public java.util.Optional<Selection> selectOffline(java.util.function.Function<NDManager, TransitionBatch> batches,
                                                       NDManager parent) {
        return selectOffline(batches, parent, () -> {});
    }

    /** As {@link #selectOffline(java.util.function.Function, NDManager)}, calling {@code judged} after each snapshot's estimate. */
    public java.util.Optional<Selection> selectOffline(java.util.function.Function<NDManager, TransitionBatch> batches,
                                                       NDManager parent, Runnable judged) {
        if (estimator == null) return java.util.Optional.empty();
        if (snapshots.isEmpty() || snapshots.getLast().step() != steps - 1) snapshots.add(phaseTwoSnapshot(steps - 1));
        List<Snapshot> judge = new java.util.ArrayList<>();
        if (baseline != null) {
            // its evaluation starts from the phase-1 policy's state, the nearest policy the ensemble has followed; no audit
            // measures it: it is the bc-safe baseline, whose evaluation measures it
            judge.add(new Snapshot(BASELINE_STEP, baseline.parameters().flatten(), snapshots.getFirst().evaluation(), null));
        }
        judge.addAll(snapshots);
        double kappa = config.costThreshold();
        List<OfflineCostEstimator.Estimate> estimates = new java.util.ArrayList<>();
        List<Candidate> compared = new java.util.ArrayList<>();
        double baselineDeviation = Double.NaN;
        for (Snapshot s : judge) {
            policy.parameters().load(s.weights());
            // the baseline never followed the ensemble: where the critics judge, it gets their pre-training's budget
            int reevaluation = s.step() == BASELINE_STEP && rollouts == null
                    ? Math.max(estimator.config().reevaluationSteps(), estimator.config().pretrainSteps())
                    : estimator.config().reevaluationSteps();
            OfflineCostEstimator.Estimate e;
            try (OfflineCostEstimator again = estimator.copy(parent, 0x5E1EL ^ s.step(), s.evaluation())) {
                for (int i = 0; i < reevaluation; i++) {
                    try (NDManager step = parent.newSubManager()) {
                        again.update(batches.apply(step), policy);
                    }
                }
                try (NDManager step = parent.newSubManager()) {
                    e = again.estimate(policy, step);
                }
            }
            OfflineCostEstimator.Estimate modelled = rollouts == null ? null : rollouts.apply(policy);
            double d = baseline == null ? Double.NaN : deviation.applyAsDouble(policy);
            if (s.step() == BASELINE_STEP) baselineDeviation = d;
            judged.run();
            compared.add(new Candidate(s.step(), e.rewardLower(), e.normalizedMean(kappa), e.normalizedUpper(kappa),
                    modelled == null ? Double.NaN : modelled.rewardLower(),
                    modelled == null ? Double.NaN : modelled.normalizedMean(kappa),
                    modelled == null ? Double.NaN : modelled.normalizedUpper(kappa),
                    d / baselineDeviation,
                    s.audit() == null ? Double.NaN : s.audit().normalizedCost(), s.audit() == null ? Double.NaN : s.audit().rewardReturn(),
                    modelled == null ? Double.NaN : modelled.reward(),
                    modelled == null ? new double[0] : java.util.Arrays.stream(modelled.costMembers())
                            .map(c -> org.drcorl.spi.NormalizationConstants.normalizedCost(c, kappa)).toArray(),
                    modelled == null ? new double[0] : modelled.rewardMembers()));
            estimates.add(modelled != null ? modelled : e);
        }
        int kept = baseline != null ? improvementOnBaseline(estimates, compared) : bestWithinBudget(estimates);
        Snapshot best = judge.get(kept);
        OfflineCostEstimator.Estimate bestEstimate = estimates.get(kept);
        policy.parameters().load(best.weights());
        double bound = bestEstimate.normalizedUpper(kappa);
        return java.util.Optional.of(new Selection(best.step(), bestEstimate.rewardLower(), bound, bound <= 1.0, judge.size(),
                List.copyOf(compared)));
    }

    /** The highest reward lower bound whose cost bound is within the budget, or the lowest cost bound if none is. */
    private int bestWithinBudget(List<OfflineCostEstimator.Estimate> estimates) {
        double kappa = config.costThreshold();
        int best = 0;
        for (int i = 1; i < estimates.size(); i++) {
            OfflineCostEstimator.Estimate e = estimates.get(i), b = estimates.get(best);
            double bound = e.normalizedUpper(kappa), bestBound = b.normalizedUpper(kappa);
            boolean better = (bound <= 1.0 && (bestBound > 1.0 || e.rewardLower() > b.rewardLower()))
                    || (bound > 1.0 && bestBound > 1.0 && bound < bestBound);
            if (better) best = i;
        }
        return best;
    }

    /**
     * The baseline (index 0) unless a snapshot is judged a safe improvement on it: cost bound within the
     * budget, reward lower bound above the baseline's estimated reward, deviation within the support
     * limit; of those, the highest reward lower bound.
     */
    private int improvementOnBaseline(List<OfflineCostEstimator.Estimate> estimates, List<Candidate> compared) {
        double kappa = config.costThreshold();
        double floor = estimates.getFirst().reward();
        int best = 0;
        for (int i = 1; i < estimates.size(); i++) {
            OfflineCostEstimator.Estimate e = estimates.get(i);
            double d = compared.get(i).deviation();
            boolean improves = e.normalizedUpper(kappa) <= 1.0 && e.rewardLower() > floor
                    && (Double.isNaN(d) || d <= supportLimit);
            if (improves && (best == 0 || e.rewardLower() > estimates.get(best).rewardLower())) best = i;
        }
        return best;
    }

    public DeterministicPolicy policy() {
        return policy;
    }

    public long steps() {
        return steps;
    }

    @Override
    public void close() {
        optimizer.close();
        if (estimator != null) estimator.close();
    }
}
