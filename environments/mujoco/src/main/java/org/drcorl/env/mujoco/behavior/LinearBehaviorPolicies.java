package org.drcorl.env.mujoco.behavior;

import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.drcorl.spi.BehaviorPolicyFamily;
import org.drcorl.spi.EpisodePolicy;

/**
 * Data-collection policies of a locomotion task from {@link LinearPolicy linear policies}
 * trained for several targets: those below {@code calmBelow} are "calm" (they cost little), the
 * others "fast". The split is given, not derived from the cost threshold, because the per-step
 * velocity swings within a hop or a stroke: a hopper holding 0.7 m/s on average already exceeds
 * 0.74 m/s on 40 % of its steps. Episode i of n draws an aggressiveness α uniformly from [i/n, (i+1)/n), as
 * {@link GaitBehaviorPolicies} does:
 *
 * <ul>
 *   <li>careful (α &lt; 1/3): one calm policy for the whole episode, slower for smaller α;
 *   <li>frontier and reckless (α ≥ 1/3): the fastest calm policy, switching to a fast one in a
 *       share of the episode's {@value #SEGMENT_STEPS}-step segments that grows from 0 to 1
 *       with α — so cost returns spread from zero to their maximum.
 * </ul>
 *
 * Each episode adds Gaussian action noise of a σ drawn from [{@code minNoise}, {@code maxNoise}].
 */
public final class LinearBehaviorPolicies implements BehaviorPolicyFamily {
    static final int SEGMENT_STEPS = 50;
    private final List<LinearPolicy> calm;
    private final List<LinearPolicy> fast;
    private final double minNoise;
    private final double maxNoise;

    /**
     * @param policies  trained policies
     * @param calmBelow targets below this are calm, the others fast
     * @param minNoise  smallest σ of the Gaussian action noise of an episode
     * @param maxNoise  largest σ
     */
    public LinearBehaviorPolicies(List<LinearPolicy> policies, double calmBelow, double minNoise, double maxNoise) {
        this.calm = policies.stream().filter(p -> p.target() < calmBelow).sorted(Comparator.comparingDouble(LinearPolicy::target)).toList();
        this.fast = policies.stream().filter(p -> p.target() >= calmBelow).sorted(Comparator.comparingDouble(LinearPolicy::target)).toList();
        if (calm.isEmpty() || fast.isEmpty()) {
            throw new IllegalArgumentException("need targets below and from " + calmBelow + " on, got "
                    + policies.stream().map(LinearPolicy::target).toList());
        }
        if (!(0 <= minNoise && minNoise <= maxNoise)) throw new IllegalArgumentException("need 0 <= minNoise <= maxNoise");
        this.minNoise = minNoise;
        this.maxNoise = maxNoise;
    }

    /** A family from a shipped policy file ({@code policies/NAME} in this plugin's jar). */
    public static LinearBehaviorPolicies shipped(String name, double calmBelow, double minNoise, double maxNoise) {
        return new LinearBehaviorPolicies(LinearPolicy.shipped(name), calmBelow, minNoise, maxNoise);
    }

    @Override
    public EpisodePolicy policyFor(int episode, int episodes, SplittableRandom random) {
        if (episodes <= 0 || episode < 0 || episode >= episodes) {
            throw new IllegalArgumentException("episode " + episode + " of " + episodes);
        }
        double alpha = (episode + random.nextDouble()) / episodes;
        double noise = minNoise + (maxNoise - minNoise) * random.nextDouble();
        LinearPolicy base = alpha < 1.0 / 3 ? calm.get(Math.min(calm.size() - 1, (int) (3 * alpha * calm.size()))) : calm.getLast();
        double bursts = alpha < 1.0 / 3 ? 0 : (alpha - 1.0 / 3) * 1.5;
        return new Switching(base, fast, bursts, noise, random.split(), GaitBehaviorPolicies.label(alpha));
    }

    /** Plays the calm policy, or in a segment with probability {@code bursts} one of the fast ones. */
    private static final class Switching implements EpisodePolicy {
        private final LinearPolicy calm;
        private final List<LinearPolicy> fast;
        private final double bursts;
        private final double noise;
        private final SplittableRandom random;
        private final String label;
        private final double[] buffer;
        private LinearPolicy current;
        private int step;

        Switching(LinearPolicy calm, List<LinearPolicy> fast, double bursts, double noise, SplittableRandom random, String label) {
            this.calm = calm;
            this.fast = fast;
            this.bursts = bursts;
            this.noise = noise;
            this.random = random;
            this.label = label;
            this.buffer = new double[calm.actionDim()];
        }

        @Override
        public float[] act(float[] observation) {
            if (step % SEGMENT_STEPS == 0) {
                current = random.nextDouble() < bursts ? fast.get(random.nextInt(fast.size())) : calm;
            }
            current.act(observation, step++, buffer);
            float[] action = new float[buffer.length];
            for (int i = 0; i < action.length; i++) {
                action[i] = (float) Math.max(-1, Math.min(1, buffer[i] + noise * random.nextGaussian()));
            }
            return action;
        }

        @Override
        public String label() {
            return label;
        }
    }
}
