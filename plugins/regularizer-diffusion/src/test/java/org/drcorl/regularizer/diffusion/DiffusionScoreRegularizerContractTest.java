package org.drcorl.regularizer.diffusion;

import org.drcorl.contract.RegularizerContract;
import org.drcorl.spi.Regularizer;

class DiffusionScoreRegularizerContractTest extends RegularizerContract {
    @Override
    protected Regularizer newRegularizer() {
        return new DiffusionScoreRegularizer();
    }
}
