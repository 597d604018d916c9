package org.drcorl.regularizer.bc;

import org.drcorl.contract.RegularizerContract;
import org.drcorl.spi.Regularizer;

class BehaviorCloningRegularizerContractTest extends RegularizerContract {
    @Override
    protected Regularizer newRegularizer() {
        return new BehaviorCloningRegularizer();
    }
}
