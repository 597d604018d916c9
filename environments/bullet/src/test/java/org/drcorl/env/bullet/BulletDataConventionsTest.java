package org.drcorl.env.bullet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiConsumer;
import org.drcorl.data.DataConventionCheck;
import org.drcorl.data.DatasetCollector;
import org.drcorl.data.OfflineDataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The start-state statistics of DSRL's Car and Drone files (Bullet-Safety-Gym's resets): data
 * collected here show them, and the same data under the conventions this project used before
 * 2026-12-03/04 (the car's base facing the way it travels; the drone hovering at 1 m with its
 * rotor observation a_i) are flagged, naming the statistic.
 */
class BulletDataConventionsTest {
    private final BulletTaskProvider provider = new BulletTaskProvider();

    private List<String> warnings(String task, OfflineDataset data) {
        return DataConventionCheck.warnings(data, task, provider.dataConventions(task));
    }

    /** The data with {@code change} applied to every observation and next observation. */
    private static OfflineDataset rewritten(OfflineDataset d, BiConsumer<float[], Integer> change) {
        float[] obs = d.observations(), next = d.nextObservations();
        for (int i = 0; i < d.size(); i++) {
            change.accept(obs, i * d.obsDim());
            change.accept(next, i * d.obsDim());
        }
        return OfflineDataset.of(d.obsDim(), d.actDim(), obs, next, d.actions(), d.rewards(), d.costs(), d.terminals(),
                d.timeouts(), null, d.metadata());
    }

    @ParameterizedTest
    @ValueSource(strings = {"OfflineCarCircle-v0", "OfflineCarRun-v0", "OfflineDroneCircle-v0", "OfflineDroneRun-v0"})
    void collectedDataFollowTheConventionsAndTheOldOnesAreFlagged(String task) {
        assertTrue(!provider.dataConventions(task).isEmpty(), task + " declares its conventions");
        OfflineDataset data = DatasetCollector.collect(provider, task, 6, 3, n -> {});
        assertEquals(List.of(), warnings(task, data), task + ": data collected here fit");

        OfflineDataset old = task.startsWith("OfflineCar")
                ? rewritten(data, (o, k) -> { o[k + 4] = -o[k + 4]; o[k + 5] = -o[k + 5]; }) // heading of travel
                : rewritten(data, (o, k) -> { o[k + 2] = 0.1f; for (int r = 13; r < 17; r++) o[k + r] = 0f; }); // hovering at 1 m
        List<String> flagged = warnings(task, old);
        assertTrue(!flagged.isEmpty(), task + ": the old conventions are flagged");
        String first = flagged.get(0);
        assertTrue(first.contains("do not follow " + task + "'s conventions") && first.contains("obs["), first);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OfflineBallCircle-v0", "OfflineBallRun-v0"})
    void theBallDeclaresNone(String task) {
        assertEquals(List.of(), provider.dataConventions(task), "the ball's conventions never differed from DSRL's");
    }
}
