package org.drcorl.env.bullet.behavior;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How much a behaviour policy trades safety for reward, in [0, 1]: 0 is careful, 1 reckless.
 * A collection run spreads it over [0, 1] by stratifying: episode i of n draws uniformly from
 * [i/n, (i+1)/n), so every part of the range is covered whatever n is.
 */
record Aggressiveness(double value) {

    static Aggressiveness stratified(int episode, int episodes, SplittableRandom random) {
        if (episodes <= 0 || episode < 0 || episode >= episodes) {
            throw new IllegalArgumentException("episode " + episode + " of " + episodes);
        }
        return new Aggressiveness((episode + random.nextDouble()) / episodes);
    }

    /** {@code careful(0.20)}, {@code frontier(0.50)} or {@code reckless(0.85)}. */
    String label() {
        String kind = value < 1.0 / 3 ? "careful" : value < 2.0 / 3 ? "frontier" : "reckless";
        return String.format(Locale.ROOT, "%s(%.2f)", kind, value);
    }
}
