package org.drcorl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (and AdamW, with decoupled weight decay) over a {@link Parameters} set, split into
 * its three parts so that an update can be previewed before it is chosen:
 * {@link #preview} computes the parameter change a gradient would cause without touching
 * any state, {@link #apply} adds a change to the parameters, and {@link #commit} advances the
 * moment estimates with the gradient that was followed. {@link #step} is the ordinary
 * all-in-one update. DRCORL's gradient manipulation previews the reward and the cost
 * updates, combines the previews, applies the result, and commits once.
 */
public final class Adam implements AutoCloseable {
    private final Parameters params;
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final NDManager manager;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private long t;

    public Adam(Parameters params, double learningRate, double weightDecay) {
        this(params, learningRate, 0.9, 0.999, 1e-8, weightDecay);
    }

    public Adam(Parameters params, double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        this.params = params;
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.manager = params.manager().newSubManager();
        for (NDArray p : params.trainableArrays()) {
            m.add(manager.zeros(p.getShape()));
            v.add(manager.zeros(p.getShape()));
        }
    }

    /**
     * The gradients accumulated on the parameters by the last backward pass, copied into
     * {@code into}; the parameters' own gradients are zeroed (PyTorch accumulates them).
     */
    @SuppressWarnings("try") // the NDScope is held only for the arrays it closes
    public List<NDArray> takeGradients(NDManager into) {
        List<NDArray> grads = new ArrayList<>();
        try (NDScope scope = new NDScope()) {
            for (NDArray p : params.trainableArrays()) {
                NDArray g = p.getGradient();
                NDArray copy = g.duplicate();
                copy.attach(into);
                NDScope.unregister(copy);
                grads.add(copy);
                g.subi(g);
            }
        }
        return grads;
    }

    /** The change the next step would make for {@code grads}, created in {@code into}; no state changes. */
    @SuppressWarnings("try") // the NDScope is held only for the arrays it closes
    public List<NDArray> preview(List<NDArray> grads, NDManager into) {
        long next = t + 1;
        double c1 = 1 - Math.pow(beta1, next), c2 = 1 - Math.pow(beta2, next);
        List<NDArray> ps = params.trainableArrays();
        List<NDArray> out = new ArrayList<>(grads.size());
        // Temporaries land in the managers of their operands (the optimizer's, the network's):
        // the scope closes every one of them except the deltas handed out.
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < grads.size(); i++) {
                NDArray g = grads.get(i);
                NDArray mHat = m.get(i).mul(beta1).add(g.mul(1 - beta1)).div(c1);
                NDArray vHat = v.get(i).mul(beta2).add(g.square().mul(1 - beta2)).div(c2);
                NDArray delta = mHat.div(vHat.sqrt().add(epsilon)).mul(-learningRate);
                if (weightDecay != 0) delta = delta.sub(ps.get(i).mul(learningRate * weightDecay));
                delta.attach(into);
                NDScope.unregister(delta);
                out.add(delta);
            }
        }
        return out;
    }

    /** θ ← θ + Δ. */
    public void apply(List<NDArray> delta) {
        List<NDArray> ps = params.trainableArrays();
        for (int i = 0; i < ps.size(); i++) ps.get(i).addi(delta.get(i));
    }

    /** Advances the moment estimates with the gradient that was followed. */
    @SuppressWarnings("try") // the NDScope is held only for the arrays it closes
    public void commit(List<NDArray> grads) {
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < grads.size(); i++) {
                NDArray g = grads.get(i);
                m.get(i).muli(beta1).addi(g.mul(1 - beta1));
                v.get(i).muli(beta2).addi(g.square().muli(1 - beta2));
            }
        }
        t++;
    }

    /** One ordinary Adam(W) step with {@code grads}. */
    public void step(List<NDArray> grads) {
        try (NDManager scratch = manager.newSubManager()) {
            apply(preview(grads, scratch));
        }
        commit(grads);
    }

    public long steps() {
        return t;
    }

    @Override
    public void close() {
        manager.close();
    }
}
