package org.drcorl.train.critic;

/**
 * Settings of the offline policy evaluation ({@link FqeEnsemble}, OFFLINE-COST.md): an ensemble
 * of small critics trained by fitted Q evaluation on the extracted policy's own next actions.
 *
 * @param costMembers    critics evaluating the policy's cost (their spread is Ĉ's uncertainty); ≥ 2
 * @param rewardMembers  critics evaluating its (scaled) reward, for choosing among snapshots; ≥ 1
 * @param hidden         width of each critic's two hidden layers
 * @param learningRate   Adam learning rate
 * @param gamma          discount of the evaluation (also the one Ĉ's conversion to an episode cost uses)
 * @param polyak         target-network averaging rate per update
 * @param pretrainSteps  updates on the phase-1 policy before phase 2 starts, so the first Ĉ is already π's
 * @param updatesPerStep updates per phase-2 step, keeping the evaluation current as π moves
 * @param upperK         Ĉ's upper bound is mean + upperK · standard deviation over the cost members: what
 *                       the offline selection holds to the budget and what the cost guidance descends
 * @param steerK         the Ĉ the constraint handler sees during phase 2 is mean + steerK · standard
 *                       deviation (0: the mean; the bound is for the final choice, where safety is decided)
 * @param reevaluationSteps updates of the estimate of each snapshot on that snapshot alone before
 *                       the offline selection compares them (0: the estimates taken while π moved)
 */
public record EvaluationConfig(int costMembers, int rewardMembers, int hidden, double learningRate, double gamma,
                               double polyak, int pretrainSteps, int updatesPerStep, double upperK,
                               double steerK, int reevaluationSteps) {

    public EvaluationConfig {
        if (costMembers < 2) throw new IllegalArgumentException("evaluation cost members must be >= 2 (an ensemble of one has no spread), got " + costMembers);
        if (rewardMembers < 1) throw new IllegalArgumentException("evaluation reward members must be >= 1, got " + rewardMembers);
        if (hidden < 1) throw new IllegalArgumentException("evaluation width must be >= 1, got " + hidden);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) throw new IllegalArgumentException("evaluation learning rate must be > 0, got " + learningRate);
        if (!(gamma > 0 && gamma < 1)) throw new IllegalArgumentException("evaluation gamma must be in (0, 1), got " + gamma);
        if (!(polyak > 0 && polyak <= 1)) throw new IllegalArgumentException("evaluation polyak rate must be in (0, 1], got " + polyak);
        if (pretrainSteps < 0) throw new IllegalArgumentException("evaluation pretrain steps must be >= 0, got " + pretrainSteps);
        if (updatesPerStep < 1) throw new IllegalArgumentException("evaluation updates per step must be >= 1, got " + updatesPerStep);
        if (!(upperK >= 0) || !Double.isFinite(upperK)) throw new IllegalArgumentException("evaluation upper-k must be >= 0, got " + upperK);
        if (!(steerK >= 0) || !Double.isFinite(steerK)) throw new IllegalArgumentException("evaluation steer-k must be >= 0, got " + steerK);
        if (reevaluationSteps < 0) throw new IllegalArgumentException("evaluation re-evaluation steps must be >= 0, got " + reevaluationSteps);
    }

    /** These settings with other pre-training and re-evaluation budgets (the preset {@code quick} uses fewer). */
    public EvaluationConfig withPretrainAndReevaluation(int pretrain, int reevaluation) {
        return new EvaluationConfig(costMembers, rewardMembers, hidden, learningRate, gamma, polyak, pretrain, updatesPerStep, upperK,
                steerK, reevaluation);
    }

    /**
     * The default: 4 cost and 2 reward critics of width 128, lr 1e-3, γ 0.995, Polyak 0.1, 3000
     * pre-training updates, 1 update per phase-2 step, k = 2 for the bound, the handler sees the bound too, 600
     * re-evaluation updates per snapshot.
     */
    public static EvaluationConfig standard() {
        return new EvaluationConfig(4, 2, 128, 1e-3, 0.995, 0.1, 3000, 1, 2.0, 2.0, 600);
    }
}
