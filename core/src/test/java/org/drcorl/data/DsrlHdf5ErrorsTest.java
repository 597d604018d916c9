package org.drcorl.data;

import static org.junit.jupiter.api.Assertions.*;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every broken file gives one DatasetException naming the file and what is wrong. */
class DsrlHdf5ErrorsTest {

    @TempDir
    Path dir;

    /** A DSRL-layout file with n rows written by jhdf directly, so that it can be made wrong on purpose. */
    private Path file(String name, int n, Consumer<WritableHdfFile> change, String... skip) {
        Path path = dir.resolve(name);
        List<String> skipped = List.of(skip);
        try (WritableHdfFile f = HdfFile.write(path)) {
            float[][] obs = new float[n][3];
            float[][] act = new float[n][2];
            float[] column = new float[n];
            Arrays.fill(column, 1f);
            if (!skipped.contains("observations")) f.putDataset("observations", obs);
            if (!skipped.contains("next_observations")) f.putDataset("next_observations", obs);
            if (!skipped.contains("actions")) f.putDataset("actions", act);
            if (!skipped.contains("rewards")) f.putDataset("rewards", column);
            if (!skipped.contains("costs")) f.putDataset("costs", column);
            if (!skipped.contains("terminals")) f.putDataset("terminals", new float[n]);
            if (!skipped.contains("timeouts")) f.putDataset("timeouts", new float[n]);
            change.accept(f);
        }
        return path;
    }

    private static String failure(Path path) {
        DatasetException e = assertThrows(DatasetException.class, () -> DsrlHdf5Reader.read(path));
        assertTrue(e.getMessage().startsWith(path + ": "), "message must name the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void theTestFileIsValidAsWritten() {
        OfflineDataset d = DsrlHdf5Reader.read(file("ok.hdf5", 5, f -> {}));
        assertEquals(5, d.size());
        assertEquals(1, d.episodeCount());
        assertTrue(DatasetValidator.validate(d).isEmpty());
    }

    @Test
    void missingKey() {
        Path path = file("missing.hdf5", 5, f -> {}, "costs");
        String message = failure(path);
        assertTrue(message.contains("missing dataset 'costs'"), message);
        assertTrue(message.contains("the file has: actions, next_observations"), message);
    }

    @Test
    void mismatchedLengths() {
        Path path = file("short.hdf5", 1000, f -> f.putDataset("costs", new float[999]), "costs");
        assertEquals(path + ": dataset 'costs' has 999 rows, 'observations' has 1000", failure(path));
    }

    @Test
    void nanInRewardsNamesKeyAndFirstRow() {
        float[] rewards = new float[8];
        rewards[5] = Float.NaN;
        rewards[7] = Float.NaN;
        Path path = file("nan.hdf5", 8, f -> f.putDataset("rewards", rewards), "rewards");
        String message = failure(path);
        assertTrue(message.contains("dataset 'rewards' has NaN at row 5"), message);
    }

    @Test
    void infinityInObservationsNamesTheRowNotTheFlatIndex() {
        float[][] obs = new float[4][3];
        obs[2][1] = Float.POSITIVE_INFINITY;
        Path path = file("inf.hdf5", 4, f -> f.putDataset("observations", obs), "observations");
        String message = failure(path);
        assertTrue(message.contains("dataset 'observations' has an infinite") && message.contains("at row 2"), message);
    }

    @Test
    void wrongShapes() {
        Path flatObs = file("flat.hdf5", 4, f -> f.putDataset("observations", new float[4]), "observations");
        assertTrue(failure(flatObs).contains("'observations' must be 2-D"));
        Path wideCosts = file("wide.hdf5", 4, f -> f.putDataset("costs", new float[4][2]), "costs");
        assertTrue(failure(wideCosts).contains("'costs' must have shape [N] or [N, 1]"));
    }

    @Test
    void partialNormalizationAttributes() {
        Path path = file("attrs.hdf5", 3, f -> f.putAttribute("reward_min", 1.0));
        assertTrue(failure(path).contains("reward_min, reward_max and cost_max must come together"));
        Path inverted = file("inverted.hdf5", 3, f -> {
            f.putAttribute("reward_min", 5.0);
            f.putAttribute("reward_max", 1.0);
            f.putAttribute("cost_max", 10.0);
        });
        assertTrue(failure(inverted).contains("invalid normalization attributes"));
    }

    @Test
    void truncatedFile() throws Exception {
        Path whole = dir.resolve("whole.hdf5");
        DsrlHdf5Writer.write(Datasets.sample(30, true), whole);
        byte[] bytes = Files.readAllBytes(whole);
        Path half = dir.resolve("half.hdf5");
        Files.write(half, Arrays.copyOf(bytes, bytes.length / 2));
        String message = failure(half);
        assertEquals(half + ": truncated: the file has " + bytes.length / 2 + " bytes, its HDF5 header declares "
                + bytes.length, message);
    }

    @Test
    void notAnHdf5File() throws Exception {
        Path text = dir.resolve("notes.hdf5");
        Files.writeString(text, "observations,actions\n1,2\n");
        assertEquals(text + ": not an HDF5 file", failure(text));
        Path empty = Files.createFile(dir.resolve("empty.hdf5"));
        assertEquals(empty + ": not an HDF5 file", failure(empty));
    }

    @Test
    void missingFileAndDirectory() {
        Path absent = dir.resolve("absent.hdf5");
        assertEquals(absent + ": no such file", failure(absent));
        assertTrue(failure(dir).contains("is a directory"));
    }

    @Test
    void theTaskIdIsReadWithoutTheData() {
        assertEquals(java.util.Optional.of("OfflineBallRun-v0"),
                DsrlHdf5Reader.taskId(file("named.hdf5", 5, f -> f.putAttribute("task_id", "OfflineBallRun-v0"))));
        assertEquals(java.util.Optional.empty(), DsrlHdf5Reader.taskId(file("unnamed.hdf5", 5, f -> {})));
        assertThrows(DatasetException.class, () -> DsrlHdf5Reader.taskId(dir.resolve("none.hdf5")));
    }
}
