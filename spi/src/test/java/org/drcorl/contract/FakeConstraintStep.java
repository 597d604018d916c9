package org.drcorl.contract;

import java.util.SplittableRandom;
import org.drcorl.spi.ConstraintStep;
import org.drcorl.spi.PolicyUpdate;

/**
 * A {@link ConstraintStep} over random vectors: the regularizer, reward and cost directions
 * are fixed Gaussian vectors and {@code update(wr, wc) = reg + wr·reward + wc·cost}.
 * Real updates are Adam-normalized and so not linear in the weights, but every property a
 * handler may rely on (inner products, combinations) holds here as well.
 */
public final class FakeConstraintStep implements ConstraintStep {
    private final long step;
    private final double costEstimate;
    private final double[] reg;
    private final double[] reward;
    private final double[] cost;

    public FakeConstraintStep(long step, double costEstimate, double[] reg, double[] reward, double[] cost) {
        this.step = step;
        this.costEstimate = costEstimate;
        this.reg = reg;
        this.reward = reward;
        this.cost = cost;
    }

    /** Random directions of dimension {@code dim} drawn from {@code seed}; {@code conflict} makes reward and cost oppose each other. */
    public static FakeConstraintStep random(long step, double costEstimate, int dim, long seed, boolean conflict) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] reg = new double[dim], reward = new double[dim], cost = new double[dim];
        for (int i = 0; i < dim; i++) {
            reg[i] = 0.1 * r.nextGaussian();
            reward[i] = r.nextGaussian();
            cost[i] = r.nextGaussian();
            if (conflict) cost[i] = 0.3 * cost[i] - 0.8 * reward[i];
        }
        return new FakeConstraintStep(step, costEstimate, reg, reward, cost);
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public double costEstimate() {
        return costEstimate;
    }

    @Override
    public PolicyUpdate update(double rewardWeight, double costWeight) {
        ConstraintStep.requireFiniteWeights(rewardWeight, costWeight);
        double[] u = new double[reg.length];
        for (int i = 0; i < u.length; i++) u[i] = reg[i] + rewardWeight * reward[i] + costWeight * cost[i];
        return new VectorUpdate(u);
    }
}
