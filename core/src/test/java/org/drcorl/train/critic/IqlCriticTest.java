package org.drcorl.train.critic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** On a deterministic chain the IQL critics must recover the discounted returns exactly. */
class IqlCriticTest {
    private static final int N = 5;
    private static final double GAMMA = 0.9;

    private static NDArray oneHot(NDManager m, int offset) {
        float[] v = new float[N * N];
        for (int k = 0; k < N; k++) if (k + offset < N) v[k * N + k + offset] = 1;
        return m.create(v, new Shape(N, N));
    }

    @Test
    void recoversDiscountedRewardAndPerSampleCostOnAChain() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray s = oneHot(m, 0), next = oneHot(m, 1);
            NDArray a = m.full(new Shape(N, 1), 0.5f);
            NDArray reward = m.ones(new Shape(N, 1));
            NDArray cost = m.create(new float[] {0, 0, 1, 0, 0}, new Shape(N, 1)); // only the step from s2 costs
            NDArray notDone = m.create(new float[] {1, 1, 1, 1, 0}, new Shape(N, 1));
            CriticConfig cfg = new CriticConfig(32, 1e-2, GAMMA, 0.7, 0.1, QAggregation.MIN);
            try (IqlCritic rc = new IqlCritic(m, N, 1, cfg, new SplittableRandom(1));
                 IqlCritic cc = new IqlCritic(m, N, 1, new CriticConfig(32, 1e-2, GAMMA, 0.7, 0.1, QAggregation.MAX),
                         new SplittableRandom(2))) {
                for (int i = 0; i < 500; i++) {
                    try (NDManager step = m.newSubManager()) {
                        rc.iqlUpdate(s, a, reward, next, notDone, step);
                        cc.iqlUpdate(s, a, cost, next, notDone, step);
                    }
                }
                float[] qr = rc.targetMean(s, a).toFloatArray();
                float[] qc = cc.targetMean(s, a).toFloatArray();
                for (int k = 0; k < N; k++) {
                    double ret = 0;
                    for (int i = 0; i < N - k; i++) ret += Math.pow(GAMMA, i);
                    assertEquals(ret, qr[k], 0.05 * ret, "reward Q at s" + k);
                    double costToGo = k <= 2 ? Math.pow(GAMMA, 2 - k) : 0;
                    assertEquals(costToGo, qc[k], 0.05, "cost Q at s" + k + " (per-sample targets)");
                }
                float[] v = rc.value(s).toFloatArray();
                assertEquals(qr[0], v[0], 0.1, "V tracks Q on deterministic data");
            }
        }
    }
}
