package org.drcorl.spi;

import java.util.Map;

/**
 * Decides, at every update of the constrained phase, how the policy trades reward for cost.
 *
 * <p>Built-ins: {@code slack} (DRCORL: reward step below {@code limit − slack}, cost step above
 * {@code limit + slack}, and in the band between both updates combined with gradient
 * manipulation), {@code lagrangian} (a PID-controlled or fixed multiplier λ:
 * {@code update(1, λ)}), {@code reward-only} (the unconstrained ablation).
 *
 * <p>A handler may keep state across steps (λ, the PID integrator, the last zone); the host
 * makes one instance per extracted policy. Whatever it wants plotted goes in
 * {@link #diagnostics()}.
 */
public interface ConstraintHandler extends NamedExtension {

    /** The update to apply at this step; usually one of the step's updates or a combination of them. */
    PolicyUpdate decide(ConstraintStep step);

    /**
     * Numbers describing the handler's state after the last {@link #decide}, logged every step
     * and plotted over training (e.g. {@code lambda}, {@code zone}). Keys are stable across steps.
     */
    default Map<String, Double> diagnostics() {
        return Map.of();
    }
}
