package org.drcorl.train.critic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.drcorl.data.OfflineDataset;
import org.drcorl.data.TransitionBatch;
import org.drcorl.nn.Adam;
import org.drcorl.nn.Autograd;
import org.drcorl.nn.Parameters;
import org.drcorl.spi.Constants;
import org.drcorl.spi.TerminationRule;

/**
 * A learned model of the task, for evaluating a policy offline by simulating it: an ensemble of
 * small networks, each predicting from (s, a) the state change s′ − s, the step's cost and
 * reward and whether the episode terminates. A policy's episode cost is then its rollouts in
 * each member, from the dataset's episode starts, for the task's whole horizon: summed, not
 * bootstrapped, so the estimate cannot diverge the way fitted Q evaluation of a policy that left
 * the data does (a value iteration whose errors feed its own targets), and time limits mean what
 * they mean (an episode of T steps, where a discounted value that bootstraps through a time-out
 * counts an endless one).
 *
 * <p>Members differ by initialization and by a Bayesian bootstrap of every batch (an Exp(1)
 * weight per member and sample, as in {@link FqeEnsemble}); where the policy drives the model
 * away from the data the members disagree, and the upper bound over members rises. Rolled-out
 * states are kept inside the box the dataset's states span, and predicted costs and rewards
 * inside the dataset's ranges, so no member can run off to infinity.
 *
 * <p>All members are one network of stacked weights ({@code [M, in, out]} per layer): a training
 * step and a rollout step are one batched matrix product per layer.
 */
public final class DynamicsEnsemble implements AutoCloseable {
    /**
     * @param members      networks in the ensemble (their spread is the rollouts' uncertainty); ≥ 2
     * @param hidden       width of each member's hidden layers
     * @param layers       hidden layers per member; ≥ 1
     * @param learningRate Adam learning rate
     * @param steps        training updates
     * @param upperK       how pessimistic the offline selection's judgement of a snapshot is: its cost
     *                     bound is mean + k·σ over the members' rollouts, its reward bound mean − k·σ
     * @param guidanceHorizon phase 2's cost guidance: the gradient in the action of the discounted cost of
     *                     this many steps simulated in the model (0: the fitted Q evaluation's gradient)
     * @param steerInterval phase-2 steps between the model's estimates of Ĉ that the handler switches on
     *                     (0: the fitted Q evaluation's Ĉ, every step)
     * @param steerK       the handler's Ĉ from the model: mean + k·σ over the members' rollouts
     * @param guidanceK    pessimism of the simulated guidance: the cost descended is the members' mean + k·σ of
     *                     the simulated discounted cost, the reward ascended their mean − k·σ (disagreement
     *                     between members, where the data are thin, is penalized in both)
     * @param rewardGuidance phase 2's reward term from the model as well (the gradient of the simulated
     *                     discounted reward of {@code guidanceHorizon} steps) instead of the reward critic's
     * @param outsideCost  a simulated step whose state leaves the box of states the data cover costs the data's
     *                     highest step cost (ramping up over the first 0.1 σ outside) in the rollouts that judge,
     *                     and in proportion to how far it leaves in the guidance: the box keeps rollouts bounded,
     *                     and without this a policy that drives the model out of it reads as free of cost there
     * @param knownTermination the rollouts that judge a policy end where the task's declared {@link TerminationRule}
     *                     says an episode ends (OfflinePipeline#useTaskTermination), rather than where the model's
     *                     termination head guesses (a classifier of the data's few terminal rows, 107 of Hopper's
     *                     135 384); tasks that declare none keep the head
     *                     (the last eight are uses of the model, not its training: changing them reuses a trained model)
     */
    public record Config(int members, int hidden, int layers, double learningRate, int steps, double upperK,
                         int guidanceHorizon, int steerInterval, double steerK, double guidanceK, boolean rewardGuidance,
                         boolean outsideCost, boolean knownTermination) {
        public Config {
            if (members < 2) throw new IllegalArgumentException("model members must be >= 2 (an ensemble of one has no spread), got " + members);
            if (hidden < 1) throw new IllegalArgumentException("model width must be >= 1, got " + hidden);
            if (layers < 1) throw new IllegalArgumentException("model hidden layers must be >= 1, got " + layers);
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) throw new IllegalArgumentException("model learning rate must be > 0, got " + learningRate);
            if (steps < 0) throw new IllegalArgumentException("model steps must be >= 0, got " + steps);
            if (!(upperK >= 0) || !Double.isFinite(upperK)) throw new IllegalArgumentException("model upper-k must be >= 0, got " + upperK);
            if (guidanceHorizon < 0) throw new IllegalArgumentException("model guidance-horizon must be >= 0, got " + guidanceHorizon);
            if (steerInterval < 0) throw new IllegalArgumentException("model steer-interval must be >= 0, got " + steerInterval);
            if (!(steerK >= 0) || !Double.isFinite(steerK)) throw new IllegalArgumentException("model steer-k must be >= 0, got " + steerK);
            if (!(guidanceK >= 0) || !Double.isFinite(guidanceK)) throw new IllegalArgumentException("model guidance-k must be >= 0, got " + guidanceK);
            if (rewardGuidance && guidanceHorizon == 0) {
                throw new IllegalArgumentException("model reward-guidance needs a model guidance-horizon > 0 (the steps simulated)");
            }
        }

