package org.drcorl.contract;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.drcorl.spi.BehaviorModel;
import org.drcorl.spi.TrainingRandom;
import org.drcorl.spi.VpSdeSchedule;

/**
 * A behaviour model whose ideal noise predictor is known in closed form: the behaviour
 * policy puts all its mass on {@code μ(s) = tanh(s W)}, so {@code ε*(a_t, t, s) =
 * (a_t − α_t μ(s)) / σ_t}. A regularizer built on the score must pull actions toward μ(s).
 */
public final class PointMassBehaviorModel implements BehaviorModel {
    private final int stateDim;
    private final int actionDim;
    private final float[] weights;

    public PointMassBehaviorModel(int stateDim, int actionDim, long seed) {
        this.stateDim = stateDim;
        this.actionDim = actionDim;
        SplittableRandom r = new SplittableRandom(seed);
        weights = new float[stateDim * actionDim];
        for (int i = 0; i < weights.length; i++) weights[i] = (float) (r.nextGaussian() / Math.sqrt(stateDim));
    }

    /** μ(s): the behaviour's action at each state, (B, actionDim). */
    public NDArray mode(NDArray states) {
        NDManager m = states.getManager();
        return states.matMul(m.create(weights, new Shape(stateDim, actionDim))).tanh();
    }

    @Override
    public VpSdeSchedule schedule() {
        return VpSdeSchedule.DRCORL;
    }

    @Override
    public int stateDim() {
        return stateDim;
    }

    @Override
    public int actionDim() {
        return actionDim;
    }

    @Override
    public NDArray predictNoise(NDArray noisyActions, NDArray times, NDArray states) {
        NDArray alpha = schedule().alpha(times);
        NDArray sigma = schedule().sigma(times);
        return noisyActions.sub(mode(states).mul(alpha)).div(sigma).stopGradient();
    }

    /** The behaviour puts all its mass on μ(s): every sample is μ(s), whatever the noise. */
    @Override
    public NDArray sample(NDArray states, int steps, TrainingRandom random) {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        return mode(states).stopGradient();
    }
}
