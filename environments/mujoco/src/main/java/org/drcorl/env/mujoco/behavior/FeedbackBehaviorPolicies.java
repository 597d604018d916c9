package org.drcorl.env.mujoco.behavior;

import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.drcorl.spi.BehaviorPolicyFamily;
import org.drcorl.spi.EpisodePolicy;

/**
 * Data-collection policies of a locomotion task from {@link FeedbackPolicy feedback policies}
 * that move at several speeds (linear ones trained by ARS, networks trained by PPO): those below
 * {@code calmBelow} are "calm" (they cost little), the others "fast" (or the two are given
 * apart). The split is given, not derived from the cost threshold, because the per-step
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
 * That is {@link Mixing#BURSTS}. Robots that fall when one policy hands over to another
 * mid-stride (the walker: PPO's policies each know only their own gait's states) play
 * {@link Mixing#WHOLE_EPISODES} instead: one policy for the whole episode, the i-th of n for α
 * in [i/n, (i+1)/n), counting the calm policies by speed, then the fast ones by speed. The
 * episode's label (careful, frontier, reckless) is still α's third, as in every family, not the
 * kind of policy it drew.
 *
 * <p>Each episode adds Gaussian action noise of a σ drawn from [{@code minNoise}, {@code maxNoise}].
 */
public final class FeedbackBehaviorPolicies implements BehaviorPolicyFamily {
    /** How an episode combines the policies. */
    public enum Mixing {
        /** A calm policy with bursts of fast ones (see the class comment). */
        BURSTS,
        /** One policy for the whole episode: calm ones for smaller α, fast ones for larger. */
        WHOLE_EPISODES
    }

    private final List<FeedbackPolicy> calm;
    private final List<FeedbackPolicy> fast;
    private final double minNoise;
    private final double maxNoise;
    private final Mixing mixing;

    /** A family of {@link Mixing#BURSTS}. */
    public FeedbackBehaviorPolicies(List<? extends FeedbackPolicy> policies, double calmBelow, double minNoise, double maxNoise) {
        this(policies, calmBelow, minNoise, maxNoise, Mixing.BURSTS);
    }

    /**
     * @param policies  trained policies
     * @param calmBelow targets below this are calm, the others fast
     * @param minNoise  smallest σ of the Gaussian action noise of an episode
     * @param maxNoise  largest σ
     * @param mixing    how an episode combines the policies
     */
    public FeedbackBehaviorPolicies(List<? extends FeedbackPolicy> policies, double calmBelow, double minNoise, double maxNoise,
                                    Mixing mixing) {
        this(policies.stream().filter(p -> p.target() < calmBelow).toList(),
                policies.stream().filter(p -> p.target() >= calmBelow).toList(), minNoise, maxNoise, mixing);
    }

    /**
     * A family whose calm and fast policies are given apart: where what costs is not speed alone
     * (the PPO ant pays more cost than a smooth ARS ant that runs as fast, by jerking).
     *
     * @param calm calm policies (played slower for smaller α by their speed labels)
     * @param fast fast policies
     */
    public FeedbackBehaviorPolicies(List<? extends FeedbackPolicy> calm, List<? extends FeedbackPolicy> fast, double minNoise,
                                    double maxNoise, Mixing mixing) {
        if (calm.isEmpty() || fast.isEmpty()) {
            throw new IllegalArgumentException("need calm and fast policies, got calm at " + calm.stream().map(FeedbackPolicy::target).toList()
                    + " and fast at " + fast.stream().map(FeedbackPolicy::target).toList() + " m/s");
        }
        if (!(0 <= minNoise && minNoise <= maxNoise)) throw new IllegalArgumentException("need 0 <= minNoise <= maxNoise");
        this.calm = bySpeed(calm);
        this.fast = bySpeed(fast);
        this.minNoise = minNoise;
        this.maxNoise = maxNoise;
        this.mixing = java.util.Objects.requireNonNull(mixing, "mixing");
    }

    private static List<FeedbackPolicy> bySpeed(List<? extends FeedbackPolicy> policies) {
        return policies.stream().<FeedbackPolicy>map(p -> p).sorted(Comparator.comparingDouble(FeedbackPolicy::target)).toList();
    }

    /** A family from a shipped policy file ({@code policies/NAME} in this plugin's jar, see {@link FeedbackPolicy#shipped}). */
    public static FeedbackBehaviorPolicies shipped(String name, double calmBelow, double minNoise, double maxNoise) {
        return new FeedbackBehaviorPolicies(FeedbackPolicy.shipped(name), calmBelow, minNoise, maxNoise);
    }

    /** The same with another way of mixing the policies. */
    public static FeedbackBehaviorPolicies shipped(String name, double calmBelow, double minNoise, double maxNoise, Mixing mixing) {
        return new FeedbackBehaviorPolicies(FeedbackPolicy.shipped(name), calmBelow, minNoise, maxNoise, mixing);
    }

    /** A family from two shipped policy files, the calm and the fast policies. */
    public static FeedbackBehaviorPolicies shipped(String calmFile, String fastFile, double minNoise, double maxNoise, Mixing mixing) {
        return new FeedbackBehaviorPolicies(FeedbackPolicy.shipped(calmFile), FeedbackPolicy.shipped(fastFile), minNoise, maxNoise, mixing);
    }

    @Override
    public EpisodePolicy policyFor(int episode, int episodes, SplittableRandom random) {
        Aggressiveness a = Aggressiveness.draw(episode, episodes, random, minNoise, maxNoise);
        if (mixing == Mixing.WHOLE_EPISODES) {
            int n = calm.size() + fast.size(), i = Math.min(n - 1, (int) (a.alpha() * n));
            FeedbackPolicy only = i < calm.size() ? calm.get(i) : fast.get(i - calm.size());
            return new Switching(only, List.of(only), a, random.split()); // bursts play the same policy
        }
        FeedbackPolicy base = calm.get(Math.min(calm.size() - 1, (int) (a.calmLevel() * calm.size())));
        return new Switching(base, fast, a, random.split());
    }

    /** Plays the calm policy, or in a burst segment one of the fast ones, drawn at the segment's start. */
    private static final class Switching extends SegmentedPolicy {
        private final FeedbackPolicy calm;
        private final List<FeedbackPolicy> fast;
        private FeedbackPolicy current;

        Switching(FeedbackPolicy calm, List<FeedbackPolicy> fast, Aggressiveness aggressiveness, SplittableRandom random) {
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
