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
 *       share of the episode's {@value SegmentedPolicy#SEGMENT_STEPS}-step segments that grows from 0 to 1
 *       with α — so cost returns spread from zero to their maximum.
 * </ul>
 *
 * Each episode adds Gaussian action noise of a σ drawn from [{@code minNoise}, {@code maxNoise}].
 */
public final class LinearBehaviorPolicies implements BehaviorPolicyFamily {
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
        Aggressiveness a = Aggressiveness.draw(episode, episodes, random, minNoise, maxNoise);
        LinearPolicy base = calm.get(Math.min(calm.size() - 1, (int) (a.calmLevel() * calm.size())));
        return new Switching(base, fast, a, random.split());
    }

    /** Plays the calm policy, or in a burst segment one of the fast ones, drawn at the segment's start. */
    private static final class Switching extends SegmentedPolicy {
        private final LinearPolicy calm;
        private final List<LinearPolicy> fast;
        private LinearPolicy current;

        Switching(LinearPolicy calm, List<LinearPolicy> fast, Aggressiveness aggressiveness, SplittableRandom random) {
            super(calm.actionDim(), aggressiveness, random);
            this.calm = calm;
            this.fast = fast;
        }

        @Override
        protected void act(float[] observation, int step, boolean burst, boolean segmentStart, double[] out) {
            if (segmentStart) current = burst ? fast.get(random().nextInt(fast.size())) : calm;
            current.act(observation, step, out);
        }
    }
}
