package org.drcorl.env.mujoco;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.drcorl.contract.TaskProviderContract;
import org.drcorl.env.mujoco.ffm.MujocoLibrary;
import org.drcorl.spi.TaskProvider;
import org.junit.jupiter.api.BeforeEach;

/** The host's task contract for every MuJoCo task (skipped where the library is missing). */
class MujocoTaskProviderContractTest extends TaskProviderContract {

    @BeforeEach
    void needsMujoco() {
        var a = MujocoLibrary.availability();
        assumeTrue(a.available(), "MuJoCo not available: " + a.reason());
    }

    @Override
    protected TaskProvider provider() {
        return new MujocoTaskProvider();
    }

    @Override
    protected int probeSteps() {
        return 30;
    }
}