        /** What the trained weights depend on (the checkpoint's key): everything but the judgement's k. */
        public String trainingKey() {
            return "Config[members=" + members + ", hidden=" + hidden + ", layers=" + layers + ", learningRate=" + learningRate
                    + ", steps=" + steps + "]";
        }

        /**
         * 5 members of 2 hidden layers of 200, lr 1e-3, 5000 updates; snapshots judged at k = 1; phase 2
         * guided by the critics. Without a baseline to fall back on, k = 0.5 was the better choice (the study
         * in docs/results/selection-study.md: at k = 2 the selection kept careful snapshots without being
         * safer); with BC-Safe as the fallback (SelectionConfig), a careful snapshot no longer displaces it, and
         * k = 1 turned away policies the members disagreed on that k = 0.5 let replace it (docs/results/offline-matrix.md,
         * "The BC-Safe baseline in the selection").
         */
        public static Config standard() {
            return new Config(5, 200, 2, 1e-3, 5000, 1.0, 0, 0, 0.5, 0, false, false, true);
        }
    }

    /**
     * What the model needs to know of the dataset: state standardization (mean, scale), the scale
     * of state changes, the box of states seen, and the ranges and scales of cost and (batch-scaled) reward.
     */
    public record DataStatistics(float[] stateMean, float[] stateScale, float[] deltaScale, float[] stateLow,
                                 float[] stateHigh, float costMean, float costScale, float costLow, float costHigh,
                                 float rewardMean, float rewardScale, float rewardLow, float rewardHigh, boolean binaryCost) {

        /**
         * The statistics of a dataset, its rewards multiplied by {@code rewardScale} (as the batches
         * carry them), with the state standardization the caller already uses. A constant dimension
         * or signal gets scale 1; {@code binaryCost} when every cost is 0 or 1.
         */
        public static DataStatistics of(OfflineDataset data, double rewardScale, float[] stateMean, float[] stateScale) {
            int n = data.size(), d = data.obsDim();
            java.nio.FloatBuffer obs = data.observationsView(), next = data.nextObservationsView();
            double[] dsum = new double[d], dsq = new double[d];
            float[] low = new float[d], high = new float[d];
            java.util.Arrays.fill(low, Float.POSITIVE_INFINITY);
            java.util.Arrays.fill(high, Float.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    float a = obs.get(i * d + j), b = next.get(i * d + j);
                    double delta = b - a;
                    dsum[j] += delta;
                    dsq[j] += delta * delta;
                    low[j] = Math.min(low[j], Math.min(a, b));
                    high[j] = Math.max(high[j], Math.max(a, b));
                }
            }
            float[] deltaScale = new float[d];
            for (int j = 0; j < d; j++) deltaScale[j] = scale(dsum[j] / n, dsq[j] / n);
            double cs = 0, cq = 0, rs = 0, rq = 0;
            boolean binary = true;
            float cLow = Float.POSITIVE_INFINITY, cHigh = Float.NEGATIVE_INFINITY, rLow = Float.POSITIVE_INFINITY, rHigh = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                float c = data.cost(i), r = (float) (data.reward(i) * rewardScale);
                cs += c;
                cq += c * c;
                binary &= c == 0f || c == 1f;
                rs += r;
                rq += r * r;
                cLow = Math.min(cLow, c);
                cHigh = Math.max(cHigh, c);
                rLow = Math.min(rLow, r);
                rHigh = Math.max(rHigh, r);
            }
            return new DataStatistics(stateMean, stateScale, deltaScale, low, high,
                    (float) (cs / n), scale(cs / n, cq / n), cLow, cHigh, (float) (rs / n), scale(rs / n, rq / n), rLow, rHigh, binary);
        }

        /** The standard deviation from a mean and a mean square, or 1 where it is (numerically) 0. */
        private static float scale(double mean, double meanSquare) {
            double var = Math.max(0, meanSquare - mean * mean);
            return var > 1e-12 ? (float) Math.sqrt(var) : 1f;
        }
    }

    private final Config config;
    private final int stateDim;
    private final int actionDim;
    private final DataStatistics stats;
    private final Parameters params;
    private final List<NDArray[]> layers = new ArrayList<>();
    private final Adam optimizer;
    private final SplittableRandom bootstrap;

    public DynamicsEnsemble(NDManager manager, int stateDim, int actionDim, Config config, DataStatistics stats, long seed) {
        if (stats.stateMean().length != stateDim || stats.stateScale().length != stateDim || stats.deltaScale().length != stateDim
                || stats.stateLow().length != stateDim || stats.stateHigh().length != stateDim) {
            throw new IllegalArgumentException("data statistics must have " + stateDim + " values per state vector");
        }
        this.config = config;
        this.stateDim = stateDim;
        this.actionDim = actionDim;
        this.stats = stats;
        SplittableRandom init = new SplittableRandom(seed);
        this.bootstrap = new SplittableRandom(seed ^ 0xB007L);
        params = new Parameters(manager);
        int[] sizes = new int[config.layers() + 2];
        sizes[0] = actionDim + stateDim;
        for (int l = 1; l <= config.layers(); l++) sizes[l] = config.hidden();
        sizes[sizes.length - 1] = stateDim + 3; // Δs, cost, reward, termination logit
        for (int l = 0; l + 1 < sizes.length; l++) {
            layers.add(StackedMembers.layer(params, "model." + l, config.members(), sizes[l], sizes[l + 1], init));
        }
        optimizer = new Adam(params, config.learningRate(), 0.0);
    }

    /** Every member's output for (s, a): states (B, d) or (M, B, d), actions likewise; (M, B, d + 3). */
    private NDArray forward(NDArray states, NDArray actions) {
        NDManager m = states.getManager();
        NDArray s = states.sub(m.create(stats.stateMean())).div(m.create(stats.stateScale()));
        return StackedMembers.forward(layers, NDArrays.concat(new NDList(actions, s), -1));
    }

    /** Stops gradient tracking of the weights for good: a trained model only simulates (and can be shared by threads). */
    public void freeze() {
        params.setFrozen(true);
    }

    /** One update of every member on a batch (rewards as the batch carries them); the mean loss per member. */
    public float update(TransitionBatch batch, NDManager step) {
        if (params.isFrozen()) throw new IllegalStateException("the dynamics model is frozen: it trains no more");
        int b = Math.toIntExact(batch.size());
        NDArray delta = batch.nextStates().sub(batch.states()).div(step.create(stats.deltaScale()));
        NDArray cost = Constants.div(batch.costs().reshape(b, 1).sub(stats.costMean()), stats.costScale());
        NDArray reward = Constants.div(batch.rewards().reshape(b, 1).sub(stats.rewardMean()), stats.rewardScale());
        NDArray y = NDArrays.concat(new NDList(delta, cost, reward), -1); // (B, d + 2)
        NDArray terminal = batch.notDone().reshape(b).neg().add(1f); // (B)
        NDArray weights = StackedMembers.bootstrapWeights(bootstrap, step, config.members(), b);
        float loss;
        try (GradientCollector gc = Autograd.record()) {
            NDArray out = forward(batch.states(), batch.actions()); // (M, B, d + 3)
            NDArray regression = out.get(":, :, 0:" + (stateDim + 2)).sub(y).square().sum(new int[] {2}); // (M, B)
            NDArray logit = out.get(":, :, " + (stateDim + 2)); // (M, B)
            // binary cross-entropy with logits: softplus(z) − t·z
            NDArray classification = logit.getNDArrayInternal().softPlus().sub(logit.mul(terminal));
            NDArray l = weights.mul(regression.add(classification)).mean(new int[] {1}).sum();
            gc.backward(l);
            loss = l.getFloat() / config.members();
        }
        if (!Float.isFinite(loss)) throw new IllegalStateException("the dynamics model diverged (loss " + loss + "); lower its learning rate");
        optimizer.step();
        return loss;
    }

    /**
     * Each member's mean episode cost and reward (reward in the batches' units) of a policy driven
     * for {@code horizon} steps from every state of {@code starts} (N, d): the policy acts on each
     * member's own rolled-out states; a predicted termination ends the episode in expectation
     * (the rest of its steps weighted by the probability it has not ended yet), or, given the task's
     * termination rule, a predicted state outside its healthy bounds ends it outright (the state as
     * predicted, before it is kept inside the data's box).
     *
     * @param policy      π, mapping (B, d) states to (B, act) actions
     * @param termination the task's rule, or null: the model's termination head decides
     * @return {cost per member, reward per member}
     */
    public double[][] rollout(UnaryOperator<NDArray> policy, NDArray starts, int horizon, NDManager parent, TerminationRule termination) {
        if (termination != null && termination.observationDim() != stateDim) {
            throw new IllegalArgumentException("termination rule of " + termination.observationDim() + " dimensions for states of " + stateDim);
        }
        int n = Math.toIntExact(starts.getShape().get(0));
        int m = config.members();
        try (NDManager roll = parent.newSubManager()) {
            NDArray low = roll.create(stats.stateLow()), high = roll.create(stats.stateHigh());
            NDArray deltaScale = roll.create(stats.deltaScale()), scale = roll.create(stats.stateScale());
            NDArray healthyLow = termination == null ? null : roll.create(termination.low());
            NDArray healthyHigh = termination == null ? null : roll.create(termination.high());
            NDArray s = starts.toType(ai.djl.ndarray.types.DataType.FLOAT32, true).reshape(1, n, stateDim).repeat(0, m);
            s.attach(roll);
            NDArray cost = roll.zeros(new Shape(m, n)), reward = roll.zeros(new Shape(m, n)), alive = roll.ones(new Shape(m, n));
            for (int t = 0; t < horizon; t++) {
                try (NDManager step = roll.newSubManager()) {
                    s.attach(step);
                    cost.attach(step);
                    reward.attach(step);
                    alive.attach(step);
                    NDArray a = policy.apply(s.reshape(m * n, stateDim)).reshape(m, n, actionDim);
                    NDArray out = forward(s, a);
                    NDArray unclamped = unclampedNext(s, out, deltaScale);
                    NDArray c = withOutsideCost(cost(out), unclamped, low, high, scale, true).clip(stats.costLow(), stats.costHigh());
                    if (stats.binaryCost()) c = c.gt(0.5f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                    NDArray r = reward(out).clip(stats.rewardLow(), stats.rewardHigh());
                    NDArray ends = termination == null ? out.get(":, :, " + (stateDim + 2)).getNDArrayInternal().sigmoid()
                            : unclamped.lte(healthyLow).logicalOr(unclamped.gte(healthyHigh))
                                    .toType(ai.djl.ndarray.types.DataType.FLOAT32, false).max(new int[] {2});
                    NDArray nextCost = cost.add(c.mul(alive)), nextReward = reward.add(r.mul(alive));
                    NDArray nextAlive = alive.mul(ends.neg().add(1f));
                    NDArray next = unclamped.maximum(low).minimum(high);
                    for (NDArray x : new NDArray[] {next, nextCost, nextReward, nextAlive}) x.attach(roll);
                    s = next;
                    cost = nextCost;
                    reward = nextReward;
                    alive = nextAlive;
                }
            }
            float[] c = cost.mean(new int[] {1}).toFloatArray(), r = reward.mean(new int[] {1}).toFloatArray();
            double[][] result = new double[2][m];
            for (int k = 0; k < m; k++) {
                result[0][k] = c[k];
                result[1][k] = r[k];
            }
            return result;
        }
    }

    /**
     * How the first action changes the cost that follows (see {@link #simulatedGradients}): the
     * members' mean simulated discounted cost (in a Q value's units) and its gradient in a, no
     * pessimism, no reward.
     */
    public FqeEnsemble.ActionGradient costGradient(NDArray states, NDArray actions, UnaryOperator<NDArray> policy, int horizon, double gamma) {
        return simulatedGradients(states, actions, policy, horizon, gamma, 0, false).cost();
    }

    /** The simulated guidance of one batch: the cost's, and the reward's when it was asked for (else null). */
    public record SimulatedGradients(FqeEnsemble.ActionGradient cost, FqeEnsemble.ActionGradient reward) {}

    /**
     * How the first action changes what follows: for each (s, a) of a batch, the discounted cost
     * {@code Σ_{t<H} γ^t c_t} (and reward) of {@code horizon} steps simulated in each member (a at
     * the first step, the policy's actions after it, held fixed), combined over members as
     * mean + k·σ for the cost and mean − k·σ for the reward, and the gradients in a. The later
     * actions are constants of the derivative (the policy's weights get no gradient); predicted
     * costs are floored at the data's lowest so a descent cannot chase the model's negative
     * predictions. Both are read in a Q value's units, so that β weighs them as it weighs the
     * critics': the H-step sum as a per-step rate ({@code ÷ Σ_{t<H} γ^t}) over the discounted
     * horizon ({@code × 1/(1 − γ)}). Both come from one simulation of the batch twice over (one
     * copy of the actions per signal) and one backward pass.
     *
     * @param k          pessimism over the members (0: their mean)
     * @param withReward whether to compute the reward's gradient too
     */
    public SimulatedGradients simulatedGradients(NDArray states, NDArray actions, UnaryOperator<NDArray> policy, int horizon,
                                                 double gamma, double k, boolean withReward) {
        int b = Math.toIntExact(states.getShape().get(0));
        int copies = withReward ? 2 : 1;
        int n = copies * b;
        int m = config.members();
        NDManager mgr = states.getManager();
        NDArray costLeaf = actions.duplicate();
        costLeaf.setRequiresGradient(true);
        NDArray rewardLeaf = null;
        if (withReward) {
            rewardLeaf = actions.duplicate();
            rewardLeaf.setRequiresGradient(true);
        }
        double costMean, rewardMean = Double.NaN;
        // a frozen model (trained, shared by extractions running at once) is left as it is: toggling it
        // here would unfreeze it under another thread's graph
        boolean thaw = !params.isFrozen();
        params.setFrozen(true);
        try (GradientCollector gc = Autograd.record()) {
            NDArray low = mgr.create(stats.stateLow()), high = mgr.create(stats.stateHigh());
            NDArray deltaScale = mgr.create(stats.deltaScale()), scale = mgr.create(stats.stateScale());
            NDArray s0 = withReward ? NDArrays.concat(new NDList(states, states), 0) : states;
            NDArray a0 = withReward ? NDArrays.concat(new NDList(costLeaf, rewardLeaf), 0) : costLeaf;
            NDArray s = s0.reshape(1, n, stateDim).repeat(0, m);
            NDArray a = a0.reshape(1, n, actionDim).repeat(0, m);
            NDArray cost = null, reward = null;
            // a Q value's units: the H steps' discounted sum read as a per-step rate (÷ Σ_{t<H} γ^t = (1 − γ^H)/(1 − γ))
            // over the discounted horizon (× 1/(1 − γ)), i.e. × 1/(1 − γ^H)
            double discount = 1 / (1 - Math.pow(gamma, horizon));
            for (int t = 0; t < horizon; t++) {
                NDArray out = forward(s, a);
                NDArray unclamped = unclampedNext(s, out, deltaScale);
                NDArray c = Constants.mul(Constants.maximum(withOutsideCost(cost(out), unclamped, low, high, scale, false), stats.costLow()), (float) discount);
                cost = cost == null ? c : cost.add(c);
                if (withReward) {
                    NDArray r = Constants.mul(reward(out), (float) discount);
                    reward = reward == null ? r : reward.add(r);
                }
                discount *= gamma;
                s = unclamped.maximum(low).minimum(high); // kept inside the data's box
                if (t + 1 < horizon) a = policy.apply(s.stopGradient().reshape(m * n, stateDim)).stopGradient().reshape(m, n, actionDim);
            }
            NDArray costPerState = pessimistic(cost.get(":, 0:" + b), k);
            costMean = costPerState.mean().getFloat();
            NDArray objective = costPerState.sum();
            if (withReward) {
                NDArray rewardPerState = pessimistic(reward.get(":, " + b + ":"), -k);
                rewardMean = rewardPerState.mean().getFloat();
                objective = objective.add(rewardPerState.sum());
            }
            gc.backward(objective);
        } finally {
            if (thaw) params.setFrozen(false);
        }
        return new SimulatedGradients(new FqeEnsemble.ActionGradient(costMean, costLeaf.getGradient()),
                withReward ? new FqeEnsemble.ActionGradient(rewardMean, rewardLeaf.getGradient()) : null);
    }

    /** Over the members (axis 0) of (M, B) values: mean + k·σ, (B). */
    private static NDArray pessimistic(NDArray perMember, double k) {
        NDArray mean = perMember.mean(new int[] {0});
        if (k == 0) return mean;
        NDArray spread = perMember.sub(mean).square().mean(new int[] {0}).add(1e-6f).sqrt();
        return mean.add(Constants.mul(spread, (float) k));
    }

    /** Each member's predicted step cost in the data's units, (M, B), from an output of {@link #forward}. */
    private NDArray cost(NDArray out) {
        return Constants.mul(out.get(":, :, " + stateDim), stats.costScale()).add(stats.costMean());
    }

    /** Each member's predicted step reward in the data's units, (M, B), from an output of {@link #forward}. */
    private NDArray reward(NDArray out) {
        return Constants.mul(out.get(":, :, " + (stateDim + 1)), stats.rewardScale()).add(stats.rewardMean());
    }

    /** The states after a step as predicted, (M, B, d), before they are kept inside the data's box. */
    private NDArray unclampedNext(NDArray s, NDArray out, NDArray deltaScale) {
        return s.add(out.get(":, :, 0:" + stateDim).mul(deltaScale));
    }

    /**
     * A step's cost (M, B) raised where the predicted state leaves the data's box, when the
     * configuration asks for it: by the largest excess over the box's faces, in the data's standard
     * deviations, reaching the data's highest step cost at 0.1 σ. A judgement ({@code bounded}) stops
     * there; the guidance goes on rising in proportion, so that a policy already far outside still
     * has a gradient that leads back (a bounded penalty is flat out there, and the cost steps stall).
     */
    private NDArray withOutsideCost(NDArray c, NDArray unclamped, NDArray low, NDArray high, NDArray scale, boolean bounded) {
        if (!config.outsideCost()) return c;
        NDArray excess = unclamped.sub(high).maximum(low.sub(unclamped)).div(scale).max(new int[] {2}); // (M, B)
        NDArray ramp = Constants.maximum(Constants.div(excess, 0.1f), 0);
        if (bounded) ramp = Constants.minimum(ramp, 1);
        return c.maximum(Constants.mul(ramp, stats.costHigh()));
    }

    public Config config() {
        return config;
    }

    public Parameters parameters() {
        return params;
    }

    @Override
    public void close() {
        optimizer.close();
        params.close();
    }
}
