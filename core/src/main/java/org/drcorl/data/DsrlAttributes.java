package org.drcorl.data;

import java.util.Set;

/** Names of the datasets and root attributes of the DSRL layout, as written and read here. */
final class DsrlAttributes {
    private DsrlAttributes() {}

    static final String OBSERVATIONS = "observations";
    static final String NEXT_OBSERVATIONS = "next_observations";
    static final String ACTIONS = "actions";
    static final String REWARDS = "rewards";
    static final String COSTS = "costs";
    static final String TERMINALS = "terminals";
    static final String TIMEOUTS = "timeouts";
    /** Our addition: one behaviour label per episode, a string dataset (not an attribute: attributes are capped at 64 KiB). */
    static final String EPISODE_LABELS = "episode_labels";

    static final String TASK_ID = "task_id";
    static final String REWARD_MIN = "reward_min";
    static final String REWARD_MAX = "reward_max";
    static final String COST_MAX = "cost_max";
    static final String MAX_EPISODE_STEPS = "max_episode_steps";
    static final String FORMAT_VERSION = "format_version";
    /** jhdf stamps every file it writes with this attribute; it is not the dataset's. */
    static final String JHDF_STAMP = "_jHDF";

    /** The layout version this code writes. */
    static final int CURRENT_FORMAT_VERSION = 1;

    /** Attribute names with a fixed meaning; free-form attributes may not use them. */
    static final Set<String> RESERVED = Set.of(TASK_ID, REWARD_MIN, REWARD_MAX, COST_MAX, MAX_EPISODE_STEPS,
            FORMAT_VERSION, EPISODE_LABELS, JHDF_STAMP);
}
