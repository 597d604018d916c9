package org.drcorl.spi;

import java.util.SplittableRandom;

/**
 * Base class that does a {@link SafeEnv}'s bookkeeping, so that a task implements only its
 * physics: action validation and clipping, step counting and truncation, episode state, and
 * one seeded random source per episode.
 */
public abstract class AbstractSafeEnv implements SafeEnv {
    private final TaskSpec spec;
    private final float[] low;
    private final float[] high;
    private final float[] clipped;
    private int stepsTaken;
    private boolean episodeRunning;
    private boolean closed;
    /** Random source of the current episode, reseeded by every {@link #reset}. */
    protected SplittableRandom random = new SplittableRandom(0);

    protected AbstractSafeEnv(TaskSpec spec) {
        this.spec = spec;
        this.low = spec.actionLow();
        this.high = spec.actionHigh();
        this.clipped = new float[spec.actionDim()];
    }

    @Override
    public final TaskSpec spec() {
        return spec;
    }

    @Override
    public final float[] reset(long seed) {
        ensureOpen();
        random = new SplittableRandom(seed);
        stepsTaken = 0;
        episodeRunning = true;
        return resetState(random);
    }

    @Override
    public final StepResult step(float[] action) {
        ensureOpen();
        if (!episodeRunning) {
            throw new IllegalStateException(spec.id() + ": step() called "
                    + (stepsTaken == 0 ? "before reset()" : "after the episode ended; call reset()"));
        }
        clipInto(action, clipped);
        stepsTaken++;
        StepResult r = simulate(clipped);
        boolean truncated = !r.terminated() && stepsTaken >= spec.maxEpisodeSteps();
        if (truncated) r = new StepResult(r.observation(), r.reward(), r.cost(), false, true);
        if (r.done()) episodeRunning = false;
        return r;
    }

    /**
     * Validates an action and clips it to the spec's bounds into {@code out}.
     *
     * @throws IllegalArgumentException for a null action, a wrong length or a NaN entry (±∞ is clipped)
     */
    public final void clipInto(float[] action, float[] out) {
        if (action == null) throw new IllegalArgumentException(spec.id() + ": action is null");
        if (action.length != spec.actionDim()) {
            throw new IllegalArgumentException(spec.id() + ": action has " + action.length
                    + " entries, the task expects " + spec.actionDim());
        }
        for (int i = 0; i < action.length; i++) {
            float a = action[i];
            if (Float.isNaN(a)) throw new IllegalArgumentException(spec.id() + ": action[" + i + "] is NaN");
            out[i] = Math.min(high[i], Math.max(low[i], a));
        }
    }

    /** Draws the initial state from {@code random}; returns the first observation. */
    protected abstract float[] resetState(SplittableRandom random);

    /**
     * Advances the physics by one environment step with an already validated and clipped
     * action (the array is reused: copy it if you keep it). Truncation is added by the caller.
     */
    protected abstract StepResult simulate(float[] action);

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException(spec.id() + ": environment is closed");
    }
}
