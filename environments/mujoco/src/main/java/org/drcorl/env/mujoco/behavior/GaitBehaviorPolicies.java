package org.drcorl.env.mujoco.behavior;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import org.drcorl.spi.BehaviorPolicyFamily;
import org.drcorl.spi.EpisodePolicy;

/**
 * Data-collection policies of a locomotion task: one tuned {@link Gait}, played at an
 * intensity that spreads over the collection run. Episode i of n draws its intensity α
 * uniformly from [i/n, (i+1)/n) (stratified, so every part of the range is covered), scales
 * the gait's amplitude from {@code minAmplitude} (a slow, safe shuffle) to
 * {@code maxAmplitude} (the tuned gait pushed into saturation, fast and costly), and adds
 * Gaussian action noise of a per-episode σ in [0.05, 0.2]. The labels are
 * {@code careful(α)}, {@code frontier(α)} and {@code reckless(α)} by thirds of α.
 */
public final class GaitBehaviorPolicies implements BehaviorPolicyFamily {
    private final Gait gait;
    private final double stepSeconds;
    private final double minAmplitude;
    private final double maxAmplitude;

    /**
     * @param gait         the tuned gait
     * @param stepSeconds  the task's environment step (s), which sets the gait's clock
     * @param minAmplitude amplitude scale of the most careful episode
     * @param maxAmplitude amplitude scale of the most reckless episode
     */
    public GaitBehaviorPolicies(Gait gait, double stepSeconds, double minAmplitude, double maxAmplitude) {
        if (!(stepSeconds > 0)) throw new IllegalArgumentException("step duration must be positive, got " + stepSeconds);
        if (!(0 <= minAmplitude && minAmplitude < maxAmplitude)) {
            throw new IllegalArgumentException("need 0 <= minAmplitude < maxAmplitude, got " + minAmplitude + ", " + maxAmplitude);
        }
        this.gait = gait;
        this.stepSeconds = stepSeconds;
        this.minAmplitude = minAmplitude;
        this.maxAmplitude = maxAmplitude;
    }

    /** A family playing the first gait of a shipped gait file ({@code gaits/NAME} in this plugin's jar). */
    public static GaitBehaviorPolicies shipped(String gaitFile, double stepSeconds, double minAmplitude, double maxAmplitude) {
        return new GaitBehaviorPolicies(readGait(gaitFile), stepSeconds, minAmplitude, maxAmplitude);
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
        if (episodes <= 0 || episode < 0 || episode >= episodes) {
            throw new IllegalArgumentException("episode " + episode + " of " + episodes);
        }
        double alpha = (episode + random.nextDouble()) / episodes;
        double amplitude = minAmplitude + (maxAmplitude - minAmplitude) * alpha;
        double noise = 0.05 + 0.15 * random.nextDouble();
        return new GaitPolicy(gait, stepSeconds, amplitude, 1.0, noise, random.split(), label(alpha));
    }

    /** {@code careful(0.20)}, {@code frontier(0.50)} or {@code reckless(0.85)}. */
    static String label(double alpha) {
        String kind = alpha < 1.0 / 3 ? "careful" : alpha < 2.0 / 3 ? "frontier" : "reckless";
        return String.format(Locale.ROOT, "%s(%.2f)", kind, alpha);
    }
}
