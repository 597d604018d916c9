package org.drcorl.handler.rewardonly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.drcorl.contract.ConstraintHandlerContract;
import org.drcorl.contract.FakeConstraintStep;
import org.drcorl.contract.VectorUpdate;
import org.drcorl.spi.ConstraintHandler;
import org.junit.jupiter.api.Test;

class RewardOnlyHandlerContractTest extends ConstraintHandlerContract {
    @Override
    protected ConstraintHandler newHandler() {
        return new RewardOnlyHandler();
    }

    @Override
    protected boolean enforcesConstraint() {
        return false;
    }

    @Test
    void takesTheRewardUpdateEvenFarOverBudget() {
        FakeConstraintStep step = FakeConstraintStep.random(0, 10.0, 16, 3, true);
        VectorUpdate chosen = (VectorUpdate) configured().decide(step);
        assertArrayEquals(((VectorUpdate) step.rewardUpdate()).values(), chosen.values());
    }
}
