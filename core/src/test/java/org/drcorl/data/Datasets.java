package org.drcorl.data;

import java.util.Map;
import org.drcorl.spi.NormalizationConstants;

/** Small synthetic datasets with known values. */
final class Datasets {
    private Datasets() {}

    /**
     * {@code episodes} episodes of lengths 3, 4, 5, ... ; transition t of episode e has
     * observation (e, t, e+t), action (t/10, -e/10), reward e + 1, cost t % 2 (so the cost return
     * grows with the length); every other episode ends on a terminal, the others on a timeout.
     */
    static OfflineDataset sample(int episodes, boolean labelled) {
        OfflineDataset.Builder b = OfflineDataset.builder(3, 2);
        for (int e = 0; e < episodes; e++) {
            int length = 3 + e;
            for (int t = 0; t < length; t++) {
                boolean last = t == length - 1;
                b.add(new float[] {e, t, e + t}, new float[] {t / 10f, -e / 10f}, e + 1, t % 2,
                        new float[] {e, t + 1, e + t + 1}, last && e % 2 == 0, last && e % 2 == 1);
            }
            b.endEpisode(labelled ? "policy-" + (e % 3) : null);
        }
        b.metadata(new DatasetMetadata("OfflineTest-v0", new NormalizationConstants(1.5, 250.25, 80), 300,
                Map.of("collector", "unit test", "seed", "42")));
        return b.build();
    }
}
