package org.drcorl.handler.lagrangian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.drcorl.contract.FakeConstraintStep;
import org.drcorl.contract.VectorUpdate;
import org.drcorl.spi.PluginOptions;
import org.junit.jupiter.api.Test;

class PidLagrangianHandlerTest {

    private static PidLagrangianHandler withOptions(Map<String, String> values) {
        PidLagrangianHandler h = new PidLagrangianHandler();
        PluginOptions o = new PluginOptions("constraint handler 'lagrangian'", values);
        h.configure(o);
        o.requireAllRead();
        return h;
    }

    private static double lambdaAfter(PidLagrangianHandler h, long step, double costEstimate) {
        FakeConstraintStep s = FakeConstraintStep.random(step, costEstimate, 8, step, true);
        double[] chosen = ((VectorUpdate) h.decide(s)).values();
        double lambda = h.diagnostics().get("lambda");
        assertArrayEquals(((VectorUpdate) s.update(1, lambda)).values(), chosen, 1e-12, "the update is update(1, λ)");
        return lambda;
    }

    @Test
    void lambdaRisesOverTheLimitAndFallsBackToZeroUnderIt() {
        PidLagrangianHandler h = withOptions(Map.of());
        double previous = lambdaAfter(h, 0, 1.5);
        // e = 0.5 at step 0 with no derivative: KP·0.5 + KI·0.5.
        assertEquals(0.1 * 0.5 + 0.003 * 0.5, previous, 1e-12);
        for (int s = 1; s < 100; s++) {
            double lambda = lambdaAfter(h, s, 1.5);
            assertTrue(lambda > previous, "λ must keep rising while Ĉ stays over the limit (step " + s + ")");
            previous = lambda;
        }
        assertEquals(50.0, h.diagnostics().get("integral"), 1e-9);
        // Under the limit the proportional term vanishes at once and the integral drains by |e| per step.
        double under = lambdaAfter(h, 100, 0.5);
        assertEquals(0.003 * 49.5, under, 1e-9);
        int s = 101;
        while (lambdaAfter(h, s, 0.5) > 0) {
            s++;
            assertTrue(s < 250, "λ should reach 0 once the integral has drained");
        }
        assertEquals(0.0, h.diagnostics().get("integral"));
        assertEquals(0.0, lambdaAfter(h, s + 1, 0.5), "λ stays at 0 under the limit");
    }

    @Test
    void theDerivativeTermReactsToARisingViolationOnly() {
        PidLagrangianHandler h = withOptions(Map.of("kp", "0", "ki", "0", "kd", "1"));
        assertEquals(0.0, lambdaAfter(h, 0, 1.2), 1e-12, "no derivative from the first measurement");
        assertEquals(0.3, lambdaAfter(h, 1, 1.5), 1e-12);
        assertEquals(0.0, lambdaAfter(h, 2, 1.4), 1e-12, "a falling violation does not lower λ through D");
    }

    @Test
    void measuresTheViolationAgainstTheLimitNotZero() {
        PidLagrangianHandler h = withOptions(Map.of("limit", "2.0"));
        for (int s = 0; s < 20; s++) assertEquals(0.0, lambdaAfter(h, s, 1.5), "Ĉ = 1.5 is under a limit of 2");
    }

    @Test
    void aFixedLambdaIsUsedAsGiven() {
        PidLagrangianHandler h = withOptions(Map.of("lambda", "0.75"));
        for (double cost : new double[] {0.0, 5.0, 5.0, 0.2}) {
            FakeConstraintStep s = FakeConstraintStep.random(0, cost, 8, 3, true);
            assertArrayEquals(((VectorUpdate) s.update(1, 0.75)).values(), ((VectorUpdate) h.decide(s)).values());
            assertEquals(0.75, h.diagnostics().get("lambda"));
        }
    }

    @Test
    void rejectsBadOptionsNamingThem() {
        for (var bad : List.of(Map.of("kp", "-0.1"), Map.of("ki", "-1"), Map.of("kd", "-1"), Map.of("lambda", "-2"),
                Map.of("limit", "-1"), Map.of("lambda", "1", "ki", "0.1"))) {
            String key = bad.keySet().stream().filter(k -> !k.equals("lambda") || bad.size() == 1).findFirst().orElseThrow();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withOptions(bad), bad.toString());
            assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
        }
    }
}
