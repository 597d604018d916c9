package org.drcorl.train;

import java.util.List;
import java.util.Locale;

/**
 * Sizes and step budgets of a whole run, by name: {@code smoke} (seconds, for tests),
 * {@code quick} (minutes on a 2-core CPU; the README's default) and {@code paper} (the
 * reference's sizes and budgets; for a GPU).
 *
 * @param behavior        stage-1 network and optimizer
 * @param behaviorSteps   stage-1 updates
 * @param behaviorBatch   stage-1 batch size
 * @param rewardCritic    stage-2 reward critic
 * @param costCritic      stage-2 cost critic
 * @param criticSteps     stage-2 updates (both critics each step)
 * @param criticBatch     stage-2 batch size
 * @param policyHidden    policy width
 * @param policyLearningRate policy Adam learning rate
 * @param pretrainSteps   stage-3 phase 1 (regularizer only) updates
 * @param extractSteps    stage-3 phase 2 updates
 * @param extractBatch    stage-3 batch size
 * @param betaStart       β at the start of phase 2
 * @param betaGrowthSteps β's √ schedule period (0 = constant)
 * @param costSmoothing   per-step rate of the running offline cost estimate
 * @param evalEpisodes    evaluation episodes per policy and seed
 */
public record Preset(String name, BehaviorModelConfig behavior, int behaviorSteps, int behaviorBatch,
                     CriticConfig rewardCritic, CriticConfig costCritic, int criticSteps, int criticBatch,
                     int policyHidden, double policyLearningRate, int pretrainSteps, int extractSteps, int extractBatch,
                     double betaStart, int betaGrowthSteps, double costSmoothing, int evalEpisodes) {

    public static final List<String> NAMES = List.of("smoke", "quick", "paper");

    public static Preset named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "smoke" -> new Preset("smoke", BehaviorModelConfig.paper().withSize(32, 1).withLearningRate(1e-3), 60, 64,
                    CriticConfig.reward().withHidden(32), CriticConfig.cost().withHidden(32), 60, 64,
                    32, 1e-3, 20, 40, 64, 1.0, 0, 0.2, 2);
            case "quick" -> new Preset("quick", BehaviorModelConfig.paper().withSize(128, 2).withLearningRate(1e-3), 4000, 256,
                    CriticConfig.reward().withHidden(128), CriticConfig.cost().withHidden(128), 8000, 256,
                    128, 3e-4, 1000, 3000, 256, 0.02, 1000, 0.05, 20);
            case "paper" -> new Preset("paper", BehaviorModelConfig.paper(), 2_000_000, 2048,
                    CriticConfig.reward(), CriticConfig.cost(), 1_000_000, 256,
                    256, 3e-4, 100_000, 100_000, 256, 0.01, 1000, 0.05, 20);
            default -> throw new IllegalArgumentException("unknown preset '" + name + "'; available: " + String.join(", ", NAMES));
        };
    }
}
