package org.drcorl.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.drcorl.data.DatasetMetadata;
import org.drcorl.data.DsrlHdf5Writer;
import org.drcorl.data.OfflineDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCommandTest {

    @TempDir
    Path dir;

    Path file;

    record Result(int code, String out, String err) {}

    /** The fixture writes with jhdf before Main runs: set the CLI's log levels first, as main() would. */
    @BeforeAll
    static void quietLogs() {
        Logging.configure(false);
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * Four CarCircle-shaped episodes of 20 steps; episode e has cost 1 on its first 5e steps,
     * so the cost returns are 0, 5, 10, 15 and the reward returns 20, 40, 60, 80.
     */
    @BeforeEach
    void writeDataset() {
        OfflineDataset.Builder b = OfflineDataset.builder(8, 2);
        for (int e = 0; e < 4; e++) {
            for (int t = 0; t < 20; t++) {
                b.add(new float[8], new float[2], e + 1, t < 5 * e ? 1 : 0, new float[8], false, false);
            }
            b.endEpisode(e % 2 == 0 ? "cautious" : "bold");
        }
        b.metadata(DatasetMetadata.NONE.withTaskId("OfflineCarCircle-v0").withMaxEpisodeSteps(300));
        file = dir.resolve("car.hdf5");
        DsrlHdf5Writer.write(b.build(), file);
    }

    @Test
    void infoPrintsSizesEpisodesReturnsAndSafeSharesForTheFilesTask() {
        Result r = run("dataset", "info", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith(file + "\n"), r.out());
        assertTrue(r.out().contains("task            OfflineCarCircle-v0 (from the file)"), r.out());
        assertTrue(r.out().contains("transitions     80"), r.out());
        assertTrue(r.out().contains("dimensions      obs 8, act 2"), r.out());
        assertTrue(r.out().contains("episodes        4 (length 20..20, T 300)"), r.out());
        assertTrue(r.out().contains("reward return   min 20.000, mean 50.000, max 80.000"), r.out());
        assertTrue(r.out().contains("cost return     min 0.000, mean 7.500, max 15.000"), r.out());
        assertTrue(r.out().contains("R_min 3.4844, R_max 534.306, C_max 100 (DSRL's for OfflineCarCircle-v0)"), r.out());
        // CarCircle is a Bullet task: κ = 10, 20, 40.
        assertTrue(r.out().contains("κ 10: 3/4 (75.0%)   κ 20: 4/4 (100.0%)   κ 40: 4/4 (100.0%)"), r.out());
        assertTrue(r.out().contains("behaviours      bold 2, cautious 2"), r.out());
        assertFalse(r.out().contains("problem"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void infoTakesThresholdsAndATaskFromTheCommandLine() {
        Result r = run("dataset", "info", file.toString(), "--thresholds", "0,5.5", "--task", "CarCircle-v0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("κ 0: 1/4 (25.0%)   κ 5.5: 2/4 (50.0%)"), r.out());
        assertTrue(r.out().contains("OfflineCarCircle-v0 (--task)"), r.out());

        Result wrongTask = run("dataset", "info", file.toString(), "--task", "OfflineBallRun-v0");
        assertEquals(0, wrongTask.code());
        assertTrue(wrongTask.out().contains("problem         observations have 8 values, task OfflineBallRun-v0 has 7"),
                wrongTask.out());
        assertTrue(wrongTask.out().contains("κ 10:"), "BallRun is a Bullet task too");
    }

    /** DSRL's own files have no task_id attribute: their download name (dsrl/infos.py) names the task. */
    @Test
    void aFileWithoutTaskIdIsTheTaskItsDsrlNameNames() throws Exception {
        OfflineDataset data = org.drcorl.data.DsrlHdf5Reader.read(file);
        Path dsrl = dir.resolve("SafetyCarRun-v0-40-651.hdf5");
        DsrlHdf5Writer.write(data.withMetadata(DatasetMetadata.NONE), dsrl);
        Result r = run("dataset", "info", dsrl.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("task            OfflineCarRun-v0 (from the file's name)"), r.out());
        assertTrue(r.out().contains("R_min 204.287, R_max 574.653, C_max 40 (DSRL's for OfflineCarRun-v0)"), r.out());
        assertTrue(r.out().contains("problem         observations have 8 values, task OfflineCarRun-v0 has 7"), r.out());
        Result v = run("dataset", "validate", dsrl.toString());
        assertEquals(2, v.code(), v.out());
        assertTrue(v.out().contains("observations have 8 values, task OfflineCarRun-v0 has 7"), v.out());
    }

    @Test
    void infoRejectsBadInputInOneLine() {
        Result unknown = run("dataset", "info", file.toString(), "--task", "NoSuchTask");
        assertEquals(2, unknown.code());
        assertEquals("drcorl: error: unknown task 'NoSuchTask': --task takes one of DSRL's task ids (drcorl tasks --dsrl) or a"
                + " task of a loaded plugin (drcorl tasks)", unknown.err().strip());
        // every DSRL id is known, simulated here or not (MetaDrive is not): its constants give the expected sizes
        Result metadrive = run("dataset", "info", file.toString(), "--task", "OfflineMetadrive-easymean-v0");
        assertEquals(0, metadrive.code(), metadrive.err());
        assertTrue(metadrive.out().contains("observations have 8 values, task OfflineMetadrive-easymean-v0 has 259"), metadrive.out());
        Result negative = run("dataset", "info", file.toString(), "--thresholds", "-1");
        assertEquals(2, negative.code());
        assertTrue(negative.err().contains("a cost budget must be >= 0"), negative.err());
        Result missing = run("dataset", "info", dir.resolve("nope.hdf5").toString());
        assertEquals(2, missing.code());
        assertEquals("drcorl: error: " + dir.resolve("nope.hdf5") + ": no such file", missing.err().strip());
    }

    @Test
    void validateAcceptsAGoodFile() {
        Result r = run("dataset", "validate", file.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(file + ": valid (80 transitions, 4 episodes)", r.out().strip());
    }

    @Test
    void validateReportsEachProblemOfAFileForAnotherTask() {
        Result r = run("dataset", "validate", file.toString(), "--task", "OfflineDroneRun-v0");
        assertEquals(2, r.code());
        assertEquals(List.of(
                file + ": observations have 8 values, task OfflineDroneRun-v0 has 17",
                file + ": actions have 2 values, task OfflineDroneRun-v0 has 4",
                file + ": the dataset is for task OfflineCarCircle-v0, not OfflineDroneRun-v0"), r.out().lines().toList());
    }

    @Test
    void validateOnACorruptFilePrintsOneLineWithoutAStackTrace() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Path corrupt = dir.resolve("corrupt.hdf5");
        Files.write(corrupt, Arrays.copyOf(bytes, bytes.length / 2));
        Result r = run("dataset", "validate", corrupt.toString());
        assertEquals(2, r.code());
        List<String> lines = (r.out() + r.err()).lines().toList();
        assertEquals(1, lines.size(), r.out() + r.err());
        assertTrue(lines.get(0).startsWith(corrupt + ": "), lines.get(0));
        assertFalse(lines.get(0).contains("\tat "), lines.get(0));

        Path text = dir.resolve("text.hdf5");
        Files.writeString(text, "hello");
        Result notHdf5 = run("dataset", "validate", text.toString());
        assertEquals(2, notHdf5.code());
        assertEquals(text + ": not an HDF5 file", notHdf5.out().strip());
        assertEquals("", notHdf5.err());
    }
}
