package org.drcorl.train.critic;

/**
 * Hyperparameters of one IQL critic (DRCORL.md, stage 2).
 *
 * @param hidden       width of the two hidden layers of Q and V (paper: 256)
 * @param learningRate Adam learning rate for Q and V (paper: 3e-4)
 * @param gamma        discount γ (paper: 0.99)
 * @param expectile    τ of the expectile regression of V onto Q (paper: 0.7)
 * @param polyak       target-network averaging rate per step (paper: 0.005)
 * @param aggregation  how the target twin heads are combined for V's regression target
 */
public record CriticConfig(int hidden, double learningRate, double gamma, double expectile, double polyak,
                           QAggregation aggregation) {

    public CriticConfig {
        if (hidden <= 0) throw new IllegalArgumentException("critic width must be positive, got " + hidden);
        if (!(gamma > 0 && gamma < 1)) throw new IllegalArgumentException("gamma must be in (0, 1), got " + gamma);
        if (!(expectile > 0 && expectile < 1)) throw new IllegalArgumentException("expectile must be in (0, 1), got " + expectile);
        if (!(polyak > 0 && polyak <= 1)) throw new IllegalArgumentException("polyak rate must be in (0, 1], got " + polyak);
    }

    /** The paper's reward critic. */
    public static CriticConfig reward() {
        return new CriticConfig(256, 3e-4, 0.99, 0.7, 0.005, QAggregation.MIN);
    }

    /** The paper's cost critic: pessimistic (max) aggregation. */
    public static CriticConfig cost() {
        return new CriticConfig(256, 3e-4, 0.99, 0.7, 0.005, QAggregation.MAX);
    }

    public CriticConfig withHidden(int width) {
        return new CriticConfig(width, learningRate, gamma, expectile, polyak, aggregation);
    }
}
