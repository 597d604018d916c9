package org.drcorl.train;

import java.util.List;
import java.util.Locale;

/**
 * A named algorithm: a regularizer × constraint handler pair extracted by the pipeline, or
 * behaviour cloning (on the safe episodes, or on all of them).
 *
 * @param name        what users type ({@code --algos drcorl,bc-safe})
 * @param regularizer the regularizer's name
 * @param handler     the constraint handler's name (null for cloning)
 * @param cloning     null for extraction; {@code SAFE} or {@code ALL} for behaviour cloning
 */
public record Algorithm(String name, String regularizer, String handler, Cloning cloning, String description) {

    public enum Cloning { SAFE, ALL }

    /** The built-in presets; any other {@code REGULARIZER×HANDLER} pair is accepted by {@link #named}. */
    public static final List<Algorithm> PRESETS = List.of(
            new Algorithm("drcorl", "diffusion", "slack", null, "DRCORL: diffusion score regularization, slack band with PCGrad"),
            new Algorithm("drcorl-lag", "diffusion", "lagrangian", null, "diffusion regularization, PID Lagrangian"),
            new Algorithm("drcorl-unconstrained", "diffusion", "reward-only", null, "diffusion regularization, no constraint"),
            new Algorithm("bc-lag", "bc", "lagrangian", null, "TD3+BC-style behaviour regularization, PID Lagrangian"),
            new Algorithm("bc-safe", "bc", null, Cloning.SAFE, "behaviour cloning on the episodes within the budget"),
            new Algorithm("bc-all", "bc", null, Cloning.ALL, "behaviour cloning on every episode"));

    /** A preset by name, or an explicit pair written {@code regularizer×handler} (or {@code regularizer+handler}). */
    public static Algorithm named(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (Algorithm a : PRESETS) if (a.name.equals(key)) return a;
        String[] pair = key.split("[×+]");
        if (pair.length == 2 && !pair[0].isBlank() && !pair[1].isBlank()) {
            return new Algorithm(key, pair[0], pair[1], null, pair[0] + " regularizer with the " + pair[1] + " handler");
        }
        throw new IllegalArgumentException("unknown algorithm '" + name + "'; presets: "
                + String.join(", ", PRESETS.stream().map(Algorithm::name).toList()) + ", or REGULARIZER+HANDLER");
    }
}
