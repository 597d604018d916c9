package org.drcorl.train.behaviormodel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.drcorl.nn.Adam;
import org.drcorl.nn.Autograd;
import org.drcorl.nn.Parameters;
import org.drcorl.nn.ScoreNetwork;
import org.drcorl.spi.BehaviorModel;
import org.drcorl.spi.Constants;
import org.drcorl.spi.TrainingRandom;
import org.drcorl.spi.VpSdeSchedule;

/**
 * Stage 1: a conditional diffusion model of the dataset's actions, trained by noise
 * prediction under the VP-SDE ({@code a_t = α_t a + σ_t z}, loss
 * {@code mean_batch Σ_dim (ε_ψ(a_t, t, s) − z)²}, t ~ U(minTime, 1)). As a
 * {@link BehaviorModel} it answers with dropout off and no gradient into ψ.
 */
public final class DiffusionBehaviorModel implements BehaviorModel, AutoCloseable {
    private final BehaviorModelConfig config;
    private final VpSdeSchedule schedule = VpSdeSchedule.DRCORL;
    private final Parameters params;
    private final ScoreNetwork network;
    private final Adam optimizer;
    private final int stateDim;
    private final int actionDim;

    public DiffusionBehaviorModel(NDManager manager, int stateDim, int actionDim, BehaviorModelConfig config,
                                  SplittableRandom init) {
        this.config = config;
        this.stateDim = stateDim;
        this.actionDim = actionDim;
        this.params = new Parameters(manager);
        this.network = new ScoreNetwork(params, stateDim, actionDim, config.hidden(), config.blocks(), config.dropout(), init);
        this.optimizer = new Adam(params, config.learningRate(), config.weightDecay());
    }

    /** One noise-prediction step on (states, actions); returns the loss. */
    public float trainStep(NDArray states, NDArray actions, TrainingRandom random, NDManager step) {
        long b = states.getShape().get(0);
        NDArray t = random.uniform(step, (float) config.minTime(), 1f, new Shape(b, 1));
        NDArray z = random.normal(step, new Shape(b, actionDim));
        NDArray noisy = actions.mul(schedule.alpha(t)).add(z.mul(schedule.sigma(t)));
        float value;
        try (GradientCollector gc = Autograd.record()) {
            NDArray loss = network.forward(noisy, t, states, true, random).sub(z).square().sum(new int[] {1}).mean();
            gc.backward(loss);
            value = loss.getFloat();
        }
        if (!Float.isFinite(value)) {
            throw new IllegalStateException("the behaviour model diverged (loss " + value + " after " + optimizer.steps()
                    + " steps); lower its learning rate");
        }
        optimizer.step();
        return value;
    }

    /** Stops gradient collection into ψ for good: call once training is over. */
    public void freeze() {
        params.setFrozen(true);
    }

    @Override
    public NDArray predictNoise(NDArray noisyActions, NDArray times, NDArray states) {
        return network.forward(noisyActions, times, states, false, null).stopGradient();
    }

    /**
     * Draws actions for {@code states} with {@code steps} deterministic DDIM steps of the
     * probability-flow ODE from t = 1 down to minTime, clipped to [−1, 1].
     */
    @Override
    public NDArray sample(NDArray states, int steps, TrainingRandom random) {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        NDManager m = states.getManager();
        long b = states.getShape().get(0);
        NDArray a = random.normal(m, new Shape(b, actionDim));
        for (int k = 0; k < steps; k++) {
            double t = 1.0 - (1.0 - config.minTime()) * k / steps;
            double tNext = 1.0 - (1.0 - config.minTime()) * (k + 1) / steps;
            NDArray eps = predictNoise(a, m.full(new Shape(b, 1), (float) t), states);
            NDArray a0 = Constants.div(a.sub(Constants.mul(eps, schedule.sigma(t))), schedule.alpha(t)).clip(-1, 1);
            a = Constants.mul(a0, schedule.alpha(tNext)).add(Constants.mul(eps, schedule.sigma(tNext)));
        }
        return a.clip(-1, 1);
    }

    @Override
    public VpSdeSchedule schedule() {
        return schedule;
    }

    @Override
    public int stateDim() {
        return stateDim;
    }

    @Override
    public int actionDim() {
        return actionDim;
    }

    public Parameters parameters() {
        return params;
    }

    public BehaviorModelConfig config() {
        return config;
    }

    @Override
    public void close() {
        optimizer.close();
        params.close();
    }
}
