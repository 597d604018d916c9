package org.drcorl.train.extract;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.drcorl.nn.Mlp;
import org.drcorl.nn.Parameters;

/**
 * The extracted policy: a deterministic MLP {@code s → H → H → a} with ReLU and a tanh
 * output (the reference code's choice), so acting costs one small forward pass.
 */
public final class DeterministicPolicy implements AutoCloseable {
    private final Parameters params;
    private final Mlp network;

    public DeterministicPolicy(NDManager manager, int stateDim, int actionDim, int hidden, SplittableRandom init) {
        this.params = new Parameters(manager);
        this.network = Mlp.create(params, "pi", new int[] {stateDim, hidden, hidden, actionDim}, true, init);
    }

    /** π(s), (B, act), in (−1, 1). */
    public NDArray act(NDArray states) {
        return network.forward(states);
    }

    public Parameters parameters() {
        return params;
    }

    public Mlp network() {
        return network;
    }

    @Override
    public void close() {
        params.close();
    }
}
