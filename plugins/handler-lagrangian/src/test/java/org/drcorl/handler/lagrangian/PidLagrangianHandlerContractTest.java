package org.drcorl.handler.lagrangian;

import org.drcorl.contract.ConstraintHandlerContract;
import org.drcorl.spi.ConstraintHandler;

class PidLagrangianHandlerContractTest extends ConstraintHandlerContract {
    @Override
    protected ConstraintHandler newHandler() {
        return new PidLagrangianHandler();
    }
}
