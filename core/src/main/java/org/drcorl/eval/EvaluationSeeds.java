package org.drcorl.eval;

/**
 * Where the episodes that judge a policy start: the one place that derives them from the run's
 * seed, so that the command line, the notebooks and the benchmarks score a policy on the same
 * episodes. The ranges never meet: a run's training seed s draws its evaluation episodes from
 * 10⁶·(s+1) on and its simulator audit (opt-in, logged only) from 2·10⁹ + 10⁶·s on, and the
 * dataset was collected from small seeds.
 */
public final class EvaluationSeeds {
    private EvaluationSeeds() {}

    /** Episode i of the evaluation of a policy trained with {@code seed} starts from this + i. */
    public static long evaluation(long seed) {
        return 1_000_000L * (seed + 1);
    }

    /** The first episode seed of the simulator audit of a policy trained with {@code seed}. */
    public static long audit(long seed) {
        return 2_000_000_000L + 1_000_000L * seed;
    }
}
