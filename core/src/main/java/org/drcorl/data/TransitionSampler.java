package org.drcorl.data;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws uniform minibatches of transitions from an offline dataset onto the device.
 *
 * <p>Rewards are scaled as in the reference code, {@code r · 1000 / (R_max − R_min)} with the
 * range of the dataset's episode reward returns, so that the reward critic's scale does not
 * depend on the task; costs are not scaled (the cost critic's values must stay in episode-cost
 * units for the budget). Time-outs bootstrap ({@code notDone} = 1): only terminals end the
 * value.
 */
public final class TransitionSampler {
    private final OfflineDataset data;
    private final float[] observations, nextObservations, actions, rewards, costs, notDone;
    private final int obs, act;
    private final double rewardScale;
    private final SplittableRandom random;

    public TransitionSampler(OfflineDataset data, long seed) {
        this.data = data;
        this.obs = data.obsDim();
        this.act = data.actDim();
        // read in place (no copy): the arrays are never written, and a second copy of the
        // dataset is what made large runs fail for memory
        this.observations = data.sharedObservations();
        this.nextObservations = data.sharedNextObservations();
        this.actions = data.sharedActions();
        this.costs = data.sharedCosts();
        double[] returns = data.episodeRewardReturns();
        double span = returns.length == 0 ? 0 : Arrays.stream(returns).max().orElseThrow() - Arrays.stream(returns).min().orElseThrow();
        this.rewardScale = span > 0 ? 1000.0 / span : 1.0;
        float[] r = data.rewards();
        for (int i = 0; i < r.length; i++) r[i] = (float) (r[i] * rewardScale);
        this.rewards = r;
        boolean[] terminals = data.terminals();
        this.notDone = new float[terminals.length];
        for (int i = 0; i < terminals.length; i++) notDone[i] = terminals[i] ? 0f : 1f;
        this.random = new SplittableRandom(seed);
    }

    private TransitionSampler(TransitionSampler prepared, long seed) {
        this.data = prepared.data;
        this.obs = prepared.obs;
        this.act = prepared.act;
        this.observations = prepared.observations;
        this.nextObservations = prepared.nextObservations;
        this.actions = prepared.actions;
        this.rewards = prepared.rewards;
        this.costs = prepared.costs;
        this.notDone = prepared.notDone;
        this.rewardScale = prepared.rewardScale;
        this.random = new SplittableRandom(seed);
    }

    /** A sampler over the same prepared arrays (no copy) with its own random stream. */
    public TransitionSampler withSeed(long seed) {
        return new TransitionSampler(this, seed);
    }

    /** The factor rewards are multiplied by in every batch, 1000 / (R_max − R_min). */
    public double rewardScale() {
        return rewardScale;
    }

    public OfflineDataset dataset() {
        return data;
    }

    /** A batch of {@code size} transitions drawn with replacement, in {@code manager}. */
    public TransitionBatch sample(NDManager manager, int size) {
        int n = data.size();
        float[] s = new float[size * obs], s2 = new float[size * obs], a = new float[size * act];
        float[] r = new float[size], c = new float[size], nd = new float[size];
        for (int k = 0; k < size; k++) {
            int i = random.nextInt(n);
            System.arraycopy(observations, i * obs, s, k * obs, obs);
            System.arraycopy(nextObservations, i * obs, s2, k * obs, obs);
            System.arraycopy(actions, i * act, a, k * act, act);
            r[k] = rewards[i];
            c[k] = costs[i];
            nd[k] = notDone[i];
        }
        Shape column = new Shape(size, 1);
        return new TransitionBatch(manager.create(s, new Shape(size, obs)), manager.create(a, new Shape(size, act)),
                manager.create(r, column), manager.create(c, column), manager.create(s2, new Shape(size, obs)),
                manager.create(nd, column));
    }
}
