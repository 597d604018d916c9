package org.drcorl.train.critic;

import ai.djl.ndarray.NDArray;
import org.drcorl.spi.Constants;

/**
 * How the twin Q heads are combined into the target of the value regression: the minimum
 * for reward (IQL's pessimism about return), the maximum for cost (pessimism about cost, as
 * DRCORL asks), or the mean.
 */
public enum QAggregation {
    MIN, MAX, MEAN;

    public NDArray combine(NDArray q1, NDArray q2) {
        return switch (this) {
            case MIN -> q1.minimum(q2);
            case MAX -> q1.maximum(q2);
            case MEAN -> Constants.div(q1.add(q2), 2);
        };
    }
}
