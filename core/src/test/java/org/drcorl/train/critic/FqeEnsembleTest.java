package org.drcorl.train.critic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.drcorl.data.TransitionBatch;
import org.junit.jupiter.api.Test;

/**
 * Fitted Q evaluation evaluates the policy it is given, not the data's: on a chain where every
 * state was visited with both a costly action (a = +1, cost 1) and a free one (a = −1, cost 0), the
 * ensemble's cost at the start is the discounted cost of the policy whose next actions it
 * bootstraps through. And a cost is never negative: where the members extrapolate (states far from
 * the data) their cost still reads ≥ 0, and so does the bound a selection compares to the budget.
 */
class FqeEnsembleTest {
    private static final int N = 5;
    private static final double GAMMA = 0.9;
    private static final EvaluationConfig CONFIG = new EvaluationConfig(3, 1, 32, 1e-2, GAMMA, 0.2, 0, 1, 2.0, 2.0, 0);

    /** Rows k·2 and k·2+1: state k (one-hot) with action +1 (cost 1) and −1 (cost 0), both to state k+1; the last state ends. */
    private static TransitionBatch chain(NDManager m) {
        int rows = 2 * N;
        float[] s = new float[rows * N], next = new float[rows * N], a = new float[rows], c = new float[rows], r = new float[rows],
                notDone = new float[rows];
        for (int k = 0; k < N; k++) {
            for (int j = 0; j < 2; j++) {
                int row = 2 * k + j;
                s[row * N + k] = 1;
                if (k + 1 < N) next[row * N + k + 1] = 1;
                a[row] = j == 0 ? 1 : -1;
                c[row] = j == 0 ? 1 : 0;
                r[row] = 1;
                notDone[row] = k + 1 < N ? 1 : 0;
            }
        }
        return new TransitionBatch(m.create(s, new Shape(rows, N)), m.create(a, new Shape(rows, 1)), m.create(r, new Shape(rows, 1)),
                m.create(c, new Shape(rows, 1)), m.create(next, new Shape(rows, N)), m.create(notDone, new Shape(rows, 1)));
    }

    private static double discountedCostFromStart(double perStep) {
        double sum = 0;
        for (int i = 0; i < N; i++) sum += perStep * Math.pow(GAMMA, i);
        return sum;
    }

    @Test
    void evaluatesThePolicyItBootstrapsThroughNotTheData() {
        for (float policyAction : new float[] {1f, -1f}) {
            try (NDManager m = NDManager.newBaseManager();
                 FqeEnsemble fqe = new FqeEnsemble(m, N, 1, CONFIG, 3, null, null)) {
                TransitionBatch batch = chain(m);
                NDArray nextActions = m.full(new Shape(2 * N, 1), policyAction);
                for (int i = 0; i < 1500; i++) {
                    try (NDManager step = m.newSubManager()) {
                        fqe.update(batch, nextActions, step);
                    }
                }
                float[] start = new float[N];
                start[0] = 1;
                FqeEnsemble.Estimate e = fqe.estimate(m.create(start, new Shape(1, N)), m.full(new Shape(1, 1), policyAction));
                double expected = discountedCostFromStart(policyAction > 0 ? 1 : 0);
                assertEquals(expected, e.costMean(), 0.1 + 0.05 * expected, "policy a = " + policyAction + ": discounted cost from s0");
                assertEquals(discountedCostFromStart(1), e.rewardMean(), 0.1 * discountedCostFromStart(1), "reward members: the discounted return of 1 per step");
            }
        }
    }

    @Test
    void costNeverReadsNegativeWhereTheMembersExtrapolate() {
        try (NDManager m = NDManager.newBaseManager();
             FqeEnsemble fqe = new FqeEnsemble(m, N, 1, CONFIG, 5, null, null)) {
            TransitionBatch batch = chain(m);
            NDArray free = m.full(new Shape(2 * N, 1), -1f); // the free policy: true cost 0 everywhere
            for (int i = 0; i < 300; i++) {
                try (NDManager step = m.newSubManager()) {
                    fqe.update(batch, free, step);
                }
            }
            // far from every state and action of the data: the members' raw outputs there are linear
            // extrapolations of either sign
            SplittableRandom random = new SplittableRandom(9);
            int far = 200;
            float[] states = new float[far * N], actions = new float[far];
            for (int i = 0; i < states.length; i++) states[i] = (float) (random.nextDouble(-1, 1) * 50);
            for (int i = 0; i < far; i++) actions[i] = (float) random.nextDouble(-20, 20);
            for (int i = 0; i < far; i++) {
                FqeEnsemble.Estimate e = fqe.estimate(m.create(java.util.Arrays.copyOfRange(states, i * N, (i + 1) * N), new Shape(1, N)),
                        m.create(new float[] {actions[i]}, new Shape(1, 1)));
                assertTrue(e.costMean() >= 0, "cost mean " + e.costMean() + " at far state " + i);
                assertTrue(e.costUpper() >= e.costMean(), "the bound is at least the mean at far state " + i);
            }
            FqeEnsemble.ActionGradient g = fqe.costUpperGradient(m.create(states, new Shape(far, N)), m.create(actions, new Shape(far, 1)));
            assertTrue(g.meanValue() >= 0, "the guided bound's batch mean " + g.meanValue());
        }
    }
}
