package org.drcorl.handler.lagrangian;

import java.util.Map;
import org.drcorl.spi.ConstraintHandler;
import org.drcorl.spi.ConstraintStep;
import org.drcorl.spi.PluginOptions;
import org.drcorl.spi.PolicyUpdate;
import org.pf4j.Extension;

/**
 * The Lagrangian baseline: one update on {@code R + reward + λ · cost}, with λ set by a PID
 * controller on the constraint violation e = Ĉ − limit (Stooke et al. 2020, as DRCORL's
 * reference code uses it):
 * {@code I ← max(0, I + e)}, {@code D ← max(0, e − e_prev)},
 * {@code λ = max(0, KP·max(0, e) + KI·I + KD·D)}. The gains 0.1 / 0.003 / 0.001 are the
 * reference's. Unlike the reference, whose threshold was 0 (DRCORL.md, defect 3), e is measured
 * against the budget: Ĉ is already episode cost / κ, so limit 1.0 is the budget itself.
 * With option {@code lambda} the controller is off and λ is that constant.
 */
@Extension
public final class PidLagrangianHandler implements ConstraintHandler {
    /** The budget on Ĉ (episode cost / κ), so 1.0 is DSRL's safety threshold. */
    private double limit = 1.0;
    /** Proportional gain: reacts to the current violation, and only to a violation. */
    private double kp = 0.1;
    /** Integral gain: λ keeps growing while the violation persists, and drains once it ends. */
    private double ki = 0.003;
    /** Derivative gain: an extra push while the violation is getting worse. */
    private double kd = 0.001;
    /** The fixed multiplier, or NaN when the PID controller sets λ. */
    private double fixedLambda = Double.NaN;

    private double integral;
    private double previousError = Double.NaN;
    private double lambda;

    @Override
    public String name() {
        return "lagrangian";
    }

    @Override
    public String description() {
        return "update(1, λ) with λ from a PID controller on Ĉ − limit (options limit=1.0, kp=0.1, ki=0.003,"
                + " kd=0.001), or a fixed lambda=<λ>";
    }

    @Override
    public void configure(PluginOptions options) {
        limit = options.getDouble("limit", limit);
        if (limit < 0) throw options.invalid("limit", "must be >= 0, got " + limit);
        for (String gain : new String[] {"kp", "ki", "kd"}) {
            // Gains only make sense with the controller on; given with a fixed λ they would be silently ignored.
            if (options.has(gain) && options.has("lambda")) {
                throw options.invalid(gain, "has no effect with a fixed 'lambda'");
            }
        }
        kp = nonNegative(options, "kp", kp);
        ki = nonNegative(options, "ki", ki);
        kd = nonNegative(options, "kd", kd);
        if (options.has("lambda")) fixedLambda = nonNegative(options, "lambda", 0.0);
        lambda = Double.isNaN(fixedLambda) ? 0.0 : fixedLambda;
    }

    private static double nonNegative(PluginOptions options, String key, double defaultValue) {
        double v = options.getDouble(key, defaultValue);
        if (v < 0) throw options.invalid(key, "must be >= 0, got " + v);
        return v;
    }

    @Override
    public PolicyUpdate decide(ConstraintStep step) {
        if (Double.isNaN(fixedLambda)) {
            double error = step.costEstimate() - limit;
            integral = Math.max(0, integral + error);
            // No derivative from a single measurement: taking e_prev = 0 would kick λ at step 0.
            double derivative = Double.isNaN(previousError) ? 0.0 : Math.max(0, error - previousError);
            previousError = error;
            lambda = Math.max(0, kp * Math.max(0, error) + ki * integral + kd * derivative);
        }
        return step.update(1.0, lambda);
    }

    @Override
    public Map<String, Double> diagnostics() {
        return Map.of("lambda", lambda, "integral", integral);
    }
}
