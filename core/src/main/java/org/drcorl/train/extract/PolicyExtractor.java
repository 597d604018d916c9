package org.drcorl.train.extract;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drcorl.data.TransitionBatch;
import org.drcorl.nn.Adam;
import org.drcorl.spi.BehaviorModel;
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
 * {@code +β ∇_a Q̄_c / B}. A parameter gradient for any weighting of them is then one
 * backward pass of {@code ⟨π(s), G⟩} through the policy. That is what makes a
 * {@link ConstraintStep} cheap: the handler asks for the updates it needs, each costs one
 * small backward pass, and the chosen combination is applied and committed to Adam once.
 *
 * <p>Phase 1 ({@link #pretrainStep}) follows the regularizer alone; phase 2 ({@link #step})
 * hands the choice to the constraint handler and fine-tunes both critics by TD on π.
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
    private long steps;
    private double smoothedCost = Double.NaN;
    private OnlineCostEstimate online;
    private float[] initialStates;
    private ai.djl.ndarray.types.Shape initialShape;
    private double onlineCost = Double.NaN;
    private long onlineEstimates;
    private CheckpointCandidates candidates = new CheckpointCandidates(5);

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
     * Switches Ĉ from the offline critic estimate to rollouts of the current policy (see
     * {@link OnlineCostEstimate}); null switches back.
     */
    public PolicyExtractor withOnlineCostEstimate(OnlineCostEstimate estimate) {
        this.online = estimate;
        this.onlineCost = Double.NaN;
        return this;
    }

    /**
     * Makes the offline Ĉ the cost critic's value of π at these states (the dataset's episode
     * starts: Q_c^π(s₀, π(s₀)) is π's own discounted episode cost) instead of at the batch's
     * dataset states, whose mean carries the cost of every state the behaviour policies
     * visited, wherever π would go; null switches back.
     */
    public PolicyExtractor withInitialStates(NDArray states) {
        // Kept as plain floats: each step makes its own copy in the step's manager, so nothing the
        // estimate computes outlives the step.
        this.initialStates = states == null ? null : states.toFloatArray();
        this.initialShape = states == null ? null : states.getShape();
        return this;
    }

    /** What one update did, for the training log. */
    public record StepLog(long step, double regularizerLoss, double costEstimate, double beta,
                          double rewardQ, double costQ, Map<String, Double> handler) {
        /**
         * The columns of a per-step metrics log: what every step reports, the budget line
         * ({@code cost_limit} 1, in normalized cost) and the handler's own values as {@code handler.KEY}.
         */
        public Map<String, Double> values() {
            Map<String, Double> v = new java.util.LinkedHashMap<>();
            v.put("regularizer_loss", regularizerLoss);
            v.put("cost_estimate", costEstimate);
            v.put("cost_limit", 1.0);
            v.put("beta", beta);
            v.put("reward_q", rewardQ);
            v.put("cost_q", costQ);
            new java.util.TreeMap<>(handler).forEach((k, x) -> v.put("handler." + k, x));
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
        return new StepLog(pretrainSteps - 1, reg.loss(), Double.NaN, 0, Double.NaN, Double.NaN, Map.of());
    }

    /** One phase-2 update: the constraint handler chooses, then the critics take a TD step. */
    public StepLog step(TransitionBatch batch, NDManager step) {
        NDArray states = batch.states();
        NDArray actions = policy.act(states);
        long b = batch.size();
        double beta = config.beta(steps);
        Gradient reg = regularizerGradient(batch, actions, step, steps);
        CriticGradient qr = criticGradient(rewardCritic, states, actions);
        CriticGradient qc = criticGradient(costCritic, states, actions);
        double costEstimate = estimateCost(qc.meanValue(), step);
        long index = steps;

        Objectives view = new Objectives(index, costEstimate, states, reg.actionGradient(), qr.gradient().mul(-beta / b),
                qc.gradient().mul(beta / b), step);
        PolicyUpdate chosen;
        try {
            chosen = handler.decide(view);
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
        steps++;
        Map<String, Double> diagnostics;
        try {
            diagnostics = new LinkedHashMap<>(handler.diagnostics());
        } catch (RuntimeException e) {
            throw new PluginFailure("constraint handler '" + handler.name() + "' failed to report diagnostics: " + e.getMessage(), e);
        }
        return new StepLog(index, reg.loss(), costEstimate, beta, qr.meanValue(), qc.meanValue(), diagnostics);
    }

    /**
     * Ĉ for this step: the online estimate when one is set (refreshed every {@code interval} steps,
     * each refresh also offering the policy as a snapshot candidate), else the running average of
     * the cost critic's estimate, at the batch's states or at the dataset's episode starts.
     */
    private double estimateCost(double batchCostQ, NDManager step) {
        double costQ = batchCostQ;
        if (initialStates != null) {
            NDArray s0 = step.create(initialStates, initialShape);
            costQ = costCritic.targetMean(s0, policy.act(s0)).mean().getFloat();
        }
        double batchCost = config.normalizedCost(config.episodeCostFromQ(costQ));
        smoothedCost = Double.isNaN(smoothedCost) ? batchCost
                : smoothedCost + config.costSmoothing() * (batchCost - smoothedCost);
        if (online != null && (Double.isNaN(onlineCost) || steps % online.interval() == 0)) {
            OnlineCostEstimate.Measurement m = online.measure(policy, config.costThreshold(), onlineEstimates++);
            onlineCost = m.normalizedCost();
            candidates.offer(steps, () -> policy.parameters().flatten(), m.rewardReturn(), m.normalizedCost());
        }
        return online != null ? onlineCost : smoothedCost;
    }

    /** Phase 2's policy evaluation: TD steps of the critics on π's next actions, where the preset asks for them. */
    private void fineTuneCritics(TransitionBatch batch, NDManager step) {
        if (!config.rewardFineTuning() && !config.costFineTuning()) return;
        NDArray nextActions = policy.act(batch.nextStates());
        if (config.rewardFineTuning()) {
            rewardCritic.tdUpdate(batch.states(), batch.actions(), batch.rewards(), batch.nextStates(), batch.notDone(), nextActions, step);
        }
        if (config.costFineTuning()) {
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
        NDArray g = reg.mul(wReg);
        if (wReward != 0) g = g.add(reward.mul(wReward));
        if (wCost != 0) g = g.add(cost.mul(wCost));
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
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
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
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray q = critic.targetMean(states, leaf);
            mean = q.mean().getFloat();
            gc.backward(q.sum());
        }
        return new CriticGradient(mean, leaf.getGradient());
    }

    /** ∂⟨π(s), G⟩/∂θ: the policy's parameter gradient for an action-space gradient G. */
    private List<NDArray> parameterGradient(NDArray states, NDArray actionGradient, NDManager step) {
        NDArray g = actionGradient.stopGradient();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(policy.act(states).mul(g).sum());
        }
        return optimizer.takeGradients(step);
    }

    /**
     * Which policy the final choice kept: the phase-2 step it was taken at ({@code -1}: the final
     * policy), its reward return and Ĉ as re-measured on the confirmation episodes, whether that Ĉ
     * is within the budget, and how many policies were compared.
     */
    public record Selection(long step, double rewardReturn, double normalizedCost, boolean withinBudget, int compared) {}

    /**
     * The reference's checkpoint choice, made robust to its noisy estimates: the final policy and
     * the snapshots the online estimate found best within the budget (and the safest one) are
     * re-measured on the same confirmation episodes; the highest-reward one within the budget is
     * loaded, or the lowest-cost one if none is. Empty without online estimates (the final policy stays).
     */
    public java.util.Optional<Selection> restoreBestSafe() {
        if (online == null) return java.util.Optional.empty();
        List<CheckpointCandidates.Candidate> all = new java.util.ArrayList<>(candidates.all());
        all.add(new CheckpointCandidates.Candidate(-1, policy.parameters().flatten(), Double.NaN, Double.NaN));
        CheckpointCandidates.Candidate best = null;
        OnlineCostEstimate.Measurement bestM = null;
        for (CheckpointCandidates.Candidate c : all) {
            policy.parameters().load(c.weights());
            OnlineCostEstimate.Measurement m = online.confirm(policy, config.costThreshold());
            boolean better = bestM == null
                    || (m.normalizedCost() <= 1.0 && (bestM.normalizedCost() > 1.0 || m.rewardReturn() > bestM.rewardReturn()))
                    || (m.normalizedCost() > 1.0 && bestM.normalizedCost() > 1.0 && m.normalizedCost() < bestM.normalizedCost());
            if (better) {
                best = c;
                bestM = m;
            }
        }
        policy.parameters().load(best.weights()); // never null: the final policy is always compared
        return java.util.Optional.of(new Selection(best.step(), bestM.rewardReturn(), bestM.normalizedCost(),
                bestM.normalizedCost() <= 1.0, all.size()));
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
    }
}
