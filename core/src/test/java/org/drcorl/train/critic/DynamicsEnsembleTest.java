package org.drcorl.train.critic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.drcorl.data.TransitionBatch;
import org.junit.jupiter.api.Test;

/**
 * A learned model evaluates a policy by simulating it: on a one-dimensional track
 * (x′ = x + 0.1·a, a cost of 1 for every step that ends beyond x = 0.5, reward x′), trained on
 * random actions only, the rollouts of a policy that drives right and one that drives left give
 * their true episode costs and rewards, and a policy that pushes against the edge of what the
 * data covers stays bounded (the rolled-out state is kept inside the data's box). The simulated guidance points the
 * way the cost and the reward change with the first action.
 */
class DynamicsEnsembleTest {
    private static final int HORIZON = 20;
    private static final DynamicsEnsemble.Config CONFIG = new DynamicsEnsemble.Config(3, 64, 2, 3e-3, 1500, 2.0, 0, 0, 0.5, 0, false, false, true);

    private static float step(float x, float a) {
        return Math.max(-1f, Math.min(1f, x + 0.1f * a));
    }

    /** Random transitions over the track: x uniform in [−1, 1], a uniform in [−1, 1]. */
    private static TransitionBatch batch(NDManager m, SplittableRandom random, int n) {
        float[] s = new float[n], a = new float[n], next = new float[n], c = new float[n], r = new float[n], notDone = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = (float) (random.nextDouble() * 2 - 1);
            a[i] = (float) (random.nextDouble() * 2 - 1);
            next[i] = step(s[i], a[i]);
            c[i] = next[i] > 0.5f ? 1 : 0;
            r[i] = next[i];
            notDone[i] = 1;
        }
        Shape col = new Shape(n, 1);
        return new TransitionBatch(m.create(s, col), m.create(a, col), m.create(r, col), m.create(c, col), m.create(next, col),
                m.create(notDone, col));
    }

    private static DynamicsEnsemble.DataStatistics statistics() {
        return statistics(1);
    }

    /** The track's statistics with the box of states seen ending at {@code high} on the right. */
    private static DynamicsEnsemble.DataStatistics statistics(float high) {
        // x uniform on [−1, 1]: mean 0, sd 1/√3; Δ = 0.1·a: sd 0.1/√3; cost ≈ P(x′ > 0.5) ≈ 0.25; reward x′
        float sd = (float) (1 / Math.sqrt(3));
        return new DynamicsEnsemble.DataStatistics(new float[] {0}, new float[] {sd}, new float[] {0.1f * sd},
                new float[] {-1}, new float[] {high}, 0.25f, 0.43f, 0, 1, 0, sd, -1, 1, false);
    }

    /** Episode cost and reward of a constant action from x0, on the true track. */
    private static double[] truth(float x0, float a) {
        return truth(x0, a, Float.POSITIVE_INFINITY);
    }

    /** As {@link #truth(float, float)} on a track whose episodes end on the first step that reaches x ≥ {@code end}. */
    private static double[] truth(float x0, float a, float end) {
        float x = x0;
        double cost = 0, reward = 0;
        for (int t = 0; t < HORIZON; t++) {
            x = step(x, a);
            cost += x > 0.5f ? 1 : 0;
            reward += x;
            if (x >= end) break;
        }
        return new double[] {cost, reward};
    }

    @Test
    void rolloutsGiveAPolicysTrueEpisodeCostAndStayInsideTheData() {
        try (NDManager m = NDManager.newBaseManager();
             DynamicsEnsemble model = new DynamicsEnsemble(m, 1, 1, CONFIG, statistics(), 7)) {
            SplittableRandom random = new SplittableRandom(11);
            float first = 0, last = 0;
            for (int i = 0; i < CONFIG.steps(); i++) {
                try (NDManager step = m.newSubManager()) {
                    float loss = model.update(batch(step, random, 256), step);
                    if (i < 20) first += loss / 20;
                    if (i >= CONFIG.steps() - 20) last += loss / 20;
                }
            }
            assertTrue(last < 0.5 * first, "the model's loss falls: " + first + " → " + last);
            float[] starts = {-0.2f, 0f, 0.2f};
            NDArray s0 = m.create(starts, new Shape(starts.length, 1));
            for (float action : new float[] {1f, -1f}) {
                UnaryOperator<NDArray> policy = s -> s.onesLike().mul(action);
                double[][] r = model.rollout(policy, s0, HORIZON, m, null);
                double cost = 0, reward = 0;
                for (float x0 : starts) {
                    cost += truth(x0, action)[0] / starts.length;
                    reward += truth(x0, action)[1] / starts.length;
                }
                for (int k = 0; k < CONFIG.members(); k++) {
                    assertEquals(cost, r[0][k], 1.0 + 0.15 * cost, "a = " + action + ", member " + k + ": episode cost");
                    assertEquals(reward, r[1][k], 1.0 + 0.15 * Math.abs(reward), "a = " + action + ", member " + k + ": episode reward");
                }
            }
            // a policy that pushes twice as hard as any action in the data: the state stays within [−1, 1],
            // so neither sum can exceed what T steps of the data's largest cost and reward allow
            double[][] pushed = model.rollout(s -> s.onesLike().mul(2f), s0, HORIZON, m, null);
            for (int k = 0; k < CONFIG.members(); k++) {
                assertTrue(pushed[0][k] >= 0 && pushed[0][k] <= HORIZON, "cost within [0, T]: " + pushed[0][k]);
                assertTrue(Math.abs(pushed[1][k]) <= HORIZON, "reward within ±T: " + pushed[1][k]);
            }
            // the task's termination rule ends the rollouts where the task would: on a track that ends once x ≥ 0.35
            // (never seen in the data, whose every row goes on), driving right costs nothing, for the episode ends
            // before the costly region; the head, which learnt that nothing ends, would have it drive on into it
            var endsPast = org.drcorl.spi.TerminationRule.over(1).within(0, Double.NEGATIVE_INFINITY, 0.35).build("x < 0.35");
            double[][] ended = model.rollout(s -> s.onesLike(), s0, HORIZON, m, endsPast);
            double endedCost = 0, endedReward = 0;
            for (float x0 : starts) {
                endedCost += truth(x0, 1f, 0.35f)[0] / starts.length;
                endedReward += truth(x0, 1f, 0.35f)[1] / starts.length;
            }
            assertEquals(0, endedCost, "on the true track the episode ends before the costly region");
            for (int k = 0; k < CONFIG.members(); k++) {
                assertEquals(endedCost, ended[0][k], 0.5, "member " + k + ": episode cost with the task's termination");
                assertEquals(endedReward, ended[1][k], 0.3, "member " + k + ": episode reward with the task's termination");
            }
            // a rule that never ends an episode leaves the rollouts as the head left them (the data hold no terminal row)
            double[][] never = model.rollout(s -> s.onesLike(), s0, HORIZON, m, org.drcorl.spi.TerminationRule.never(1, "no end"));
            double[][] head = model.rollout(s -> s.onesLike(), s0, HORIZON, m, null);
            for (int k = 0; k < CONFIG.members(); k++) assertEquals(head[0][k], never[0][k], 0.05 * head[0][k] + 0.05, "member " + k);
            var wrongSize = org.drcorl.spi.TerminationRule.never(2, "two dimensions");
            var refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> model.rollout(s -> s.onesLike(), s0, HORIZON, m, wrongSize));
            assertTrue(refused.getMessage().contains("2 dimensions"), refused.getMessage());
            // the cost gradient: just left of the costly region (x > 0.5), with a policy that stands still afterwards,
            // a step right costs more over the next steps (positive gradient) and a step left less; far left, no step matters
            NDArray near = m.create(new float[] {0.45f, 0.45f}, new Shape(2, 1)), far = m.create(new float[] {-0.9f, -0.9f}, new Shape(2, 1));
            NDArray moves = m.create(new float[] {0.6f, -0.6f}, new Shape(2, 1));
            UnaryOperator<NDArray> still = s -> s.zerosLike();
            FqeEnsemble.ActionGradient edge = model.costGradient(near, moves, still, 5, 0.99);
            FqeEnsemble.ActionGradient safe = model.costGradient(far, moves, still, 5, 0.99);
            float[] ge = edge.gradient().toFloatArray(), gs = safe.gradient().toFloatArray();
            assertTrue(ge[0] > 10 && ge[1] > 0, "at the edge, moving right costs more: " + java.util.Arrays.toString(ge));
            assertTrue(Math.abs(gs[0]) < 0.25 * ge[0] && Math.abs(gs[1]) < 0.25 * ge[0], "far from it, nothing changes: "
                    + java.util.Arrays.toString(gs));
            assertTrue(edge.meanValue() > safe.meanValue(), "more cost at the edge: " + edge.meanValue() + " vs " + safe.meanValue());

            // the reward's guidance from the same simulation (reward x′): a step right raises every later x, at the
            // edge and far from it; asked for with it, the cost's guidance is the one computed alone
            DynamicsEnsemble.SimulatedGradients both = model.simulatedGradients(near, moves, still, 5, 0.99, 0, true);
            float[] gb = both.cost().gradient().toFloatArray();
            for (int i = 0; i < ge.length; i++) assertEquals(ge[i], gb[i], 1e-5 * Math.abs(ge[i]), "the cost's guidance with the reward's beside it");
            for (NDArray states : new NDArray[] {near, far}) {
                float[] gr = model.simulatedGradients(states, moves, still, 5, 0.99, 0, true).reward().gradient().toFloatArray();
                // every later x′ is 0.1·a further right: a rate of 0.1 per unit of a, in Q units 0.1 / (1 − γ) = 10
                for (float g : gr) assertTrue(g > 5 && g < 15, "moving right earns more: " + java.util.Arrays.toString(gr));
            }
            // pessimism: the members' spread raises the cost and lowers the reward the guidance is taken at
            DynamicsEnsemble.SimulatedGradients careful = model.simulatedGradients(near, moves, still, 5, 0.99, 1, true);
            assertTrue(careful.cost().meanValue() > both.cost().meanValue(), "cost mean + σ above the mean: "
                    + careful.cost().meanValue() + " vs " + both.cost().meanValue());
            assertTrue(careful.reward().meanValue() < both.reward().meanValue(), "reward mean − σ below the mean: "
                    + careful.reward().meanValue() + " vs " + both.reward().meanValue());
        }
    }

    /**
     * A policy that drives the model out of the box of states the data cover: the rollout is kept
     * inside the box, where (here) nothing costs, so it reads as free; with {@code outsideCost}
     * every step that leaves the box costs the data's highest step cost, and a first action toward
     * the box's face, or beyond it, has a cost gradient.
     */
    @Test
    void leavingTheDataCostsWhenOutsideCostIsOn() {
        // the box ends at x = 0.3, short of the costly region (x > 0.5): driving right reaches 0.3 and stays there
        DynamicsEnsemble.Config outside = new DynamicsEnsemble.Config(3, 64, 2, 3e-3, 1500, 2.0, 0, 0, 0.5, 0, false, true, true);
        try (NDManager m = NDManager.newBaseManager();
             DynamicsEnsemble plain = new DynamicsEnsemble(m, 1, 1, CONFIG, statistics(0.3f), 7);
             DynamicsEnsemble guarded = new DynamicsEnsemble(m, 1, 1, outside, statistics(0.3f), 7)) {
            SplittableRandom random = new SplittableRandom(11);
            for (int i = 0; i < 800; i++) { // rough dynamics suffice here
                try (NDManager step = m.newSubManager()) {
                    plain.update(batch(step, random, 128), step);
                }
            }
            plain.parameters().copyInto(guarded.parameters());
            NDArray s0 = m.create(new float[] {-0.2f, 0f, 0.2f}, new Shape(3, 1));
            double[][] right = plain.rollout(s -> s.onesLike(), s0, HORIZON, m, null);
            double[][] rightGuarded = guarded.rollout(s -> s.onesLike(), s0, HORIZON, m, null);
            // slowly left, never near the left face (−1) in 20 steps
            double[][] left = plain.rollout(s -> s.onesLike().mul(-0.3f), s0, HORIZON, m, null);
            double[][] leftGuarded = guarded.rollout(s -> s.onesLike().mul(-0.3f), s0, HORIZON, m, null);
            for (int k = 0; k < CONFIG.members(); k++) {
                assertTrue(right[0][k] < 1, "clamped at 0.3, driving right reads as free: " + right[0][k]);
                // from x0 = 0.2, −0 and −0.2 the box is left from step 2, 4 and 6 on: about 16 costly steps of 20
                assertTrue(rightGuarded[0][k] > 12 && rightGuarded[0][k] <= HORIZON, "leaving the box costs: " + rightGuarded[0][k]);
                assertEquals(left[0][k], leftGuarded[0][k], 1e-6, "driving left stays inside: the same cost");
                assertEquals(right[1][k], rightGuarded[1][k], 1e-6, "the reward is not touched");
            }
            // just inside the face, a step right leaves the box: a positive cost gradient; without outside cost none
            NDArray inside = m.create(new float[] {0.27f}, new Shape(1, 1)), move = m.create(new float[] {0.5f}, new Shape(1, 1));
            UnaryOperator<NDArray> still = s -> s.zerosLike();
            float g = guarded.costGradient(inside, move, still, 5, 0.99).gradient().toFloatArray()[0];
            float g0 = plain.costGradient(inside, move, still, 5, 0.99).gradient().toFloatArray()[0];
            assertTrue(g > 10 && g > 10 * Math.abs(g0), "a step out of the box costs more: " + g + " vs " + g0 + " without");
            // at the face, a full step right lands 0.17 σ outside, past where the judgement's cost stops rising:
            // the guidance's goes on, so a policy far out is still led back
            NDArray face = m.create(new float[] {0.3f}, new Shape(1, 1)), push = m.create(new float[] {1f}, new Shape(1, 1));
            float gFar = guarded.costGradient(face, push, still, 5, 0.99).gradient().toFloatArray()[0];
            assertTrue(gFar > 10, "far out, the guidance still points back: " + gFar);
        }
    }
}
