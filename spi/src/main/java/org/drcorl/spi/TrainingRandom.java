package org.drcorl.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The seeded random source of a training run. Use it for every random number a plugin draws
 * (noise, diffusion times), never the engine's global generator, so that a run is
 * reproducible from its seed on any device.
 */
public interface TrainingRandom {

    /** Standard normal samples, float32, on {@code manager}'s device. */
    NDArray normal(NDManager manager, Shape shape);

    /** Uniform samples in [low, high), float32, on {@code manager}'s device. */
    NDArray uniform(NDManager manager, float low, float high, Shape shape);

    /**
     * An inverted-dropout mask: each entry is {@code 1/keep} with probability {@code keep},
     * else 0, so that {@code x · mask} keeps the expectation of x.
     */
    NDArray bernoulliMask(NDManager manager, double keep, Shape shape);

    /** A fresh long, e.g. to seed a plugin's own generator. */
    long nextLong();
}
