package org.drcorl.train.behaviormodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.drcorl.spi.SeededTrainingRandom;
import org.drcorl.spi.VpSdeSchedule;
import org.junit.jupiter.api.Test;

class DiffusionBehaviorModelTest {

    @Test
    void scheduleMatchesHandComputedValues() {
        VpSdeSchedule s = VpSdeSchedule.DRCORL;
        // log α_0.5 = −¼·0.25·19.9 − ½·0.5·0.1 = −1.24375 − 0.025
        assertEquals(Math.exp(-1.26875), s.alpha(0.5), 1e-12);
        assertEquals(Math.sqrt(1 - Math.exp(-2 * 1.26875)), s.sigma(0.5), 1e-12);
        assertEquals(1.0, s.alpha(0), 0);
        assertTrue(s.alpha(1) < 0.01, "almost pure noise at t = 1");
        try (NDManager m = NDManager.newBaseManager()) {
            float[] t = {0.02f, 0.5f, 0.98f};
            float[] a = s.alpha(m.create(t)).toFloatArray(), g = s.sigma(m.create(t)).toFloatArray();
            for (int i = 0; i < t.length; i++) {
                assertEquals(s.alpha(t[i]), a[i], 1e-6);
                assertEquals(s.sigma(t[i]), g[i], 1e-6);
            }
        }
    }

    /** Actions at every state are ±0.6 in the first dimension (two modes), 0.2·s in the second. */
    @Test
    void learnsABimodalActionDistributionAndSamplesBothModes() {
        try (NDManager m = NDManager.newBaseManager()) {
            int batch = 256;
            SplittableRandom data = new SplittableRandom(3);
            SeededTrainingRandom random = new SeededTrainingRandom(4);
            BehaviorModelConfig cfg = new BehaviorModelConfig(64, 1, 0.0, 2e-3, 0.0, 1e-3);
            try (DiffusionBehaviorModel model = new DiffusionBehaviorModel(m, 1, 2, cfg, new SplittableRandom(5))) {
                double early = 0, late = 0;
                int steps = 700;
                for (int i = 0; i < steps; i++) {
                    float[] s = new float[batch], a = new float[2 * batch];
                    for (int k = 0; k < batch; k++) {
                        s[k] = (float) data.nextDouble(-1, 1);
                        a[2 * k] = data.nextBoolean() ? 0.6f : -0.6f;
                        a[2 * k + 1] = 0.2f * s[k];
                    }
                    try (NDManager step = m.newSubManager()) {
                        float loss = model.trainStep(step.create(s, new Shape(batch, 1)), step.create(a, new Shape(batch, 2)), random, step);
                        if (i < 50) early += loss / 50;
                        if (i >= steps - 50) late += loss / 50;
                    }
                }
                assertTrue(late < 0.6 * early, "loss should fall: " + early + " -> " + late);
                model.freeze();
                NDArray states = m.full(new Shape(400, 1), 0.5f);
                float[] samples = model.sample(states, 30, random).toFloatArray();
                int near = 0, far = 0, low = 0, high = 0;
                for (int k = 0; k < 400; k++) {
                    float x = samples[2 * k];
                    if (Math.abs(Math.abs(x) - 0.6) < 0.2) near++;
                    if (x > 0.3) high++;
                    if (x < -0.3) low++;
                    if (Math.abs(samples[2 * k + 1] - 0.1) > 0.15) far++;
                }
                assertTrue(near > 300, "most samples near a mode: " + near + "/400");
                assertTrue(low > 100 && high > 100, "both modes covered: " + low + " low, " + high + " high");
                assertTrue(far < 60, "second dimension follows the state: " + far + " off");
            }
        }
    }
}
