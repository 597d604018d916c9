package org.drcorl.data;

import static org.drcorl.data.DsrlAttributes.*;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.drcorl.spi.NormalizationConstants;

/**
 * Writes an {@link OfflineDataset} in the DSRL layout (see {@link DsrlHdf5Reader}) with jhdf.
 *
 * <ul>
 *   <li>All numeric datasets are float32, chunked and gzip (deflate level 4) compressed like
 *       DSRL's own files; jhdf 0.13.0 writes the deflate filter and h5py reads it back.</li>
 *   <li>{@code terminals} and {@code timeouts} are float32 0/1, not numpy bool: jhdf cannot write
 *       h5py's bool enum (its boolean[] becomes a bitfield that h5py reads as uint8). Float 0/1 is
 *       what DSRL/OSRL-style code turns the flags into anyway ({@code done} masks,
 *       {@code 1 - done}), compares correctly with {@code == 1} and {@code np.logical_or}, and, unlike
 *       int8, fails loudly instead of silently gathering rows 0 and 1 if used as a boolean index.</li>
 *   <li>Root attributes: {@code format_version}, and when known {@code task_id},
 *       {@code reward_min}/{@code reward_max}/{@code cost_max}, {@code max_episode_steps}, plus the
 *       dataset's further string attributes. Episode labels, when present, are a string dataset
 *       {@code episode_labels} [E] (HDF5 attributes are limited to 64 KiB).</li>
 *   <li>The write is atomic: a temporary file in the target's directory is renamed onto the
 *       target, so an interrupted write never leaves a half-written dataset behind.</li>
 * </ul>
 */
public final class DsrlHdf5Writer {
    private DsrlHdf5Writer() {}

    /** Target uncompressed chunk size: large enough for good compression, small enough for partial reads. */
    private static final int CHUNK_BYTES = 1 << 16;
    private static final int DEFLATE_LEVEL = 4;

    /**
     * Writes {@code dataset} to {@code target}, replacing an existing file.
     *
     * @throws IllegalArgumentException for an empty dataset or one holding NaN/inf (it could not be read back)
     * @throws UncheckedIOException     when the file cannot be written
     */
    public static void write(OfflineDataset dataset, Path target) {
        if (dataset.size() == 0) throw new IllegalArgumentException(target + ": cannot write a dataset without transitions");
        String nonFinite = dataset.firstNonFinite();
        if (nonFinite != null) throw new IllegalArgumentException(target + ": cannot write a dataset whose " + nonFinite);
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temp = null;
        try {
            Files.createDirectories(directory);
            removeStaleTemporaries(absolute);
            temp = SiblingTemp.of(absolute, ".tmp");
            // Ctrl-C during the write: the JVM's exit removes it (a no-op once it is renamed)
            temp.toFile().deleteOnExit();
            writeTo(dataset, temp);
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write the dataset (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            // jhdf wraps the file system's error ("No space left on device") in its own
            // "Exception writing at position N": report the cause, which says what to do
            IOException io = ioCause(e);
            if (io == null) throw e;
            throw new UncheckedIOException(target + ": cannot write the dataset (" + io.getMessage() + ")", io);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The original failure is the one worth reporting; a stray hidden .tmp is harmless.
                }
            }
        }
    }

    private static IOException ioCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException io) return io;
        }
        return null;
    }

    /** Temporary files older than this, left by a writer of the same target, belong to a killed process. */
    static final java.time.Duration STALE_TEMPORARY = java.time.Duration.ofHours(1);

    /**
     * Deletes the temporary files that an earlier write of {@code target} left behind when its
     * process was killed outright (no shutdown hook ran); recent ones may belong to a writer
     * still at work and are left alone.
     */
    private static void removeStaleTemporaries(Path target) throws IOException {
        String prefix = "." + target.getFileName() + ".";
        java.time.Instant cutoff = java.time.Instant.now().minus(STALE_TEMPORARY);
        try (var files = Files.list(target.getParent())) {
            for (Path f : files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(".tmp");
            }).toList()) {
                try {
                    if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff)) Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // another process removed or renamed it meanwhile
                }
            }
        }
    }

    private static void writeTo(OfflineDataset dataset, Path file) {
        int n = dataset.size();
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putDataset(OBSERVATIONS, rows(dataset.observationsView(), n, dataset.obsDim()), matrixOptions(n, dataset.obsDim()));
            hdf.putDataset(NEXT_OBSERVATIONS, rows(dataset.nextObservationsView(), n, dataset.obsDim()),
                    matrixOptions(n, dataset.obsDim()));
            hdf.putDataset(ACTIONS, rows(dataset.actionsView(), n, dataset.actDim()), matrixOptions(n, dataset.actDim()));
            hdf.putDataset(REWARDS, dataset.rewards(), vectorOptions(n));
            hdf.putDataset(COSTS, dataset.costs(), vectorOptions(n));
            hdf.putDataset(TERMINALS, zeroOne(dataset.terminals()), vectorOptions(n));
            hdf.putDataset(TIMEOUTS, zeroOne(dataset.timeouts()), vectorOptions(n));
            dataset.episodeLabels().ifPresent(labels -> hdf.putDataset(EPISODE_LABELS, labels.toArray(String[]::new)));

            DatasetMetadata metadata = dataset.metadata();
            hdf.putAttribute(FORMAT_VERSION, CURRENT_FORMAT_VERSION);
            if (metadata.taskId() != null) hdf.putAttribute(TASK_ID, metadata.taskId());
            NormalizationConstants normalization = metadata.normalization();
            if (normalization != null) {
                hdf.putAttribute(REWARD_MIN, normalization.rewardMin());
                hdf.putAttribute(REWARD_MAX, normalization.rewardMax());
                hdf.putAttribute(COST_MAX, normalization.costMax());
            }
            if (metadata.maxEpisodeSteps() > 0) hdf.putAttribute(MAX_EPISODE_STEPS, metadata.maxEpisodeSteps());
            for (Map.Entry<String, String> e : metadata.attributes().entrySet()) hdf.putAttribute(e.getKey(), e.getValue());
        }
    }

    /** Chunking of an [N] dataset. */
    private static DatasetCreationOptions vectorOptions(int rows) {
        return compressed(new int[] {chunkRows(rows, 1)});
    }

    /** Chunking of an [N, columns] dataset; rank 2 even for one column (an action of dimension 1). */
    private static DatasetCreationOptions matrixOptions(int rows, int columns) {
        return compressed(new int[] {chunkRows(rows, columns), columns});
    }

    private static int chunkRows(int rows, int columns) {
        return Math.max(1, Math.min(rows, CHUNK_BYTES / (4 * columns)));
    }

    private static DatasetCreationOptions compressed(int[] chunk) {
        return DatasetCreationOptions.builder().chunkDimensions(chunk).deflate(DEFLATE_LEVEL).build();
    }

    /**
     * jhdf takes the shape of a dataset from the nesting of the Java array; reading rows from the
     * dataset's view avoids holding a flat copy besides the nested one.
     */
    private static float[][] rows(FloatBuffer flat, int n, int width) {
        float[][] out = new float[n][width];
        for (int i = 0; i < n; i++) flat.get(i * width, out[i]);
        return out;
    }

    private static float[] zeroOne(boolean[] flags) {
        float[] out = new float[flags.length];
        for (int i = 0; i < flags.length; i++) out[i] = flags[i] ? 1f : 0f;
        return out;
    }
}
