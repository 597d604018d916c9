package org.drcorl.train.extract;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.drcorl.spi.Constants;
import org.drcorl.spi.PolicyUpdate;

/**
 * The host's {@link PolicyUpdate}: one optimizer-normalized change per policy tensor, plus
 * the weights of the objectives (regularizer, reward, cost) whose gradients it follows, so
 * that the optimizer's moments can be advanced with the same combination of gradients.
 * Arrays live in the step's manager.
 */
final class ParameterUpdate implements PolicyUpdate {
    final List<NDArray> deltas;
    final double regularizerWeight;
    final double rewardWeight;
    final double costWeight;
    private final NDManager manager;

    ParameterUpdate(List<NDArray> deltas, double regularizerWeight, double rewardWeight, double costWeight, NDManager manager) {
        this.deltas = deltas;
        this.regularizerWeight = regularizerWeight;
        this.rewardWeight = rewardWeight;
        this.costWeight = costWeight;
        this.manager = manager;
    }

    private static ParameterUpdate of(PolicyUpdate u) {
        if (u instanceof ParameterUpdate p) return p;
        throw new IllegalArgumentException("a constraint handler returned a PolicyUpdate that it did not get from the step ("
                + u.getClass().getName() + ")");
    }

    @Override
    public double dot(PolicyUpdate other) {
        ParameterUpdate o = of(other);
        double s = 0;
        for (int i = 0; i < deltas.size(); i++) {
            try (NDArray product = deltas.get(i).mul(o.deltas.get(i)); NDArray sum = product.sum()) {
                s += sum.getFloat();
            }
        }
        return s;
    }

    @Override
    public PolicyUpdate plus(PolicyUpdate other) {
        ParameterUpdate o = of(other);
        List<NDArray> out = new ArrayList<>(deltas.size());
        for (int i = 0; i < deltas.size(); i++) out.add(attach(deltas.get(i).add(o.deltas.get(i))));
        return new ParameterUpdate(out, regularizerWeight + o.regularizerWeight, rewardWeight + o.rewardWeight,
                costWeight + o.costWeight, manager);
    }

    @Override
    public PolicyUpdate times(double factor) {
        List<NDArray> out = new ArrayList<>(deltas.size());
        for (NDArray d : deltas) out.add(attach(Constants.mul(d, factor)));
        return new ParameterUpdate(out, regularizerWeight * factor, rewardWeight * factor, costWeight * factor, manager);
    }

    private NDArray attach(NDArray a) {
        a.attach(manager);
        return a;
    }
}
