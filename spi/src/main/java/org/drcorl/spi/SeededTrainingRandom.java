package org.drcorl.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * {@link TrainingRandom} drawn in Java from a {@link SplittableRandom} and copied to the
 * device. The numbers therefore depend on the seed alone, not on the engine, the device or
 * the thread count, so a run on the GPU draws exactly the noise of the same run on the CPU.
 * The copy costs one host-to-device transfer of B×d floats per call, negligible beside the
 * network passes that use it.
 */
public final class SeededTrainingRandom implements TrainingRandom {
    private final SplittableRandom random;

    public SeededTrainingRandom(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public NDArray normal(NDManager manager, Shape shape) {
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) values[i] = (float) random.nextGaussian();
        return manager.create(values, shape);
    }

    @Override
    public NDArray uniform(NDManager manager, float low, float high, Shape shape) {
        if (!(low < high)) throw new IllegalArgumentException("uniform needs low < high, got " + low + ", " + high);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) values[i] = (float) random.nextDouble(low, high);
        return manager.create(values, shape);
    }

    @Override
    public NDArray bernoulliMask(NDManager manager, double keep, Shape shape) {
        if (!(keep > 0 && keep <= 1)) throw new IllegalArgumentException("keep probability must be in (0, 1], got " + keep);
        float scale = (float) (1 / keep);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) values[i] = random.nextDouble() < keep ? scale : 0f;
        return manager.create(values, shape);
    }

    @Override
    public long nextLong() {
        return random.nextLong();
    }
}
