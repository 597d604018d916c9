package org.drcorl.train.behaviormodel;

/**
 * Hyperparameters of the stage-1 diffusion behaviour model.
 *
 * @param hidden       trunk width H (paper: 256)
 * @param blocks       residual blocks B (paper: 3)
 * @param dropout      dropout inside the blocks (paper: 0.1)
 * @param learningRate AdamW learning rate (paper: 3e-4)
 * @param weightDecay  AdamW decoupled weight decay (paper: 0.01)
 * @param minTime      smallest diffusion time drawn for training (paper: 1e-3)
 */
public record BehaviorModelConfig(int hidden, int blocks, double dropout, double learningRate, double weightDecay,
                                  double minTime) {

    public BehaviorModelConfig {
        if (hidden <= 0 || blocks < 0) throw new IllegalArgumentException("behaviour model needs hidden > 0 and blocks >= 0");
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        if (!(minTime > 0 && minTime < 1)) throw new IllegalArgumentException("minTime must be in (0, 1), got " + minTime);
    }

    /** The paper's sizes. */
    public static BehaviorModelConfig paper() {
        return new BehaviorModelConfig(256, 3, 0.1, 3e-4, 0.01, 1e-3);
    }

    public BehaviorModelConfig withSize(int width, int depth) {
        return new BehaviorModelConfig(width, depth, dropout, learningRate, weightDecay, minTime);
    }

    public BehaviorModelConfig withLearningRate(double lr) {
        return new BehaviorModelConfig(hidden, blocks, dropout, lr, weightDecay, minTime);
    }
}
