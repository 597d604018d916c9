package org.drcorl.env.mujoco.behavior;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic state-feedback behaviour that moves at about one speed: a
 * {@link LinearPolicy} (trained by ARS) or an {@link MlpPolicy} (trained by PPO). Behaviour
 * families mix such policies by their speed ({@link FeedbackBehaviorPolicies}).
 */
public interface FeedbackPolicy {
    /** What the policy does: the mean speed it measured (m/s). */
    double target();

    int actionDim();

    /** The action for {@code obs} at {@code step} of the episode, in [−1, 1], written into {@code out}. */
    void act(float[] obs, int step, double[] out);

    /** The same policy under another speed label. */
    FeedbackPolicy withTarget(double target);

    /** The policy in its policy-file form. */
    String toText();

    /**
     * Every policy of a policy file, in file order: linear ones ({@link LinearPolicy#toText}
     * form, header {@code policy}) and networks ({@link MlpPolicy#toText} form, header
     * {@code mlp}), in any mix; lines starting with # are comments.
     */
    static List<FeedbackPolicy> parseAll(String source, List<String> lines) {
        List<String> content = PolicyText.content(lines);
        List<FeedbackPolicy> policies = new ArrayList<>();
        int from = 0;
        while (from < content.size()) {
            boolean network = firstWord(content.get(from)).equals("mlp");
            int to = from + 1; // the run of policies of one kind: up to the next header of the other kind
            while (to < content.size() && !firstWord(content.get(to)).equals(network ? "policy" : "mlp")) to++;
            List<String> run = content.subList(from, to);
            policies.addAll(network ? MlpPolicy.parseAll(source, run) : LinearPolicy.parseAll(source, run));
            from = to;
        }
        if (policies.isEmpty()) throw new IllegalArgumentException(source + " holds no policy");
        return List.copyOf(policies);
    }

    /** The policies of a shipped policy file ({@code policies/NAME} in this plugin's jar), as {@link #parseAll} reads them. */
    static List<FeedbackPolicy> shipped(String name) {
        String resource = "/org/drcorl/env/mujoco/policies/" + name;
        List<String> lines;
        try (InputStream in = FeedbackPolicy.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("policy file not found: " + resource);
            lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return parseAll(resource, lines);
    }

    private static String firstWord(String line) {
        return line.split("\\s+", 2)[0];
    }
}
