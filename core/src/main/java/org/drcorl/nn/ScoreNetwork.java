package org.drcorl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.drcorl.spi.Constants;
import org.drcorl.spi.TrainingRandom;

/**
 * The behaviour model's noise predictor ε_ψ(a_t, t, s) (DRCORL.md, stage 1).
 *
 * <p>Time embedding: 32 Gaussian Fourier frequencies W ~ N(0, 1)·30, frozen but saved with
 * the model; {@code [sin 2πtW, cos 2πtW]} (64) → Linear(64, 128) → Mish → Linear(128, 128).
 * Trunk on {@code [a_t, s, emb]}: Linear(in, H), then {@code blocks} residual blocks
 * {@code x + Linear(4H, H)(Mish(Linear(H, 4H)(LayerNorm(Dropout(x)))))}, then Mish → Linear(H, act).
 */
public final class ScoreNetwork {
    public static final int FOURIER_FREQUENCIES = 32;
    public static final int TIME_EMBEDDING = 128;
    public static final double FOURIER_SCALE = 30.0;

    private record Block(LayerNorm norm, Linear expand, Linear contract) {}

    private final NDArray frequencies;
    private final Linear time1;
    private final Linear time2;
    private final Linear input;
    private final List<Block> blocks;
    private final Linear output;
    private final double dropout;
    private final int actionDim;
    private final int stateDim;

    /**
     * @param hidden  trunk width H (paper: 256)
     * @param blocks  residual blocks B (paper: 3)
     * @param dropout dropout rate inside the blocks (paper: 0.1)
     */
    public ScoreNetwork(Parameters params, int stateDim, int actionDim, int hidden, int blocks, double dropout,
                        SplittableRandom random) {
        this.stateDim = stateDim;
        this.actionDim = actionDim;
        this.dropout = dropout;
        float[] w = new float[FOURIER_FREQUENCIES];
        for (int i = 0; i < w.length; i++) w[i] = (float) (random.nextGaussian() * FOURIER_SCALE);
        frequencies = params.addConstant("time.fourier", w, new Shape(1, FOURIER_FREQUENCIES));
        time1 = Linear.create(params, "time.0", 2 * FOURIER_FREQUENCIES, TIME_EMBEDDING, random);
        time2 = Linear.create(params, "time.1", TIME_EMBEDDING, TIME_EMBEDDING, random);
        input = Linear.create(params, "trunk.in", actionDim + stateDim + TIME_EMBEDDING, hidden, random);
        List<Block> bs = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            bs.add(new Block(LayerNorm.create(params, "trunk." + b + ".norm", hidden),
                    Linear.create(params, "trunk." + b + ".expand", hidden, 4 * hidden, random),
                    Linear.create(params, "trunk." + b + ".contract", 4 * hidden, hidden, random)));
        }
        this.blocks = List.copyOf(bs);
        output = Linear.create(params, "trunk.out", hidden, actionDim, random);
    }

    /**
     * ε_ψ(a_t, t, s).
     *
     * @param noisyActions (B, act)
     * @param times        (B, 1)
     * @param states       (B, state)
     * @param training     apply dropout (drawn from {@code random}); false for inference
     */
    public NDArray forward(NDArray noisyActions, NDArray times, NDArray states, boolean training, TrainingRandom random) {
        NDArray angles = Constants.mul(times.matMul(frequencies), 2 * Math.PI);
        NDArray emb = time2.forward(Activations.mish(time1.forward(angles.sin().concat(angles.cos(), -1))));
        NDArray x = input.forward(NDArrays.concat(new NDList(noisyActions, states, emb), -1));
        for (Block b : blocks) {
            NDArray h = training && dropout > 0 ? dropout(x, random) : x;
            x = x.add(b.contract().forward(Activations.mish(b.expand().forward(b.norm().forward(h)))));
        }
        return output.forward(Activations.mish(x));
    }

    /**
     * Inverted dropout with a mask from the run's seeded random source. The mask is built as
     * float values (0 or 1/(1−p)) and multiplied in one op: a mask made on the device with
     * {@code gte(p).toType(float)} corrupted the first layers' gradients at random steps
     * (DJL 0.33, PyTorch 2.5.1), turning the network to NaN within a few thousand updates.
     */
    private NDArray dropout(NDArray x, TrainingRandom random) {
        return x.mul(random.bernoulliMask(x.getManager(), 1 - dropout, x.getShape()));
    }

    public int actionDim() {
        return actionDim;
    }

    public int stateDim() {
        return stateDim;
    }
}
