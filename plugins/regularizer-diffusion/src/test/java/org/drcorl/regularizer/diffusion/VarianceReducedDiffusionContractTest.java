package org.drcorl.regularizer.diffusion;

import java.util.Map;
import org.drcorl.contract.RegularizerContract;
import org.drcorl.spi.PluginOptions;
import org.drcorl.spi.Regularizer;

class VarianceReducedDiffusionContractTest extends RegularizerContract {
    @Override
    protected Regularizer newRegularizer() {
        return new DiffusionScoreRegularizer();
    }

    @Override
    protected PluginOptions options() {
        return new PluginOptions("regularizer 'diffusion'", Map.of("variance-reduced", "true"));
    }
}
