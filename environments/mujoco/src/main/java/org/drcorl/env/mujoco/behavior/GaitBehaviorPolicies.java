package org.drcorl.env.mujoco.behavior;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.drcorl.spi.BehaviorPolicyFamily;
import org.drcorl.spi.EpisodePolicy;

/**
 * Data-collection policies of a locomotion task: one tuned {@link Gait}, played at an
 * {@link Aggressiveness} α that spreads over the collection run:
 *
 * <ul>
 *   <li>careful (α &lt; 1/3): the gait at a calm amplitude from {@code minAmplitude} (a slow,
 *       safe amble) up to {@code safeAmplitude} (about as fast as it goes without cost);
 *   <li>frontier and reckless (α ≥ 1/3): calm at {@code safeAmplitude}, with bursts at
 *       {@code burstAmplitude} (above the velocity threshold) in a share of the episode's
 *       segments that grows from 0 to 1 with α — so cost returns spread continuously from
 *       zero to their maximum instead of jumping from one to the other.
 * </ul>
 *
 * Each episode adds Gaussian action noise of a σ drawn from [{@code minNoise}, {@code maxNoise}]
 * (by default [0.05, 0.2]; the ant's gait loses its speed under strong noise). Labels are
 * {@code careful(α)}, {@code frontier(α)} and {@code reckless(α)} by thirds of α.
 */
public final class GaitBehaviorPolicies implements BehaviorPolicyFamily {
    private final Gait gait;
    private final double stepSeconds;
    private final double minAmplitude;
    private final double safeAmplitude;
    private final double burstAmplitude;
    private final double minNoise;
    private final double maxNoise;

    /**
     * @param gait           the tuned gait
     * @param stepSeconds    the task's environment step (s), which sets the gait's clock
     * @param minAmplitude   amplitude scale of the most careful episode
     * @param safeAmplitude  amplitude scale of the fastest gait that stays (mostly) below the threshold
     * @param burstAmplitude amplitude scale of the bursts above the threshold
     */
    public GaitBehaviorPolicies(Gait gait, double stepSeconds, double minAmplitude, double safeAmplitude, double burstAmplitude) {
        this(gait, stepSeconds, minAmplitude, safeAmplitude, burstAmplitude, 0.05, 0.2);
    }

    /** The same with the range of the episodes' action-noise σ. */
    public GaitBehaviorPolicies(Gait gait, double stepSeconds, double minAmplitude, double safeAmplitude, double burstAmplitude,
                                double minNoise, double maxNoise) {
        if (!(0 <= minNoise && minNoise <= maxNoise)) throw new IllegalArgumentException("need 0 <= minNoise <= maxNoise");
        this.minNoise = minNoise;
        this.maxNoise = maxNoise;
        if (!(stepSeconds > 0)) throw new IllegalArgumentException("step duration must be positive, got " + stepSeconds);
        if (!(0 <= minAmplitude && minAmplitude < safeAmplitude && safeAmplitude < burstAmplitude)) {
            throw new IllegalArgumentException("need 0 <= minAmplitude < safeAmplitude < burstAmplitude, got "
                    + minAmplitude + ", " + safeAmplitude + ", " + burstAmplitude);
        }
        this.gait = gait;
        this.stepSeconds = stepSeconds;
        this.minAmplitude = minAmplitude;
        this.safeAmplitude = safeAmplitude;
        this.burstAmplitude = burstAmplitude;
    }

    /** A family playing the first gait of a shipped gait file ({@code gaits/NAME} in this plugin's jar). */
    public static GaitBehaviorPolicies shipped(String gaitFile, double stepSeconds, double minAmplitude,
                                               double safeAmplitude, double burstAmplitude) {
        return new GaitBehaviorPolicies(readGait(gaitFile), stepSeconds, minAmplitude, safeAmplitude, burstAmplitude);
    }

    /** The same with the range of the episodes' action-noise σ. */
    public static GaitBehaviorPolicies shipped(String gaitFile, double stepSeconds, double minAmplitude, double safeAmplitude,
                                               double burstAmplitude, double minNoise, double maxNoise) {
        return new GaitBehaviorPolicies(readGait(gaitFile), stepSeconds, minAmplitude, safeAmplitude, burstAmplitude, minNoise, maxNoise);
    }

    /** The first gait line of a shipped gait file; lines starting with # are comments. */
    public static Gait readGait(String gaitFile) {
        String resource = "/org/drcorl/env/mujoco/gaits/" + gaitFile;
        try (InputStream in = GaitBehaviorPolicies.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("gait file not found: " + resource);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) return Gait.parse(line);
            }
            throw new IllegalArgumentException("gait file " + resource + " has no gait line");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    public Gait gait() {
        return gait;
    }

    @Override
    public EpisodePolicy policyFor(int episode, int episodes, SplittableRandom random) {
        Aggressiveness a = Aggressiveness.draw(episode, episodes, random, minNoise, maxNoise);
        double calm = minAmplitude + (safeAmplitude - minAmplitude) * a.calmLevel();
        return new GaitPolicy(gait, stepSeconds, calm, burstAmplitude, a, random.split());
    }
}
