package org.drcorl.contract;

import org.drcorl.spi.ConstraintHandler;
import org.drcorl.spi.Regularizer;

/** Lets tests in other packages use the sample extensions of {@link ContractSuitesTest}. */
public final class ContractSuitesTestAccess {
    public Regularizer squaredError() {
        return new ContractSuitesTest.SquaredErrorRegularizer();
    }

    public ConstraintHandler switching() {
        return new ContractSuitesTest.SwitchingHandler();
    }
}
