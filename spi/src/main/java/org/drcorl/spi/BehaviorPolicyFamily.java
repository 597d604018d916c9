package org.drcorl.spi;

import java.util.SplittableRandom;

/**
 * The data-collection policies of one task. A good family spans the reward–cost plane the
 * way DSRL's data does: careful low-cost episodes, reckless high-reward high-cost episodes,
 * and the frontier in between, so that a naive learner is unsafe and a naive safe filter
 * gives up reward.
 */
public interface BehaviorPolicyFamily {

    /**
     * The policy that acts during episode {@code episode} of {@code episodes}. Everything
     * random about it (its aggressiveness, its noise) must come from {@code random}, so that a
     * collection run is reproducible from its seed.
     */
    EpisodePolicy policyFor(int episode, int episodes, SplittableRandom random);
}
