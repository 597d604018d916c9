package org.drcorl.env.bullet;

import org.drcorl.contract.TaskProviderContract;
import org.drcorl.spi.TaskProvider;

class BulletTaskProviderContractTest extends TaskProviderContract {
    @Override
    protected TaskProvider provider() {
        return new BulletTaskProvider();
    }
}
