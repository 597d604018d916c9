package org.drcorl.data;

import static org.drcorl.data.DsrlAttributes.*;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.drcorl.spi.NormalizationConstants;

/**
 * Reads a dataset in the DSRL layout as h5py writes it: root datasets {@code observations [N,obs]},
 * {@code next_observations}, {@code actions [N,act]} (float32 or float64), {@code rewards},
 * {@code costs} ([N] or [N,1]), {@code terminals}, {@code timeouts} (numpy bool — an int8 enum
 * that jhdf returns as "TRUE"/"FALSE" — or any integer or float type, non-zero meaning set),
 * gzip-compressed or not. Root attributes written by {@link DsrlHdf5Writer} (task id,
 * normalization constants, T, further attributes) and an optional {@code episode_labels} string
 * dataset are read when present. Values are held as float32; float64 data is rounded to it.
 *
 * <p>Every problem is a {@link DatasetException} whose message names the file and the fault.
 */
public final class DsrlHdf5Reader {
    private DsrlHdf5Reader() {}

    /** HDF5's format signature; it sits at offset 0, 512, 1024, ... (after an optional user block). */
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private static final List<String> REQUIRED = List.of(OBSERVATIONS, NEXT_OBSERVATIONS, ACTIONS, REWARDS, COSTS,
            TERMINALS, TIMEOUTS);

    /** Reads the whole file into memory. */
    public static OfflineDataset read(Path file) {
        String name = file.toString();
        if (Files.isDirectory(file)) throw new DatasetException(name + ": is a directory, not an HDF5 file");
        if (!Files.isRegularFile(file)) throw new DatasetException(name + ": no such file");
        long base = signatureOffset(file);
        if (base < 0) throw new DatasetException(name + ": not an HDF5 file");
        requireComplete(file, base);
        try (HdfFile hdf = new HdfFile(file)) {
            return new Contents(name, hdf).read();
        } catch (DatasetException e) {
            throw e;
        } catch (RuntimeException e) {
            // jhdf reports truncation and corruption with assorted exceptions (HdfException,
            // BufferUnderflowException, IllegalArgumentException, ...): one message for all of them.
            // An OutOfMemoryError is not caught: the file is fine, the heap is small, and the
            // command line says so (with the flag that helps).
            throw new DatasetException(name + ": cannot be read, the file is truncated or corrupt ("
                    + describe(e) + ")", e);
        }
    }

