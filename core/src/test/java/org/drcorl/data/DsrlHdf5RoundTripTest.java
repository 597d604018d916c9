package org.drcorl.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.drcorl.spi.NormalizationConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DsrlHdf5RoundTripTest {

    @TempDir
    Path dir;

    @Test
    void javaWriteThenJavaReadGivesTheSameDataset() {
        OfflineDataset original = Datasets.sample(6, true);
        Path file = dir.resolve("sub/sample.hdf5");
        DsrlHdf5Writer.write(original, file);
        OfflineDataset read = DsrlHdf5Reader.read(file);

        assertEquals(original.contentHash(), read.contentHash());
        assertEquals(original.size(), read.size());
        assertEquals(original.episodes(), read.episodes());
        assertArrayEquals(original.observations(), read.observations());
        assertArrayEquals(original.nextObservations(), read.nextObservations());
        assertArrayEquals(original.actions(), read.actions());
        assertArrayEquals(original.rewards(), read.rewards());
        assertArrayEquals(original.costs(), read.costs());
        assertArrayEquals(original.terminals(), read.terminals());
        assertArrayEquals(original.timeouts(), read.timeouts());
        assertEquals(original.episodeLabels(), read.episodeLabels());
        assertEquals("OfflineTest-v0", read.taskId().orElseThrow());
        assertEquals(new NormalizationConstants(1.5, 250.25, 80), read.normalization().orElseThrow());
        assertEquals(300, read.metadata().maxEpisodeSteps());
        assertEquals(Map.of("collector", "unit test", "seed", "42"), read.metadata().attributes());
        assertEquals(original.metadata(), read.metadata());
    }

    @Test
    void writingIsAtomicAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("data.hdf5");
        Files.writeString(file, "old content");
        DsrlHdf5Writer.write(Datasets.sample(2, false), file);
        assertEquals(7, DsrlHdf5Reader.read(file).size());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void writingSweepsTheStaleTemporaryOfAKilledWriterButNotARecentOne() throws Exception {
        Path file = dir.resolve("data.hdf5");
        Path stale = Files.writeString(dir.resolve(".data.hdf5.123.tmp"), "half a dataset");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(DsrlHdf5Writer.STALE_TEMPORARY).minusSeconds(60)));
        Path recent = Files.writeString(dir.resolve(".data.hdf5.456.tmp"), "another writer at work");
        Path otherTarget = Files.writeString(dir.resolve(".other.hdf5.789.tmp"), "not ours");
        Files.setLastModifiedTime(otherTarget, Files.getLastModifiedTime(stale));
        DsrlHdf5Writer.write(Datasets.sample(2, false), file);
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(recent));
        assertTrue(Files.exists(otherTarget), "only temporaries of the same target are swept");
        assertEquals(7, DsrlHdf5Reader.read(file).size());
    }

    @Test
    void writerRefusesWhatCouldNotBeReadBack() throws Exception {
        OfflineDataset d = Datasets.sample(2, false);
        float[] rewards = d.rewards();
        rewards[3] = Float.NaN;
        OfflineDataset withNaN = OfflineDataset.of(3, 2, d.observations(), d.nextObservations(), d.actions(), rewards,
                d.costs(), d.terminals(), d.timeouts(), null, DatasetMetadata.NONE);
        Path file = dir.resolve("nan.hdf5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DsrlHdf5Writer.write(withNaN, file));
        assertTrue(e.getMessage().contains("'rewards' has NaN at row 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DsrlHdf5Writer.write(d.filterEpisodes(i -> false), file));
        assertFalse(Files.exists(file));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no temporary file may be left behind");
        }
    }

    @Test
    void writerRejectsReservedAttributeNames() {
        assertThrows(IllegalArgumentException.class,
                () -> new DatasetMetadata(null, null, 0, Map.of("task_id", "x")));
    }
}
