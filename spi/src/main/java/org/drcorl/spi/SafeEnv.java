package org.drcorl.spi;

/**
 * One running instance of a task: a constrained MDP with a per-step reward and cost.
 * Not thread-safe; make one per thread. Close it to release native resources (a physics
 * engine's model and data).
 *
 * <p>Contract (checked by {@code TaskProviderContract}): observations have
 * {@link TaskSpec#observationDim()} finite entries; {@link #step} clips actions to the spec's
 * bounds and rejects a wrong length or a NaN with {@link IllegalArgumentException}; the
 * episode is truncated after {@link TaskSpec#maxEpisodeSteps()} steps; the same seed gives
 * the same episode for the same actions, bit for bit. {@link AbstractSafeEnv} does the
 * bookkeeping part of this for you.
 */
public interface SafeEnv extends AutoCloseable {

    TaskSpec spec();

    /** Starts a new episode whose initial state is drawn from {@code seed}; returns the first observation. */
    float[] reset(long seed);

    /** Advances one step. Calling it before {@link #reset} or after the episode ended is an {@link IllegalStateException}. */
    StepResult step(float[] action);

    /** Releases resources; idempotent. */
    @Override
    void close();
}
