package org.drcorl.env.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.drcorl.data.DataConventionCheck;
import org.drcorl.data.DatasetCollector;
import org.drcorl.data.OfflineDataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AntRun and AntCircle declare where Bullet-Safety-Gym's ant (DSRL's) starts: 0.1·z ≈ 0.07 at obs[2].
 * Data collected here fit; the same data with obs[2] as this project's earlier ant layout had it at a
 * start (0.2·v_x of a torso at rest, 0) are flagged, naming the statistic and BULLET-ANT.md.
 */
class AntDataConventionsTest {
    private final MujocoTaskProvider provider = new MujocoTaskProvider();

    @ParameterizedTest
    @ValueSource(strings = {"OfflineAntRun-v0", "OfflineAntCircle-v0"})
    void collectedDataFitAndAnotherLayoutIsFlagged(String task) {
        TaskTests.assumeMujoco();
        OfflineDataset data = DatasetCollector.collect(provider, task, 3, 1, n -> {});
        assertEquals(List.of(), DataConventionCheck.warnings(data, task, provider.dataConventions(task)), task + ": data collected here fit");

        float[] obs = data.observations();
        for (int i = 0; i < data.size(); i++) obs[i * data.obsDim() + 2] = 0f; // the earlier layout: 0.2·v_x at rest
        OfflineDataset other = OfflineDataset.of(data.obsDim(), data.actDim(), obs, data.nextObservations(), data.actions(),
                data.rewards(), data.costs(), data.terminals(), data.timeouts(), null, data.metadata());
        List<String> flagged = DataConventionCheck.warnings(other, task, provider.dataConventions(task));
        assertEquals(1, flagged.size(), task + ": " + flagged);
        assertTrue(flagged.get(0).contains("obs[2]") && flagged.get(0).contains("BULLET-ANT.md"), flagged.get(0));
    }
}