    /**
     * The file's {@code task_id} attribute, read without loading the data (empty when the file has
     * none); a file that cannot be read fails as in {@link #read}.
     */
    public static Optional<String> taskId(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) throw new DatasetException(name + ": no such file");
        long base = signatureOffset(file);
        if (base < 0) throw new DatasetException(name + ": not an HDF5 file");
        requireComplete(file, base);
        try (HdfFile hdf = new HdfFile(file)) {
            Attribute id = hdf.getAttributes().get(TASK_ID);
            return id == null ? Optional.empty() : Optional.of(Contents.text(id)).filter(s -> !s.isBlank());
        } catch (RuntimeException e) {
            throw new DatasetException(name + ": cannot be read, the file is truncated or corrupt (" + describe(e) + ")", e);
        }
    }

    private static String describe(Throwable e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }

    /** Where the HDF5 signature is, or -1 when the file has none. */
    private static long signatureOffset(Path file) {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            ByteBuffer block = ByteBuffer.allocate(SIGNATURE.length);
            for (long offset = 0; offset + SIGNATURE.length <= size && offset <= (1L << 30);
                 offset = offset == 0 ? 512 : offset * 2) {
                block.clear();
                while (block.hasRemaining() && channel.read(block, offset + block.position()) > 0) {
                    // read until the probe is full
                }
                if (!block.hasRemaining() && Arrays.equals(block.array(), SIGNATURE)) return offset;
            }
            return -1;
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + describe(e) + ")", e);
        }
    }

    /**
     * The superblock records where the file ends; a shorter file was cut off (an interrupted copy
     * or download). Checking this first gives a clear message instead of whatever jhdf trips over.
     */
    private static void requireComplete(Path file, long base) {
        long declared;
        long actual;
        try (FileChannel channel = FileChannel.open(file)) {
            actual = channel.size();
            declared = base + Superblock.readSuperblock(channel, base).getEndOfFileAddress();
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + describe(e) + ")", e);
        } catch (RuntimeException e) {
            throw new DatasetException(file + ": cannot be read, the HDF5 superblock is damaged (" + describe(e) + ")", e);
        }
        if (actual < declared) {
            throw new DatasetException(file + ": truncated: the file has " + actual + " bytes, its HDF5 header declares "
                    + declared);
        }
    }

    /** The reading of one open file; holds the name for messages. */
    private record Contents(String name, HdfFile hdf) {

        OfflineDataset read() {
            Map<String, Dataset> datasets = new LinkedHashMap<>();
            for (String key : REQUIRED) datasets.put(key, dataset(key));

            Dataset obsSet = datasets.get(OBSERVATIONS);
            int[] obsShape = shape(obsSet);
            if (obsShape.length != 2) fail("dataset 'observations' must be 2-D [N, obs], it has shape " + Arrays.toString(obsShape));
            int n = obsShape[0];
            int obsDim = obsShape[1];
            if (n == 0) fail("the file holds no transitions ('observations' has 0 rows)");
            int[] actShape = shape(datasets.get(ACTIONS));
            if (actShape.length != 2) fail("dataset 'actions' must be 2-D [N, act], it has shape " + Arrays.toString(actShape));
            requireRows(ACTIONS, actShape[0], n);
            int actDim = actShape[1];
            if (obsDim <= 0 || actDim <= 0) fail("observation and action dimensions must be positive, got "
                    + obsDim + " and " + actDim);
            int[] nextShape = shape(datasets.get(NEXT_OBSERVATIONS));
            if (nextShape.length != 2) fail("dataset 'next_observations' must be 2-D [N, obs], it has shape " + Arrays.toString(nextShape));
            requireRows(NEXT_OBSERVATIONS, nextShape[0], n);
            if (nextShape[1] != obsDim) fail("dataset 'next_observations' has " + nextShape[1]
                    + " columns, 'observations' has " + obsDim);
            for (String key : List.of(REWARDS, COSTS, TERMINALS, TIMEOUTS)) {
                int[] s = shape(datasets.get(key));
                if (!(s.length == 1 || s.length == 2 && s[1] == 1)) {
                    fail("dataset '" + key + "' must have shape [N] or [N, 1], it has " + Arrays.toString(s));
                }
                requireRows(key, s[0], n);
            }

            requireMemory(n, obsDim, actDim);
            float[] observations = floats(OBSERVATIONS, datasets.get(OBSERVATIONS), obsDim);
            float[] nextObservations = floats(NEXT_OBSERVATIONS, datasets.get(NEXT_OBSERVATIONS), obsDim);
            float[] actions = floats(ACTIONS, datasets.get(ACTIONS), actDim);
            float[] rewards = floats(REWARDS, datasets.get(REWARDS), 1);
            float[] costs = floats(COSTS, datasets.get(COSTS), 1);
            boolean[] terminals = flags(TERMINALS, datasets.get(TERMINALS));
            boolean[] timeouts = flags(TIMEOUTS, datasets.get(TIMEOUTS));
            DatasetMetadata metadata = metadata();
            List<String> labels = labels();
            try {
                return new OfflineDataset(obsDim, actDim, observations, nextObservations, actions, rewards, costs,
                        terminals, timeouts, labels, metadata);
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
        }

        /**
         * Refuses a file this JVM cannot hold, before reading it: the columns as float32 plus the
         * largest column once more while it is converted. Without this the read ends in an
         * OutOfMemoryError minutes later.
         */
        private void requireMemory(long n, long obsDim, long actDim) {
            long columns = 4 * n * (2 * obsDim + actDim + 2) + 2 * n;
            long need = columns + 8 * n * Math.max(obsDim, actDim);
            long max = Runtime.getRuntime().maxMemory();
            if (need > max) {
                fail(String.format(java.util.Locale.ROOT, "%d transitions need about %.1f GB of memory to load, this JVM"
                        + " may use %.1f GB: allow more with DRCORL_JAVA_OPTS=-Xmx%dg", n, need / 1e9, max / 1e9,
                        (long) Math.ceil(need * 1.5 / (1L << 30))));
            }
        }

        private DatasetException fail(String problem) {
            throw new DatasetException(name + ": " + problem);
        }

        private Dataset dataset(String key) {
            Node node = hdf.getChildren().get(key);
            if (node == null) {
                fail("missing dataset '" + key + "' (the file has: "
                        + String.join(", ", new TreeSet<>(hdf.getChildren().keySet())) + ")");
            }
            if (!(node instanceof Dataset d)) throw fail("'" + key + "' is a " + node.getType() + ", not a dataset");
            return d;
        }

        private static int[] shape(Dataset d) {
            return d.isScalar() ? new int[0] : d.getDimensions();
        }

        private void requireRows(String key, int rows, int n) {
            if (rows != n) fail("dataset '" + key + "' has " + rows + " rows, 'observations' has " + n);
        }

        /** The values of a numeric dataset as float32, refusing NaN and ±inf. */
        private float[] floats(String key, Dataset d, int width) {
            Object data = d.getDataFlat();
            int length = Array.getLength(data);
            // float32 data is taken as jhdf returns it: a copy would double the peak memory
            float[] out = data instanceof float[] f ? f : new float[length];
            switch (data) {
                case float[] f -> { }
                case double[] v -> { for (int i = 0; i < length; i++) out[i] = (float) v[i]; }
                case long[] v -> { for (int i = 0; i < length; i++) out[i] = v[i]; }
                case int[] v -> { for (int i = 0; i < length; i++) out[i] = v[i]; }
                case short[] v -> { for (int i = 0; i < length; i++) out[i] = v[i]; }
                case byte[] v -> { for (int i = 0; i < length; i++) out[i] = v[i]; }
                default -> fail(data.getClass().getComponentType() == Object.class
                        ? "dataset '" + key + "' holds no data (created but never written?)"
                        : "dataset '" + key + "' must be numeric, it holds " + data.getClass().getComponentType());
            }
            for (int i = 0; i < length; i++) {
                if (!Float.isFinite(out[i])) {
                    // A float64 value beyond float32's range also becomes inf here: say so rather than "inf".
                    String what = Float.isNaN(out[i]) ? "NaN" : "an infinite or out-of-float32-range value";
                    fail("dataset '" + key + "' has " + what + " at row " + (i / width) + " (first such row)");
                }
            }
            return out;
        }

        /** Terminal/timeout flags from h5py's bool enum (strings via jhdf), bool, integer or float data. */
        private boolean[] flags(String key, Dataset d) {
            Object data = d.getDataFlat();
            int length = Array.getLength(data);
            boolean[] out = new boolean[length];
            switch (data) {
                case String[] v -> {
                    for (int i = 0; i < length; i++) {
                        if ("TRUE".equalsIgnoreCase(v[i])) out[i] = true;
                        else if (!"FALSE".equalsIgnoreCase(v[i])) fail("dataset '" + key + "' has the value '" + v[i]
                                + "' at row " + i + "; expected TRUE/FALSE or a number");
                    }
                }
                case boolean[] v -> System.arraycopy(v, 0, out, 0, length);
                case byte[] v -> { for (int i = 0; i < length; i++) out[i] = v[i] != 0; }
                case short[] v -> { for (int i = 0; i < length; i++) out[i] = v[i] != 0; }
                case int[] v -> { for (int i = 0; i < length; i++) out[i] = v[i] != 0; }
                case long[] v -> { for (int i = 0; i < length; i++) out[i] = v[i] != 0; }
                case float[] v -> {
                    for (int i = 0; i < length; i++) {
                        if (Float.isNaN(v[i])) fail("dataset '" + key + "' has NaN at row " + i + " (first such row)");
                        out[i] = v[i] != 0;
                    }
                }
                case double[] v -> {
                    for (int i = 0; i < length; i++) {
                        if (Double.isNaN(v[i])) fail("dataset '" + key + "' has NaN at row " + i + " (first such row)");
                        out[i] = v[i] != 0;
                    }
                }
                default -> fail(data.getClass().getComponentType() == Object.class
                        ? "dataset '" + key + "' holds no data (created but never written?)"
                        : "dataset '" + key + "' must be boolean or numeric, it holds " + data.getClass().getComponentType());
            }
            return out;
        }

        private List<String> labels() {
            Node node = hdf.getChildren().get(EPISODE_LABELS);
            if (node == null) return null;
            if (node instanceof Dataset d && d.getDataFlat() instanceof String[] labels) return Arrays.asList(labels);
            throw fail("'" + EPISODE_LABELS + "' must be a dataset of strings, one per episode");
        }

        private DatasetMetadata metadata() {
            Map<String, Attribute> attributes = hdf.getAttributes();
            String taskId = attributes.containsKey(TASK_ID) ? text(attributes.get(TASK_ID)) : null;
            List<String> normalizationKeys = List.of(REWARD_MIN, REWARD_MAX, COST_MAX);
            long present = normalizationKeys.stream().filter(attributes::containsKey).count();
            NormalizationConstants normalization = null;
            if (present == normalizationKeys.size()) {
                try {
                    normalization = new NormalizationConstants(number(attributes.get(REWARD_MIN)),
                            number(attributes.get(REWARD_MAX)), number(attributes.get(COST_MAX)));
                } catch (IllegalArgumentException e) {
                    fail("invalid normalization attributes: " + e.getMessage());
                }
            } else if (present > 0) {
                fail("attributes reward_min, reward_max and cost_max must come together, the file has only "
                        + normalizationKeys.stream().filter(attributes::containsKey).toList());
            }
            int maxEpisodeSteps = 0;
            if (attributes.containsKey(MAX_EPISODE_STEPS)) {
                double t = number(attributes.get(MAX_EPISODE_STEPS));
                if (!(t >= 1 && t == Math.rint(t) && t <= Integer.MAX_VALUE)) {
                    fail("attribute max_episode_steps must be a positive integer, it is " + t);
                }
                maxEpisodeSteps = (int) t;
            }
            if (attributes.containsKey(FORMAT_VERSION)) {
                double version = number(attributes.get(FORMAT_VERSION));
                if (version > CURRENT_FORMAT_VERSION) {
                    fail("format_version " + Math.round(version) + " is newer than this drcorl reads ("
                            + CURRENT_FORMAT_VERSION + ")");
                }
            }
            Map<String, String> extra = new LinkedHashMap<>();
            for (Map.Entry<String, Attribute> e : attributes.entrySet()) {
                if (!RESERVED.contains(e.getKey())) extra.put(e.getKey(), text(e.getValue()));
            }
            return new DatasetMetadata(taskId, normalization, maxEpisodeSteps, extra);
        }

        private double number(Attribute attribute) {
            Object data = attribute.getData();
            if (data.getClass().isArray() && Array.getLength(data) == 1) data = Array.get(data, 0);
            if (data instanceof Number n) return n.doubleValue();
            throw fail("attribute '" + attribute.getName() + "' must be a number, it is " + text(attribute));
        }

        /** Any attribute as text: strings as they are, arrays as [a, b], numbers in Java notation. */
        private static String text(Attribute attribute) {
            Object data = attribute.getData();
            if (data == null) return "";
            if (!data.getClass().isArray()) return data.toString();
            if (Array.getLength(data) == 1) return String.valueOf(Array.get(data, 0));
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(data); i++) {
                if (i > 0) sb.append(", ");
                Object element = Array.get(data, i);
                sb.append(element != null && element.getClass().isArray() ? "[...]" : String.valueOf(element));
            }
            return sb.append(']').toString();
        }
    }
}
