package org.drcorl.regularizer.none;

import org.drcorl.contract.RegularizerContract;
import org.drcorl.spi.Regularizer;

class NoRegularizerContractTest extends RegularizerContract {
    @Override
    protected Regularizer newRegularizer() {
        return new NoRegularizer();
    }

    @Override
    protected boolean pullsTowardData() {
        return false;
    }
}
