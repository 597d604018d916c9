package org.drcorl.experiment;

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

    /**
     * A preset by name; an explicit pair written {@code regularizer+handler} (or {@code regularizer×handler});
     * or a pair under a name of the user's, {@code NAME=regularizer+handler} (e.g.
     * {@code --algos fast-lag=bc+lagrangian}): a new algorithm needs no edit of drcorl's code.
     */
    public static Algorithm named(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        int eq = key.indexOf('=');
        if (eq >= 0) {
            String alias = key.substring(0, eq).trim();
            Algorithm pair = pair(key.substring(eq + 1).trim(), name);
            if (alias.isEmpty() || !alias.matches("[a-z0-9._-]+")) {
                throw new IllegalArgumentException("algorithm '" + name + "': the name before '=' must be letters, digits, '.', '_' or '-'");
            }
            if (PRESETS.stream().anyMatch(a -> a.name.equals(alias))) {
                throw new IllegalArgumentException("algorithm '" + name + "': '" + alias + "' is a preset already; choose another name");
            }
            return new Algorithm(alias, pair.regularizer, pair.handler, null, pair.description);
        }
        for (Algorithm a : PRESETS) if (a.name.equals(key)) return a;
        return pair(key, name);
    }

    private static Algorithm pair(String key, String given) {
        String[] pair = key.split("[×+]");
        if (pair.length == 2 && !pair[0].isBlank() && !pair[1].isBlank()) {
            return new Algorithm(key, pair[0].trim(), pair[1].trim(), null, pair[0].trim() + " regularizer with the " + pair[1].trim() + " handler");
        }
        throw new IllegalArgumentException("unknown algorithm '" + given + "'; presets: "
                + String.join(", ", PRESETS.stream().map(Algorithm::name).toList()) + ", REGULARIZER+HANDLER or NAME=REGULARIZER+HANDLER");
    }
}
