package org.drcorl.train.extract;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.drcorl.data.TransitionBatch;
import org.drcorl.spi.NormalizationConstants;
import org.drcorl.train.critic.EvaluationConfig;
import org.drcorl.train.critic.FqeEnsemble;

/**
 * Ĉ without a simulator ("FQE-UCB", OFFLINE-COST.md): a {@link FqeEnsemble} kept current on the
 * policy, read at the dataset's episode starts s₀, where {@code Q^π(s₀, π(s₀))} is the policy's
 * own discounted episode cost, and converted to an episode cost. The upper bound
 * (mean + k·σ over the cost members) is what safety decisions use: where the data says little
 * about the policy's states, the members disagree and the bound rises.
 */
public final class OfflineCostEstimator implements AutoCloseable {
    private final FqeEnsemble ensemble;
    private final float[] initialStates;
    private final Shape initialShape;
    private final int horizon;
    private final double rewardScale;

    /**
     * @param initialStates the dataset's episode starts, row after row ({@code episodes × obsDim})
     * @param horizon       T, the task's episode length
     * @param rewardScale   the factor the batches' rewards carry (to report reward in episode units)
     */
    public OfflineCostEstimator(NDManager manager, int obsDim, int actDim, EvaluationConfig config, float[] initialStates,
                                int horizon, double rewardScale, long seed) {
        this(manager, obsDim, actDim, config, initialStates, horizon, rewardScale, seed, null, null);
    }

    /** As above, with the states standardized by the dataset's per-dimension mean and scale (see {@link FqeEnsemble}). */
    public OfflineCostEstimator(NDManager manager, int obsDim, int actDim, EvaluationConfig config, float[] initialStates,
                                int horizon, double rewardScale, long seed, float[] stateMean, float[] stateScale) {
        this(new FqeEnsemble(manager, obsDim, actDim, config, seed, stateMean, stateScale), initialStates, obsDim, horizon,
                rewardScale);
    }

    private OfflineCostEstimator(FqeEnsemble ensemble, float[] initialStates, int obsDim, int horizon, double rewardScale) {
        if (initialStates.length == 0 || initialStates.length % obsDim != 0) {
            throw new IllegalArgumentException("initial states must be whole rows of " + obsDim + " values, got " + initialStates.length);
        }
        if (horizon < 1) throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        this.ensemble = ensemble;
        this.initialStates = initialStates.clone();
        this.initialShape = new Shape(initialStates.length / obsDim, obsDim);
        this.horizon = horizon;
        this.rewardScale = rewardScale;
    }

    /** One evaluation update on a batch for {@code policy} (its next actions π(s′) computed here). */
    public float update(TransitionBatch batch, DeterministicPolicy policy) {
        NDArray nextActions = policy.act(batch.nextStates()).stopGradient();
        NDManager step = batch.states().getManager();
        return ensemble.update(batch, nextActions, step);
    }

    /** The policy's estimated episode cost (mean and upper bound) and reward return, from its values at the episode starts. */
    public Estimate estimate(DeterministicPolicy policy, NDManager step) {
        NDArray s0 = step.create(initialStates, initialShape);
        FqeEnsemble.Estimate q = ensemble.estimate(s0, policy.act(s0).stopGradient());
        double toEpisode = episodePerDiscounted(ensemble.config().gamma(), horizon);
        return new Estimate(toEpisode * q.costMean(), toEpisode * q.costUpper(), toEpisode * q.costSpread(),
                toEpisode * q.rewardMean() / rewardScale, toEpisode * q.rewardLower() / rewardScale);
    }

    /**
     * The policy's cost and reward per episode, estimated offline.
     *
     * @param cost       mean over the cost members
     * @param costUpper  the upper bound, mean + k·σ per start state, averaged
     * @param costSpread σ over the cost members per start state, averaged
     * @param reward     mean over the reward members (in the dataset's reward units)
     * @param rewardLower the reward's lower bound, mean − k·σ per start state, averaged: what the
     *                   offline selection ranks by, so that a policy the data says little about does
     *                   not win on the members' optimism
     * @param costMembers   each member's episode cost, where the estimate is one per member (the learned
     *                      model's rollouts; empty otherwise): so that a selection log can replay another rule
     * @param rewardMembers each member's episode reward, likewise
     */
    public record Estimate(double cost, double costUpper, double costSpread, double reward, double rewardLower,
                           double[] costMembers, double[] rewardMembers) {
        public Estimate {
            costMembers = costMembers.clone();
            rewardMembers = rewardMembers.clone();
        }

        /** An estimate without per-member values. */
        public Estimate(double cost, double costUpper, double costSpread, double reward, double rewardLower) {
            this(cost, costUpper, costSpread, reward, rewardLower, new double[0], new double[0]);
        }

        @Override
        public double[] costMembers() {
            return costMembers.clone();
        }

        @Override
        public double[] rewardMembers() {
            return rewardMembers.clone();
        }

        /** Ĉ's upper bound for budget κ (what decides safety). */
        public double normalizedUpper(double kappa) {
            return NormalizationConstants.normalizedCost(costUpper, kappa);
        }

        /** Ĉ at mean + k·σ for budget κ (k = 0: the mean). */
        public double normalizedAt(double k, double kappa) {
            return NormalizationConstants.normalizedCost(cost + k * costSpread, kappa);
        }

        /** Ĉ's mean for budget κ. */
        public double normalizedMean(double kappa) {
            return NormalizationConstants.normalizedCost(cost, kappa);
        }
    }

    /** The ensemble's cost guidance at a batch (see {@link FqeEnsemble#costUpperGradient}). */
    public FqeEnsemble.ActionGradient costGradient(NDArray states, NDArray actions) {
        return ensemble.costUpperGradient(states, actions);
    }

    /**
     * Episode cost per unit of discounted cost-to-go: for a per-step cost rate c̄, Q = c̄ (1 − γ^T)/(1 − γ)
     * while the episode cost is c̄ T, so the factor is {@code (1 − γ) T / (1 − γ^T)}.
     */
    public static double episodePerDiscounted(double gamma, int horizon) {
        return (1 - gamma) * horizon / (1 - Math.pow(gamma, horizon));
    }

    /** The ensemble's weights now, to re-evaluate the current policy later from this state ({@link #copy}). */
    public FqeEnsemble.Weights weights() {
        return ensemble.weights();
    }

    /** An independent estimator (fresh optimizer) starting from {@code weights} of this one. */
    public OfflineCostEstimator copy(NDManager manager, long seed, FqeEnsemble.Weights weights) {
        return new OfflineCostEstimator(ensemble.copy(manager, seed, weights), initialStates, (int) initialShape.get(1), horizon,
                rewardScale);
    }

    public EvaluationConfig config() {
        return ensemble.config();
    }

    @Override
    public void close() {
        ensemble.close();
    }
}
