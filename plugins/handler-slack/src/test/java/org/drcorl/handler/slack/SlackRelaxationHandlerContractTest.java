package org.drcorl.handler.slack;

import org.drcorl.contract.ConstraintHandlerContract;
import org.drcorl.spi.ConstraintHandler;

class SlackRelaxationHandlerContractTest extends ConstraintHandlerContract {
    @Override
    protected ConstraintHandler newHandler() {
        return new SlackRelaxationHandler();
    }
}
