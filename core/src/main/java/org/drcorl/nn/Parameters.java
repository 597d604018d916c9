package org.drcorl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.drcorl.spi.Constants;

/**
 * The trainable tensors of one network, in a fixed order, owned by one {@link NDManager}.
 *
 * <p>drcorl's networks are written as plain functions of these tensors rather than DJL
 * {@code Block}s: initialization is exactly PyTorch's (as the reference code's), the
 * parameter vector can be flattened for a checkpoint or a plain-Java export, and an
 * optimizer can preview an update without applying it (which DRCORL's gradient
 * manipulation needs). Close it to free the native memory.
 */
public final class Parameters implements AutoCloseable {
    private final NDManager manager;
    private final Map<String, NDArray> tensors = new LinkedHashMap<>();
    private final Map<String, NDArray> trainable = new LinkedHashMap<>();
    private boolean frozen;

    static {
        // before the first network, and so before the engine's first matrix product: see both classes
        NativeHeap.ensureTuned();
        MklDispatch.ensureApplied();
    }

    public Parameters(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    public NDManager manager() {
        return manager;
    }

    /** Adds a trainable tensor with the given values. */
    public NDArray add(String name, float[] values, Shape shape) {
        NDArray a = addConstant(name, values, shape);
        trainable.put(name, a);
        if (!frozen) a.setRequiresGradient(true);
        return a;
    }

    /**
     * Adds a tensor that is part of the network (saved, loaded, copied) but never trained,
     * such as the frozen random Fourier frequencies of the diffusion time embedding.
     */
    public NDArray addConstant(String name, float[] values, Shape shape) {
        if (tensors.containsKey(name)) throw new IllegalArgumentException("duplicate parameter " + name);
        NDArray a = manager.create(values, shape);
        a.setName(name);
        tensors.put(name, a);
        return a;
    }

    /**
     * Stops (or resumes) gradient tracking of every trainable tensor. A frozen network, such
     * as a target critic or the behaviour model during policy extraction, can sit inside a
     * gradient computation without collecting gradients it does not need.
     */
    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
        for (NDArray a : trainable.values()) a.setRequiresGradient(!frozen);
    }

    /** Whether gradient tracking is off (see {@link #setFrozen}). */
    public boolean isFrozen() {
        return frozen;
    }

    /** The trainable tensors, in order: what an optimizer updates. */
    public List<NDArray> trainableArrays() {
        return List.copyOf(trainable.values());
    }

    /**
     * Adds a tensor drawn from U(−bound, bound), PyTorch's default for {@code nn.Linear}
     * weights and biases with bound = 1/√fan_in (Kaiming-uniform with a = √5).
     */
    public NDArray addUniform(String name, Shape shape, double bound, SplittableRandom random) {
        float[] v = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) v[i] = (float) random.nextDouble(-bound, bound);
        return add(name, v, shape);
    }

    public NDArray get(String name) {
        NDArray a = tensors.get(name);
        if (a == null) throw new IllegalArgumentException("no parameter " + name);
        return a;
    }

    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    public List<NDArray> arrays() {
        return Collections.unmodifiableList(new ArrayList<>(tensors.values()));
    }

    /** Number of scalar parameters. */
    public long count() {
        long n = 0;
        for (NDArray a : tensors.values()) n += a.size();
        return n;
    }

    /** All values, concatenated in order. */
    public float[] flatten() {
        float[] out = new float[Math.toIntExact(count())];
        int at = 0;
        for (NDArray a : tensors.values()) {
            float[] v = a.toFloatArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    /** Sets all values from a vector made by {@link #flatten()} of a network of the same shape. */
    public void load(float[] values) {
        if (values.length != count()) {
            throw new IllegalArgumentException("parameter vector has " + values.length + " values, the network has " + count());
        }
        int at = 0;
        for (NDArray a : tensors.values()) {
            int n = Math.toIntExact(a.size());
            float[] part = new float[n];
            System.arraycopy(values, at, part, 0, n);
            a.set(part);
            at += n;
        }
    }

    /** target ← (1 − τ)·target + τ·this over all tensors, in place (Polyak averaging of target networks). */
    public void polyakInto(Parameters target, double tau) {
        List<NDArray> src = arrays(), dst = target.arrays();
        if (src.size() != dst.size()) throw new IllegalArgumentException("networks differ in structure");
        for (int i = 0; i < src.size(); i++) {
            try (NDArray scaled = Constants.mul(src.get(i), tau)) { // a temporary: close it, or it lives as long as the network
                Constants.muli(dst.get(i), 1 - tau).addi(scaled);
            }
        }
    }

    /** Copies every value into {@code target}. */
    public void copyInto(Parameters target) {
        polyakInto(target, 1.0);
    }

    @Override
    public void close() {
        manager.close();
    }
}
