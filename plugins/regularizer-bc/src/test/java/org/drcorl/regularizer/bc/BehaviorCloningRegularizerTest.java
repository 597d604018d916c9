package org.drcorl.regularizer.bc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.drcorl.contract.PointMassBehaviorModel;
import org.drcorl.contract.TestRegularizerBatch;
import org.drcorl.spi.PluginOptions;
import org.junit.jupiter.api.Test;

class BehaviorCloningRegularizerTest {

    private static BehaviorCloningRegularizer withOptions(Map<String, String> values) {
        BehaviorCloningRegularizer r = new BehaviorCloningRegularizer();
        PluginOptions o = new PluginOptions("regularizer 'bc'", values);
        r.configure(o);
        o.requireAllRead();
        return r;
    }

    @Test
    void isTheWeightedMeanSquaredErrorOverAllEntries() {
        try (NDManager m = NDManager.newBaseManager()) {
            TestRegularizerBatch b = TestRegularizerBatch.create(m, new PointMassBehaviorModel(2, 2, 1), 2, 1, false)
                    .withPolicyActions(m.create(new float[] {0, 0, 1, 1}, new Shape(2, 2)));
            float[] data = b.dataActions().toFloatArray();
            double expected = (data[0] * data[0] + data[1] * data[1]
                    + (1 - data[2]) * (1 - data[2]) + (1 - data[3]) * (1 - data[3])) / 4;
            assertEquals(expected, withOptions(Map.of()).loss(b).getFloat(), 1e-6);
            assertEquals(2.5 * expected, withOptions(Map.of("weight", "2.5")).loss(b).getFloat(), 1e-6);
        }
    }

    @Test
    void rejectsANegativeWeightNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withOptions(Map.of("weight", "-1")));
        assertTrue(e.getMessage().contains("'weight'"), e.getMessage());
    }
}
