package org.drcorl.policy.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.drcorl.policy.PolicySpec;
import org.drcorl.policy.TrainedPolicy;

/** Writes a trained policy in a format other tools read: ONNX or numpy's npz. */
public final class PolicyExport {
    private PolicyExport() {}

    public enum Format {
        ONNX, NPZ;

        /** {@code onnx} or {@code npz}, with an error naming the formats. */
        public static Format named(String name) {
            for (Format f : values()) if (f.name().equalsIgnoreCase(name)) return f;
            throw new IllegalArgumentException("unknown format '" + name + "' (known: onnx, npz)");
        }

        public String extension() {
            return "." + name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Writes {@code policy} to {@code out} atomically (a temporary file beside it, then renamed):
     * an interrupted export leaves no half-written model.
     */
    public static void write(TrainedPolicy policy, Format format, Path out) {
        byte[] bytes = switch (format) {
            case ONNX -> OnnxExport.model(policy.network(), "drcorl-" + policy.spec().algorithm(), metadata(policy.spec()));
            case NPZ -> NpzExport.archive(policy.network(), specJson(policy.spec()));
        };
        Path target = out.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                Files.write(temp, bytes);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /** The facts stored with an exported model: what it is and how its scores were normalized. */
    public static Map<String, String> metadata(PolicySpec spec) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", spec.taskId());
        m.put("algorithm", spec.algorithm());
        if (!Double.isNaN(spec.threshold())) m.put("kappa", Double.toString(spec.threshold()));
        m.put("seed", Long.toString(spec.seed()));
        m.put("observation_dim", Integer.toString(spec.observationDim()));
        m.put("action_dim", Integer.toString(spec.actionDim()));
        spec.actionLow().ifPresent(v -> m.put("action_low", Arrays.toString(v)));
        spec.actionHigh().ifPresent(v -> m.put("action_high", Arrays.toString(v)));
        m.put("normalization", spec.normalization().map(n -> "dsrl: reward_min=" + n.rewardMin() + ", reward_max="
                + n.rewardMax() + ", cost_max=" + n.costMax()).orElse("not recorded"));
        spec.selectedStep().ifPresent(s -> m.put("selected_step", Long.toString(s)));
        m.put("data_sha256", spec.dataHash());
        return m;
    }

    static String specJson(PolicySpec spec) {
        Map<String, Object> m = new LinkedHashMap<>(metadata(spec));
        m.put("layer_sizes", spec.layerSizes());
        m.put("tanh_output", spec.tanhOutput());
        try {
            return new ObjectMapper().writeValueAsString(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
