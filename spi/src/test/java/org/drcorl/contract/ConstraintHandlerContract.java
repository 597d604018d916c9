package org.drcorl.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.drcorl.spi.ConstraintHandler;
import org.drcorl.spi.NamedExtension;
import org.drcorl.spi.PluginOptions;
import org.drcorl.spi.PolicyUpdate;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ConstraintHandler} must keep. A plugin's test extends this class
 * and implements {@link #newHandler()}:
 *
 * <pre>{@code
 * class MyHandlerContractTest extends ConstraintHandlerContract {
 *     protected ConstraintHandler newHandler() { return new MyHandler(); }
 * }
 * }</pre>
 */
public abstract class ConstraintHandlerContract {

    /** A fresh, unconfigured instance, as the plugin runtime makes them. */
    protected abstract ConstraintHandler newHandler();

    /** Options to configure it with; empty by default. */
    protected PluginOptions options() {
        return PluginOptions.empty("constraint handler under test");
    }

    /** False for handlers that deliberately ignore cost (the unconstrained ablation). */
    protected boolean enforcesConstraint() {
        return true;
    }

    protected final ConstraintHandler configured() {
        ConstraintHandler h = newHandler();
        PluginOptions o = options();
        h.configure(o);
        o.requireAllRead();
        return h;
    }

    private static final int DIM = 96;

    /** Ĉ trajectory crossing the budget in both directions. */
    private static double costAt(long step) {
        return 1.0 + 1.2 * Math.sin(step / 7.0);
    }

    private static List<PolicyUpdate> drive(ConstraintHandler h, int steps, List<Map<String, Double>> diagnostics) {
        List<PolicyUpdate> out = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            FakeConstraintStep step = FakeConstraintStep.random(s, costAt(s), DIM, 1000 + s, s % 3 == 0);
            out.add(h.decide(step));
            if (diagnostics != null) diagnostics.add(Map.copyOf(h.diagnostics()));
        }
        return out;
    }

    @Test
    public void hasValidNameAndDescription() {
        ConstraintHandler h = newHandler();
        assertNotNull(h.name(), "name()");
        assertTrue(h.name().matches(NamedExtension.NAME_PATTERN), "name '" + h.name() + "' must match " + NamedExtension.NAME_PATTERN);
        assertNotNull(h.description(), "description()");
        assertTrue(!h.description().isBlank(), "description() must say what the handler does");
    }

    @Test
    public void returnsFiniteUpdatesFromTheStep() {
        ConstraintHandler h = configured();
        for (PolicyUpdate u : drive(h, 120, null)) {
            assertNotNull(u, "decide() returned null");
            assertTrue(u instanceof VectorUpdate v && v.isFinite(), "decide() returned a non-finite update");
        }
    }

    @Test
    public void diagnosticsAreFiniteWithStableKeys() {
        ConstraintHandler h = configured();
        List<Map<String, Double>> diags = new ArrayList<>();
        drive(h, 60, diags);
        var keys = diags.getFirst().keySet();
        for (Map<String, Double> d : diags) {
            assertEquals(keys, d.keySet(), "diagnostics() keys must be the same at every step");
            d.forEach((k, v) -> assertTrue(v != null && Double.isFinite(v), "diagnostic " + k + " = " + v));
        }
    }

    @Test
    public void isDeterministic() {
        List<PolicyUpdate> a = drive(configured(), 80, null);
        List<PolicyUpdate> b = drive(configured(), 80, null);
        for (int i = 0; i < a.size(); i++) {
            VectorUpdate ua = (VectorUpdate) a.get(i), ub = (VectorUpdate) b.get(i);
            assertTrue(java.util.Arrays.equals(ua.values(), ub.values()), "same inputs gave different updates at step " + i);
        }
    }

    @Test
    public void keepsNoStateBetweenInstances() {
        VectorUpdate fresh = (VectorUpdate) drive(configured(), 1, null).getFirst();
        drive(configured(), 200, null); // another instance lives through a long run
        VectorUpdate again = (VectorUpdate) drive(configured(), 1, null).getFirst();
        assertTrue(java.util.Arrays.equals(fresh.values(), again.values()),
                "a new instance behaves differently after another instance ran: state must not be static");
    }

    @Test
    public void doesNotOpposeRewardWhenFarUnderBudget() {
        ConstraintHandler h = configured();
        for (int s = 0; s < 50; s++) {
            FakeConstraintStep step = FakeConstraintStep.random(s, 0.0, DIM, 7 + s, true);
            PolicyUpdate u = h.decide(step);
            assertTrue(u.dot(step.rewardUpdate()) >= -1e-9,
                    "at zero cost the update opposes the reward update (step " + s + ")");
        }
    }

    @Test
    public void reducesCostWhenFarOverBudget() {
        if (!enforcesConstraint()) return;
        ConstraintHandler h = configured();
        PolicyUpdate last = null;
        FakeConstraintStep step = null;
        for (int s = 0; s < 300; s++) {
            step = FakeConstraintStep.random(s, 5.0, DIM, 99 + s, true);
            last = h.decide(step);
        }
        assertTrue(last.dot(step.costUpdate()) > 0,
                "after a long time far over the budget the update still does not follow the cost-reducing update");
    }
}
