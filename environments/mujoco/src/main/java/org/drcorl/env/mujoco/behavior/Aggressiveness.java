package org.drcorl.env.mujoco.behavior;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Where one episode of a behaviour family sits between careful and reckless, and how noisy it
 * is. Episode i of n draws α uniformly from [i/n, (i+1)/n) (stratified, so every part of the
 * range is covered): the careful third (α &lt; 1/3) plays calmly throughout, calmer for smaller
 * α; the frontier and reckless thirds play their fastest calm behaviour with bursts of a fast one
 * in a share of segments that grows from 0 to 1 with α.
 *
 * @param alpha the aggressiveness α in [0, 1)
 * @param noise σ of the Gaussian action noise of the episode
 */
record Aggressiveness(double alpha, double noise) {

    /** Draws episode {@code episode} of {@code episodes}, its noise σ uniformly from [minNoise, maxNoise]. */
    static Aggressiveness draw(int episode, int episodes, SplittableRandom random, double minNoise, double maxNoise) {
        if (episodes <= 0 || episode < 0 || episode >= episodes) {
            throw new IllegalArgumentException("episode " + episode + " of " + episodes);
        }
        double alpha = (episode + random.nextDouble()) / episodes;
        return new Aggressiveness(alpha, minNoise + (maxNoise - minNoise) * random.nextDouble());
    }

    /** How fast the calm behaviour is, in [0, 1]: 3α for careful episodes, 1 (the fastest calm) for the others. */
    double calmLevel() {
        return alpha < 1.0 / 3 ? 3 * alpha : 1;
    }

    /** The probability that a segment plays the fast behaviour: 0 when careful, up to 1 at α = 1. */
    double bursts() {
        return alpha < 1.0 / 3 ? 0 : (alpha - 1.0 / 3) * 1.5;
    }

    /** {@code careful(0.20)}, {@code frontier(0.50)} or {@code reckless(0.85)}. */
    String label() {
        String kind = alpha < 1.0 / 3 ? "careful" : alpha < 2.0 / 3 ? "frontier" : "reckless";
        return String.format(Locale.ROOT, "%s(%.2f)", kind, alpha);
    }
}
