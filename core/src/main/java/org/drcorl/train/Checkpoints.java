package org.drcorl.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.drcorl.data.SiblingTemp;
import org.drcorl.nn.Parameters;

/**
 * Saves and loads network weights as a pair of files: {@code NAME.weights} (float32 values in
 * the order of {@link Parameters#names()}, big-endian) and {@code NAME.json}
 * ({@link CheckpointMetadata}). Both are written to temporary files and moved into place, the
 * JSON last, so an interrupted save never leaves a checkpoint that looks complete.
 */
public final class Checkpoints {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Checkpoints() {}

    /** The tensor names of several parameter sets, in saving order. */
    public static java.util.List<String> tensorNames(Parameters... sets) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < sets.length; i++) for (String n : sets[i].names()) names.add(i + "/" + n);
        return names;
    }

    /** The shapes of several parameter sets' tensors, in saving order. */
    public static java.util.List<java.util.List<Long>> tensorShapes(Parameters... sets) {
        java.util.List<java.util.List<Long>> shapes = new java.util.ArrayList<>();
        for (Parameters p : sets) {
            for (var a : p.arrays()) shapes.add(java.util.Arrays.stream(a.getShape().getShape()).boxed().toList());
        }
        return shapes;
    }

    /** Number of values of several parameter sets. */
    public static long valueCount(Parameters... sets) {
        long n = 0;
        for (Parameters p : sets) n += p.count();
        return n;
    }

    public static void save(Path dir, String name, CheckpointMetadata metadata, Parameters... sets) {
        try {
            Files.createDirectories(dir);
            float[] values = new float[Math.toIntExact(valueCount(sets))];
            int at = 0;
            for (Parameters p : sets) {
                float[] v = p.flatten();
                System.arraycopy(v, 0, values, at, v.length);
                at += v.length;
            }
            Path weights = dir.resolve(name + ".weights"), json = dir.resolve(name + ".json");
            Path tmpWeights = SiblingTemp.of(weights, ".tmp");
            try (OutputStream os = Files.newOutputStream(tmpWeights);
                 DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(os, 1 << 16))) {
                for (float v : values) out.writeFloat(v);
            }
            Path tmpJson = SiblingTemp.of(json, ".tmp");
            JSON.writeValue(tmpJson.toFile(), metadata.shapes() != null ? metadata : metadata.withShapes(tensorShapes(sets)));
            Files.move(tmpWeights, weights, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmpJson, json, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save checkpoint " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    /** The metadata of a complete checkpoint, or empty if there is none. */
    public static Optional<CheckpointMetadata> metadata(Path dir, String name) {
        Path json = dir.resolve(name + ".json");
        if (!Files.exists(json)) return Optional.empty();
        try {
            return Optional.of(JSON.readValue(json.toFile(), CheckpointMetadata.class));
        } catch (IOException e) {
            throw new IllegalStateException(json + ": not a readable checkpoint (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Loads a checkpoint into {@code params} if one exists and was made for exactly
     * {@code expected} (same kind, task, dims, seed, data and config, and a finished
     * training run of {@code expected.steps()} steps); returns whether it did.
     *
     * @throws IllegalStateException if the checkpoint belongs to another task or has other
     *     dimensions: the run directory is being reused for something else
     */
    public static boolean loadIfMatching(Path dir, String name, CheckpointMetadata expected, Parameters... sets) {
        Optional<CheckpointMetadata> found = metadata(dir, name);
        if (found.isEmpty()) return false;
        CheckpointMetadata m = found.get();
        Path json = dir.resolve(name + ".json");
        if (!m.taskId().equals(expected.taskId()) || m.observationDim() != expected.observationDim()
                || m.actionDim() != expected.actionDim() || !m.kind().equals(expected.kind())) {
            throw new IllegalStateException(json + ": a " + m.kind() + " checkpoint for task " + m.taskId() + " (obs "
                    + m.observationDim() + ", act " + m.actionDim() + "), but this run is " + expected.kind() + " for "
                    + expected.taskId() + " (obs " + expected.observationDim() + ", act " + expected.actionDim()
                    + "); use another run directory or --fresh");
        }
        if (m.format() != CheckpointMetadata.FORMAT || m.seed() != expected.seed() || m.steps() != expected.steps()
                || !m.dataHash().equals(expected.dataHash()) || !m.config().equals(expected.config())
                || !m.tensors().equals(tensorNames(sets)) || m.values() != valueCount(sets)) {
            return false; // same task, other settings: retrain and overwrite
        }
        float[] values = new float[Math.toIntExact(m.values())];
        Path weights = dir.resolve(name + ".weights");
        try (InputStream is = Files.newInputStream(weights);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(is, 1 << 16))) {
            for (int i = 0; i < values.length; i++) values[i] = in.readFloat();
        } catch (java.io.EOFException e) {
            throw new IllegalStateException(weights + ": truncated (expected " + values.length + " values)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + weights + ": " + e.getMessage(), e);
        }
        int at = 0;
        for (Parameters p : sets) {
            float[] part = new float[Math.toIntExact(p.count())];
            System.arraycopy(values, at, part, 0, part.length);
            p.load(part);
            at += part.length;
        }
        return true;
    }
}
