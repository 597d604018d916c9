package org.drcorl.train.critic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.drcorl.data.TransitionBatch;
import org.drcorl.nn.Adam;
import org.drcorl.nn.Autograd;
import org.drcorl.nn.Parameters;
import org.drcorl.spi.Constants;

/**
 * Offline evaluation of the policy being extracted: an ensemble of small Q networks trained by
 * fitted Q evaluation (FQE, Le, Voloshin &amp; Yue 2019) on the policy's OWN next actions,
 * {@code y = signal + γ (1 − terminal) Q_target(s', π(s'))}, so that its values are the
 * policy's discounted cost-to-go (and reward-to-go), not the behaviour's as the stage-2 IQL
 * critics' are. The first {@link EvaluationConfig#costMembers()} members evaluate cost, the
 * others reward.
 *
 * <p>Members differ by initialization and by a Bayesian bootstrap of every batch (each member
 * weighs each sample by an Exp(1) draw), so their spread where the data says little is the
 * estimate's uncertainty: what the upper bound of Ĉ adds. Targets are each member's own, with
 * no min/max: pessimism is added once, explicitly, by the bound (OFFLINE-COST.md). Cost values are
 * floored at 0 wherever they are used ({@link #floorCosts}).
 *
 * <p>All members are one network of stacked weights ({@code [M, in, out]} per layer), so an
 * update is one batched matrix product per layer whatever M is.
 */
public final class FqeEnsemble implements AutoCloseable {
    private final EvaluationConfig config;
    private final int stateDim;
    private final int actionDim;
    private final int members;
    private final Parameters online;
    private final Parameters target;
    private final List<NDArray[]> onlineLayers = new ArrayList<>();
    private final List<NDArray[]> targetLayers = new ArrayList<>();
    private final Adam optimizer;
    private final SplittableRandom bootstrap;
    private final float[] stateMean;
    private final float[] stateScale;

    /**
     * @param stateMean  per-dimension mean of the dataset's states, or null
     * @param stateScale per-dimension standard deviation (states enter as (s − mean)/scale), or null:
     *                   without it, state dimensions of large scale drown the action's few inputs
     *                   and the values barely depend on the action, i.e. on the policy
     */
    public FqeEnsemble(NDManager manager, int stateDim, int actionDim, EvaluationConfig config, long seed,
                       float[] stateMean, float[] stateScale) {
        if ((stateMean == null) != (stateScale == null)
                || (stateMean != null && (stateMean.length != stateDim || stateScale.length != stateDim))) {
            throw new IllegalArgumentException("state mean and scale must both be given, with " + stateDim + " values each");
        }
        this.stateMean = stateMean == null ? null : stateMean.clone();
        this.stateScale = stateScale == null ? null : stateScale.clone();
        this.config = config;
        this.stateDim = stateDim;
        this.actionDim = actionDim;
        this.members = config.costMembers() + config.rewardMembers();
        SplittableRandom init = new SplittableRandom(seed);
        this.bootstrap = new SplittableRandom(seed ^ 0x5EEDL);
        int h = config.hidden();
        int[] sizes = {actionDim + stateDim, h, h, 1};
        online = new Parameters(manager);
        target = new Parameters(manager);
        for (int l = 0; l + 1 < sizes.length; l++) {
            onlineLayers.add(StackedMembers.layer(online, "fqe." + l, members, sizes[l], sizes[l + 1], init));
            targetLayers.add(StackedMembers.layer(target, "fqe." + l, members, sizes[l], sizes[l + 1], init));
        }
        target.setFrozen(true);
        online.copyInto(target);
        optimizer = new Adam(online, config.learningRate(), 0.0);
    }

    /** Every member's Q(s, a) through {@code layers}: (M, B). */
    private NDArray forward(List<NDArray[]> layers, NDArray states, NDArray actions) {
        NDArray s = states;
        if (stateMean != null) {
            NDManager m = states.getManager();
            s = states.sub(m.create(stateMean)).div(m.create(stateScale));
        }
        return StackedMembers.forward(layers, NDArrays.concat(new NDList(actions, s), -1)).squeeze(-1);
    }

    /**
     * {@code q} (M, B) with the cost members' rows floored at 0. A cost-to-go is never negative, but
     * a member's raw output can be where it extrapolates (far from the data, or before its values
     * have propagated): read as it is, a negative cost would make a policy look safer than a free
     * one, and the cost guidance would chase it. The floor applies where values are used (the
     * bootstrap target, the estimate, the guidance), not to the regression itself, whose gradient
     * pulls a member that reads below zero back up toward its targets.
     */
    private NDArray floorCosts(NDArray q) {
        int kc = config.costMembers();
        NDArray cost = flooredCostRows(q);
        return kc == members ? cost : NDArrays.concat(new NDList(cost, q.get(kc + ":")), 0);
    }

    /** The cost members' rows of {@code q} (M, B), floored at 0: (Kc, B). */
    private NDArray flooredCostRows(NDArray q) {
        return Constants.maximum(q.get("0:" + config.costMembers()), 0);
    }

