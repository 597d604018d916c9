package org.drcorl.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.drcorl.spi.NormalizationConstants;
import org.drcorl.spi.TaskSpec;
import org.junit.jupiter.api.Test;

class DatasetValidatorTest {

    /** n transitions of a task with the given dimensions, in episodes of {@code length} steps. */
    private static OfflineDataset dataset(int obsDim, int actDim, int n, int length, String taskId, float cost) {
        OfflineDataset.Builder b = OfflineDataset.builder(obsDim, actDim);
        for (int i = 0; i < n; i++) {
            b.add(new float[obsDim], new float[actDim], 1, cost, new float[obsDim], false, (i + 1) % length == 0);
        }
        return b.metadata(DatasetMetadata.NONE.withTaskId(taskId)).build();
    }

    @Test
    void aMatchingDatasetIsValid() {
        assertEquals(List.of(), DatasetValidator.validate(dataset(8, 2, 600, 300, "OfflineCarCircle-v0", 0)));
        assertEquals(List.of(), DatasetValidator.validate(dataset(8, 2, 600, 300, null, 1), "CarCircle-v0"));
    }

    @Test
    void wrongDimensionsForANamedTask() {
        OfflineDataset d = dataset(7, 3, 10, 10, null, 0);
        assertEquals(List.of("observations have 7 values, task OfflineCarCircle-v0 has 8",
                        "actions have 3 values, task OfflineCarCircle-v0 has 2"),
                DatasetValidator.validate(d, "OfflineCarCircle-v0"));
        assertThrows(IllegalArgumentException.class, () -> DatasetValidator.validate(d, "OfflineNoSuchTask-v0"));
    }

    @Test
    void taskSpecGivesDimensionsAndEpisodeLimit() {
        TaskSpec spec = new TaskSpec("OurCircle-v0", "bullet", "test", 8, 2, TaskSpec.symmetricBounds(2, -1),
                TaskSpec.symmetricBounds(2, 1), 100, List.of(10.0), new NormalizationConstants(0, 1, 10));
        List<String> problems = DatasetValidator.validate(dataset(8, 2, 300, 150, "OurCircle-v0", 0), spec);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("2 episode(s) longer than the 100-step limit (first: episode 0, 150 steps"),
                problems.get(0));
    }

    @Test
    void aDatasetForAnotherTaskNegativeCostsAndEmptiness() {
        List<String> problems = DatasetValidator.validate(dataset(8, 2, 10, 10, "OfflineBallCircle-v0", -1),
                "OfflineCarCircle-v0");
        assertEquals(List.of("the dataset is for task OfflineBallCircle-v0, not OfflineCarCircle-v0",
                "negative cost -1.0 at row 0 (costs are indicators >= 0)"), problems);
        assertEquals(List.of("the dataset has no transitions"),
                DatasetValidator.validate(dataset(8, 2, 0, 10, null, 0)));
    }

    @Test
    void hugeValuesAndActionsOutsideTheTaskBoundsAreProblems() {
        TaskSpec spec = new TaskSpec("OurCircle-v0", "bullet", "test", 3, 2, TaskSpec.symmetricBounds(2, -1),
                TaskSpec.symmetricBounds(2, 1), 100, List.of(10.0), new NormalizationConstants(0, 1, 10));
        OfflineDataset.Builder b = OfflineDataset.builder(3, 2);
        for (int i = 0; i < 20; i++) {
            float[] obs = {0, i == 5 ? 3e38f : 0, 0};
            float[] act = {i == 7 ? 50f : 0.5f, i == 9 ? -1.00001f : -1f}; // -1.00001: rounding, within the tolerance
            b.add(obs, act, 1, 0, new float[3], false, i == 19);
        }
        List<String> problems = DatasetValidator.validate(b.build(), spec);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("'observations' has 3.0E38 at row 5, column 1"), problems.get(0));
        assertTrue(problems.get(1).startsWith("1 action value(s) outside the bounds of task OurCircle-v0"), problems.get(1));
        assertTrue(problems.get(1).contains("row 7, column 0 = 50.0"), problems.get(1));
        // without a simulated task the bounds are unknown: only the values are checked
        assertEquals(1, DatasetValidator.validate(b.build()).size());
    }
}
