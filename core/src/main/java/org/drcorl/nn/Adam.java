package org.drcorl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.drcorl.spi.Constants;

/**
 * Adam (and AdamW, with decoupled weight decay) over a {@link Parameters} set, split into
 * its three parts so that an update can be previewed before it is chosen:
 * {@link #preview} computes the parameter change a gradient would cause without touching
 * any state, {@link #apply} adds a change to the parameters, and {@link #commit} advances the
 * moment estimates with the gradient that was followed. {@link #step} is the ordinary
 * all-in-one update. DRCORL's gradient manipulation previews the reward and the cost
 * updates, combines the previews, applies the result, and commits once.
 *
 * <p>Speed: the moments are kept as one flat vector over all parameters, and a gradient list is
 * concatenated once, so an update costs about 20 engine calls plus a few per tensor instead of
 * about 20 per tensor. For the small networks of stages 2 and 3 those calls, not the arithmetic,
 * were the step's cost (see bench/README.md). The values are exactly those of the per-tensor
 * update: every operation is elementwise.
 */
public final class Adam implements AutoCloseable {
    private final Parameters params;
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final NDManager manager;
    /** The moments of all parameters, concatenated in order (flat): see the class comment. */
    private final NDArray m;
    private final NDArray v;
    private final Shape[] shapes;
    private final long[] splitPoints;
    private long t;
    /** The flat concatenation of the last gradient list seen, so that preview and commit concatenate it once. */
    private List<NDArray> lastGrads;
    private NDArray lastFlat;

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
        List<NDArray> ps = params.trainableArrays();
        shapes = new Shape[ps.size()];
        splitPoints = new long[Math.max(0, ps.size() - 1)];
        long total = 0;
        for (int i = 0; i < ps.size(); i++) {
            shapes[i] = ps.get(i).getShape();
            total += shapes[i].size();
            if (i + 1 < ps.size()) splitPoints[i] = total;
        }
        m = manager.zeros(new Shape(total));
        v = manager.zeros(new Shape(total));
    }

    /**
     * {@code parts} reshaped to vectors and concatenated, in the manager of the first part. The
     * update is elementwise, so running it once over the concatenation gives every element exactly
     * the value the per-tensor update gave, with 13 engine calls instead of 13 per tensor.
     */
    @SuppressWarnings("try") // the NDScope is held only for the arrays it closes
    private static NDArray concatenate(List<NDArray> parts) {
        NDArray flat;
        try (NDScope scope = new NDScope()) {
            NDList vectors = new NDList(parts.size());
            for (NDArray p : parts) vectors.add(p.reshape(-1));
            flat = vectors.size() == 1 ? vectors.singletonOrThrow().duplicate() : NDArrays.concat(vectors);
            flat.attach(parts.getFirst().getManager());
            NDScope.unregister(flat);
        }
        return flat;
    }

    private NDArray flatGradients(List<NDArray> grads) {
        if (grads.size() != shapes.length) {
            throw new IllegalArgumentException(grads.size() + " gradients for " + shapes.length + " parameters");
        }
        if (grads != lastGrads || lastFlat == null || lastFlat.isReleased()) {
            lastFlat = concatenate(grads);
            lastGrads = grads;
        }
        return lastFlat;
    }

    /** A flat vector cut back into one array per parameter (views of it), created in {@code into}. */
    private List<NDArray> split(NDArray flat, NDManager into) {
        NDList pieces = shapes.length == 1 ? new NDList(flat) : flat.split(splitPoints);
        List<NDArray> out = new ArrayList<>(shapes.length);
        for (int i = 0; i < shapes.length; i++) {
            NDArray piece = pieces.get(i).reshape(shapes[i]);
            piece.attach(into);
            out.add(piece);
        }
        return out;
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
        NDArray g = flatGradients(grads);
        // Temporaries land in the managers of their operands (the optimizer's, the step's): the
        // scope closes every one of them except the deltas handed out.
        try (NDScope scope = new NDScope()) {
            NDArray mHat = Constants.div(Constants.mul(m, beta1).add(Constants.mul(g, 1 - beta1)), c1);
            NDArray vHat = Constants.div(Constants.mul(v, beta2).add(Constants.mul(g.square(), 1 - beta2)), c2);
            NDArray delta = Constants.mul(mHat.div(vHat.sqrt().add(epsilon)), -learningRate);
            if (weightDecay != 0) {
                try (NDArray theta = concatenate(params.trainableArrays())) { // lands in the network's manager: close it
                    delta = delta.sub(Constants.mul(theta, learningRate * weightDecay));
                }
            }
            delta.attach(into);
            List<NDArray> out = split(delta, into);
            for (NDArray d : out) NDScope.unregister(d);
            return out;
        }
    }

    /** θ ← θ + Δ. */
    public void apply(List<NDArray> delta) {
        List<NDArray> ps = params.trainableArrays();
        for (int i = 0; i < ps.size(); i++) ps.get(i).addi(delta.get(i));
    }

    /** Advances the moment estimates with the gradient that was followed. */
    @SuppressWarnings("try") // the NDScope is held only for the arrays it closes
    public void commit(List<NDArray> grads) {
        NDArray g = flatGradients(grads);
        try (NDScope scope = new NDScope()) {
            Constants.muli(m, beta1).addi(Constants.mul(g, 1 - beta1));
            Constants.muli(v, beta2).addi(Constants.muli(g.square(), 1 - beta2));
        }
        t++;
    }

    /** One ordinary Adam(W) step with {@code grads}. */
    public void step(List<NDArray> grads) {
        step(flatGradients(grads));
    }

    /**
     * One ordinary Adam(W) step with the gradients the last backward pass accumulated on the
     * parameters, which are then zeroed: {@code step(takeGradients(…))} without copying each
     * gradient out first (the concatenation is the one copy the update needs).
     */
    @SuppressWarnings("try") // the NDScope is held only for the arrays it closes
    public void step() {
        NDArray flat;
        try (NDScope scope = new NDScope()) {
            List<NDArray> grads = new ArrayList<>();
            for (NDArray p : params.trainableArrays()) grads.add(p.getGradient());
            flat = concatenate(grads);
            NDScope.unregister(flat);
            for (NDArray g : grads) g.subi(g);
        }
        try {
            step(flat);
        } finally {
            flat.close();
        }
    }

    /**
     * The step on a flat gradient. The moments are advanced in place first, exactly as
     * {@link #commit} advances them, and the change is computed from them: the same operations in
     * the same order as {@code apply(preview(g)); commit(g)}, so the same values bit for bit, with
     * the seven operations that recomputed the moments saved.
     */
    @SuppressWarnings("try") // the NDScope is held only for the arrays it closes
    private void step(NDArray g) {
        long next = t + 1;
        double c1 = 1 - Math.pow(beta1, next), c2 = 1 - Math.pow(beta2, next);
        try (NDScope scope = new NDScope()) {
            Constants.muli(m, beta1).addi(Constants.mul(g, 1 - beta1));
            Constants.muli(v, beta2).addi(Constants.muli(g.square(), 1 - beta2));
            NDArray delta = Constants.mul(Constants.div(m, c1).div(Constants.div(v, c2).sqrt().add(epsilon)), -learningRate);
            if (weightDecay != 0) {
                try (NDArray theta = concatenate(params.trainableArrays())) { // lands in the network's manager: close it
                    delta = delta.sub(Constants.mul(theta, learningRate * weightDecay));
                }
            }
            List<NDArray> ps = params.trainableArrays();
            NDList pieces = shapes.length == 1 ? new NDList(delta) : delta.split(splitPoints);
            for (int i = 0; i < ps.size(); i++) ps.get(i).addi(pieces.get(i).reshape(shapes[i]));
        }
        t++;
    }

    public long steps() {
        return t;
    }

    @Override
    public void close() {
        manager.close();
    }
}
