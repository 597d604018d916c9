package org.drcorl.train.critic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.drcorl.nn.Adam;
import org.drcorl.nn.Autograd;
import org.drcorl.nn.Mlp;
import org.drcorl.nn.Parameters;
import org.drcorl.spi.Constants;

/**
 * One implicit-Q-learning critic for one signal (reward or cost): twin Q heads on
 * {@code [a, s]}, their Polyak-averaged targets, and a state value V.
 *
 * <ul>
 *   <li>V regresses on the aggregated target heads by expectile τ:
 *       {@code mean(|τ − 1[u < 0]| u²)}, {@code u = Q_target(s, a) − V(s)};
 *   <li>both Q heads regress on {@code y = signal + γ (1 − done) V(s')}, per sample (the
 *       reference code's cost critic regressed on the batch-mean cost: fixed here);
 *   <li>during policy extraction, {@link #tdUpdate} bootstraps from Q_target(s', π(s')) instead.
 * </ul>
 */
public final class IqlCritic implements AutoCloseable {
    private final CriticConfig config;
    private final Parameters q;
    private final Parameters qTarget;
    private final Parameters v;
    private final Mlp q1, q2, q1Target, q2Target, value;
    private final Adam qOptimizer;
    private final Adam vOptimizer;

    public IqlCritic(NDManager manager, int stateDim, int actionDim, CriticConfig config, SplittableRandom random) {
        this.config = config;
        int h = config.hidden();
        int[] qSizes = {actionDim + stateDim, h, h, 1};
        q = new Parameters(manager);
        q1 = Mlp.create(q, "q1", qSizes, false, random);
        q2 = Mlp.create(q, "q2", qSizes, false, random);
        qTarget = new Parameters(manager);
        q1Target = Mlp.create(qTarget, "q1", qSizes, false, random);
        q2Target = Mlp.create(qTarget, "q2", qSizes, false, random);
        qTarget.setFrozen(true);
        q.copyInto(qTarget);
        v = new Parameters(manager);
        value = Mlp.create(v, "v", new int[] {stateDim, h, h, 1}, false, random);
        qOptimizer = new Adam(q, config.learningRate(), 0.0);
        vOptimizer = new Adam(v, config.learningRate(), 0.0);
    }

    private static NDArray stateAction(NDArray states, NDArray actions) {
        return NDArrays.concat(new NDList(actions, states), -1);
    }

    /** Q̄(s, a): the mean of the two target heads, (B, 1). Differentiable in {@code actions}. */
    public NDArray targetMean(NDArray states, NDArray actions) {
        NDArray x = stateAction(states, actions);
        return Constants.div(q1Target.forward(x).add(q2Target.forward(x)), 2);
    }

    /** The aggregated target heads (min for reward, max for cost), (B, 1). */
    public NDArray targetAggregate(NDArray states, NDArray actions) {
        NDArray x = stateAction(states, actions);
        return config.aggregation().combine(q1Target.forward(x), q2Target.forward(x));
    }

    /** V(s), (B, 1). */
    public NDArray value(NDArray states) {
        return value.forward(states);
    }

    /**
     * One IQL step on a batch: V by expectile regression, then both Q heads on the TD target
     * through V, then the target heads. Returns the two losses.
     */
    public Losses iqlUpdate(NDArray states, NDArray actions, NDArray signal, NDArray nextStates, NDArray notDone,
                            NDManager step) {
        NDArray x = stateAction(states, actions); // once for the target heads and the Q regression
        NDArray target = config.aggregation().combine(q1Target.forward(x), q2Target.forward(x));
        float vLoss;
        try (GradientCollector gc = Autograd.record()) {
            NDArray u = target.sub(value.forward(states));
            // |τ − 1[u < 0]|, with the indicator as sign arithmetic: a boolean mask cast with
            // toType corrupted gradients at random steps (see ScoreNetwork's dropout)
            NDArray below = Constants.maximum(u.neg().sign(), 0);
            NDArray weight = Constants.mul(below, -1).add((float) config.expectile()).abs();
            NDArray loss = weight.mul(u.square()).mean();
            gc.backward(loss);
            vLoss = loss.getFloat();
        }
        vOptimizer.step();
        NDArray y = signal.add(Constants.mul(notDone, config.gamma()).mul(value.forward(nextStates)));
        return new Losses(regressQ(x, y, step), vLoss);
    }

    /**
     * One TD step of the Q heads with {@code y = signal + γ (1 − done) Q_agg_target(s', a')}
     * for the policy's next actions {@code nextActions} (policy evaluation during extraction).
     */
    public float tdUpdate(NDArray states, NDArray actions, NDArray signal, NDArray nextStates, NDArray notDone,
                          NDArray nextActions, NDManager step) {
        NDArray y = signal.add(Constants.mul(notDone, config.gamma()).mul(targetAggregate(nextStates, nextActions)));
        return regressQ(stateAction(states, actions), y, step);
    }

    /** Both Q heads regressed on {@code y} at the inputs {@code x = [a, s]}, then the target heads averaged toward them. */
    private float regressQ(NDArray x, NDArray y, NDManager step) {
        NDArray target = y.stopGradient();
        float qLoss;
        try (GradientCollector gc = Autograd.record()) {
            NDArray loss = q1.forward(x).sub(target).square().mean().add(q2.forward(x).sub(target).square().mean());
            gc.backward(loss);
            qLoss = loss.getFloat();
        }
        if (!Float.isFinite(qLoss)) {
            throw new IllegalStateException("a critic diverged (Q loss " + qLoss + "); lower its learning rate");
        }
        qOptimizer.step();
        q.polyakInto(qTarget, config.polyak());
        return qLoss;
    }

    /**
     * An independent copy with the same weights (fresh optimizer state): policy extraction
     * fine-tunes its critics, so every extracted policy gets its own copy of the stage-2 critics.
     */
    public IqlCritic copy(NDManager manager) {
        long[] shape = q1.layers().getFirst().weight().getShape().getShape();
        int inputs = (int) shape[0];
        int stateDim = value.inputSize();
        IqlCritic c = new IqlCritic(manager, stateDim, inputs - stateDim, config, new SplittableRandom(0));
        q.copyInto(c.q);
        qTarget.copyInto(c.qTarget);
        v.copyInto(c.v);
        return c;
    }

    /** The Q and V regression losses of one update. */
    public record Losses(float q, float v) {}

    public Parameters qParameters() {
        return q;
    }

    public Parameters qTargetParameters() {
        return qTarget;
    }

    public Parameters valueParameters() {
        return v;
    }

    public CriticConfig config() {
        return config;
    }

    @Override
    public void close() {
        qOptimizer.close();
        vOptimizer.close();
        q.close();
        qTarget.close();
        v.close();
    }
}