    /**
     * One FQE update of every member on a batch, bootstrapping through the policy's actions
     * {@code nextActions} = π(s'). Returns the mean squared TD error.
     */
    public float update(TransitionBatch batch, NDArray nextActions, NDManager step) {
        int b = Math.toIntExact(batch.size());
        NDArray costRow = batch.costs().reshape(1, b);
        NDArray rewardRow = batch.rewards().reshape(1, b);
        NDArray signal = NDArrays.concat(new NDList(costRow.repeat(0, config.costMembers()),
                rewardRow.repeat(0, config.rewardMembers())), 0);
        NDArray next = floorCosts(forward(targetLayers, batch.nextStates(), nextActions.stopGradient()));
        NDArray y = signal.add(Constants.mul(batch.notDone().reshape(1, b), config.gamma()).mul(next)).stopGradient();
        NDArray weights = StackedMembers.bootstrapWeights(bootstrap, step, members, b);
        float loss;
        try (GradientCollector gc = Autograd.record()) {
            NDArray error = forward(onlineLayers, batch.states(), batch.actions()).sub(y);
            // each member's own weighted mean, summed: members do not share a gradient
            NDArray l = weights.mul(error.square()).mean(new int[] {1}).sum();
            gc.backward(l);
            loss = l.getFloat() / members;
        }
        if (!Float.isFinite(loss)) {
            throw new IllegalStateException("the policy evaluation diverged (TD loss " + loss + "); lower its learning rate");
        }
        optimizer.step();
        online.polyakInto(target, config.polyak());
        return loss;
    }

    /**
     * What the ensemble says of the policy at {@code states} with its actions {@code actions}, in Q
     * units (discounted sums; the reward scaled as the batches are): the cost members' mean and
     * per-state upper bound {@code μ + k·σ} averaged over the states, their per-state standard
     * deviation averaged, and the reward members' mean and lower bound {@code μ − k·σ}.
     */
    public Estimate estimate(NDArray states, NDArray actions) {
        float[] q = floorCosts(forward(targetLayers, states, actions)).toFloatArray(); // (M, N) row-major
        int n = q.length / members;
        int kc = config.costMembers(), kr = config.rewardMembers();
        double mean = 0, upper = 0, spread = 0, reward = 0, rewardLower = 0;
        for (int s = 0; s < n; s++) {
            double[] c = stats(q, 0, kc, n, s), r = stats(q, kc, kr, n, s);
            mean += c[0];
            upper += c[0] + config.upperK() * c[1];
            spread += c[1];
            reward += r[0];
            rewardLower += r[0] - config.upperK() * r[1];
        }
        return new Estimate(mean / n, upper / n, spread / n, reward / n, rewardLower / n);
    }

    /** Mean and sample standard deviation (0 for one member) of members [from, from + count) at state s. */
    private static double[] stats(float[] q, int from, int count, int n, int s) {
        double m = 0;
        for (int k = from; k < from + count; k++) m += q[k * n + s];
        m /= count;
        double var = 0;
        for (int k = from; k < from + count; k++) var += (q[k * n + s] - m) * (q[k * n + s] - m);
        return new double[] {m, count > 1 ? Math.sqrt(var / (count - 1)) : 0};
    }

    /**
     * Cost and reward of the policy in Q units, averaged over the states read (see {@link #estimate}):
     * the reward's lower bound is mean − k·σ over the reward members, pessimistic where they disagree.
     */
    public record Estimate(double costMean, double costUpper, double costSpread, double rewardMean, double rewardLower) {}

    /**
     * Cost guidance: the per-state upper bound {@code μ + k·σ} over the cost members at (s, a), its
     * batch mean, and its action gradient ∇_a Σ_b (μ + kσ)(s_b, a_b), (B, act). Descending the
     * bound, not the mean, keeps the policy where the members agree: a policy that descends a
     * learned critic's mean finds the actions where that critic is wrong (the mean fell below zero
     * cost within a few thousand steps on CarCircle), while the spread rises exactly there.
     */
    public ActionGradient costUpperGradient(NDArray states, NDArray actions) {
        NDArray leaf = actions.duplicate();
        leaf.setRequiresGradient(true);
        double mean;
        try (GradientCollector gc = Autograd.record()) {
            NDArray q = flooredCostRows(forward(targetLayers, states, leaf)); // (Kc, B)
            NDArray mu = q.mean(new int[] {0});
            NDArray sd = Constants.div(q.sub(mu).square().sum(new int[] {0}), config.costMembers() - 1).add(1e-6f).sqrt();
            NDArray upper = mu.add(Constants.mul(sd, config.upperK()));
            mean = upper.mean().getFloat();
            gc.backward(upper.sum());
        }
        return new ActionGradient(mean, leaf.getGradient());
    }

    /** A batch mean and the action gradient of the sum. */
    public record ActionGradient(double meanValue, NDArray gradient) {}

    /** The online and target weights, to restore later with {@link #copy(NDManager, long, Weights)}. */
    public Weights weights() {
        return new Weights(online.flatten(), target.flatten());
    }

    /** The weights of an ensemble at one moment: the online and the target networks. */
    public record Weights(float[] online, float[] target) {}

    /** An independent ensemble (fresh optimizer state) holding {@code weights}, taken from this one or an earlier state of it. */
    public FqeEnsemble copy(NDManager manager, long seed, Weights weights) {
        FqeEnsemble c = new FqeEnsemble(manager, stateDim, actionDim, config, seed, stateMean, stateScale);
        c.online.load(weights.online());
        c.target.load(weights.target());
        return c;
    }

    public EvaluationConfig config() {
        return config;
    }

    @Override
    public void close() {
        optimizer.close();
        online.close();
        target.close();
    }
}
