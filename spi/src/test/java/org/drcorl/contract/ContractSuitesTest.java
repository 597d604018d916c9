package org.drcorl.contract;

import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.drcorl.spi.ConstraintHandler;
import org.drcorl.spi.ConstraintStep;
import org.drcorl.spi.PolicyUpdate;
import org.drcorl.spi.Regularizer;
import org.drcorl.spi.RegularizerBatch;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The contract suites pass for well-behaved extensions and catch broken ones. */
class ContractSuitesTest {

    /** Mean squared error to the data actions. */
    static final class SquaredErrorRegularizer implements Regularizer {
        public String name() { return "squared-error"; }
        public String description() { return "mean squared error to the dataset's actions"; }
        public NDArray loss(RegularizerBatch b) { return b.policyActions().sub(b.dataActions()).square().mean(); }
    }

    /** A loss that does not depend on the actions at all, yet claims to regularize. */
    static final class DetachedRegularizer implements Regularizer {
        public String name() { return "detached"; }
        public String description() { return "broken: ignores the policy"; }
        public NDArray loss(RegularizerBatch b) { return b.dataActions().square().mean().add(b.policyActions().mul(0).sum()); }
    }

    /** Twice the squared error, scaled through DJL's number operand (which a garbage collection can corrupt). */
    static final class NumberScaledRegularizer implements Regularizer {
        public String name() { return "number-scaled"; }
        public String description() { return "broken: x.mul(2f) inside the loss"; }
        public NDArray loss(RegularizerBatch b) { return b.policyActions().sub(b.dataActions()).square().mean().mul(2f); }
    }

    /** Reward below the budget, cost above, with a λ-like counter. */
    static class SwitchingHandler implements ConstraintHandler {
        private double violations;
        public String name() { return "switching"; }
        public String description() { return "reward step under the budget, cost step over it"; }
        public PolicyUpdate decide(ConstraintStep s) {
            violations = s.costEstimate() > 1 ? violations + 1 : 0;
            return s.costEstimate() > 1 ? s.costUpdate() : s.rewardUpdate();
        }
        public Map<String, Double> diagnostics() { return Map.of("violations", violations); }
    }

    /** Broken: keeps its multiplier in a static field. */
    static final class StaticStateHandler implements ConstraintHandler {
        static double lambda;
        public String name() { return "static-state"; }
        public String description() { return "broken: static state"; }
        public PolicyUpdate decide(ConstraintStep s) {
            lambda = Math.max(0, lambda + s.costEstimate() - 1);
            return s.update(1, lambda);
        }
    }

    @Nested
    class WellBehavedRegularizer extends RegularizerContract {
        protected Regularizer newRegularizer() { return new SquaredErrorRegularizer(); }
    }

    @Nested
    class WellBehavedHandler extends ConstraintHandlerContract {
        protected ConstraintHandler newHandler() { return new SwitchingHandler(); }
    }

    @Test
    void catchesARegularizerThatDoesNotPullTowardTheData() {
        RegularizerContract suite = new RegularizerContract() {
            protected Regularizer newRegularizer() { return new DetachedRegularizer(); }
        };
        assertThrows(AssertionFailedError.class, suite::descendingItPullsActionsTowardTheData);
    }

    @Test
    void catchesARegularizerThatMultipliesByANumberThroughDjl() {
        RegularizerContract suite = new RegularizerContract() {
            protected Regularizer newRegularizer() { return new NumberScaledRegularizer(); }
        };
        assertThrows(AssertionFailedError.class, suite::multipliesByNumbersOnlyThroughConstants);
    }

    @Test
    void catchesAHandlerWithStaticState() {
        ConstraintHandlerContract suite = new ConstraintHandlerContract() {
            protected ConstraintHandler newHandler() { return new StaticStateHandler(); }
        };
        assertThrows(AssertionFailedError.class, suite::keepsNoStateBetweenInstances);
    }

    @Test
    void catchesAHandlerThatIgnoresCost() {
        ConstraintHandlerContract suite = new ConstraintHandlerContract() {
            protected ConstraintHandler newHandler() {
                return new SwitchingHandler() {
                    @Override public PolicyUpdate decide(ConstraintStep s) { return s.rewardUpdate(); }
                };
            }
        };
        assertThrows(AssertionFailedError.class, suite::reducesCostWhenFarOverBudget);
    }
}
