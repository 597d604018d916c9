package org.drcorl.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A policy trained by {@code drcorl run}, loaded without the training engine: its
 * {@link PolicySpec} and a plain-Java {@link MlpPolicy} that acts in microseconds.
 *
 * <pre>{@code
 * TrainedPolicy policy = TrainedPolicy.fromRun(Path.of("runs/OfflineCarCircle-v0-quick"), "drcorl", 20, 0);
 * float[] action = new float[policy.spec().actionDim()];
 * policy.act(observation, action);            // allocates nothing
 * }</pre>
 *
 * <p>A saved policy is two files: {@code seed-S.json} (what it is) and {@code seed-S.weights}
 * (float32, big-endian, tensors in the JSON's order). Not thread-safe: give each thread
 * {@code new TrainedPolicy(spec, network().copy())} or its own load.
 */
public final class TrainedPolicy {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TENSOR = Pattern.compile("(?:\\d+/)?pi\\.(\\d+)\\.(weight|bias)");

    private final PolicySpec spec;
    private final MlpPolicy network;

    public TrainedPolicy(PolicySpec spec, MlpPolicy network) {
        if (network.inputSize() != spec.observationDim() || network.outputSize() != spec.actionDim()) {
            throw new IllegalArgumentException("the network maps " + network.inputSize() + " to " + network.outputSize()
                    + " values, the spec says " + spec.observationDim() + " to " + spec.actionDim());
        }
        this.spec = spec;
        this.network = network;
    }

    public PolicySpec spec() {
        return spec;
    }

    /** The network (not thread-safe; {@link MlpPolicy#copy()} gives another thread its own). */
    public MlpPolicy network() {
        return network;
    }

    /** Writes the action for {@code observation} into {@code action}; allocates nothing. */
    public void act(float[] observation, float[] action) {
        network.act(observation, action);
    }

    /** The action for {@code observation}, in a new array. */
    public float[] act(float[] observation) {
        return network.act(observation);
    }

    /**
     * The policy a run saved for algorithm {@code algorithm}, budget {@code kappa} and seed
     * {@code seed}: {@code RUN/policies/ALGORITHM/kappa-K/seed-S.json}.
     *
     * @throws PolicyFileException naming what is missing and what the run has
     */
    public static TrainedPolicy fromRun(Path run, String algorithm, double kappa, long seed) {
        if (!Files.isDirectory(run)) throw new PolicyFileException(run + ": no such run directory");
        Path policies = run.resolve("policies");
        Path byAlgorithm = policies.resolve(folderName(algorithm));
        if (!Files.isDirectory(byAlgorithm)) {
            throw new PolicyFileException(run + ": no policies of algorithm '" + algorithm + "' (it has: "
                    + String.join(", ", children(policies, "")) + ")");
        }
        Path budget = null;
        for (String k : children(byAlgorithm, "kappa-")) {
            try {
                if (Double.parseDouble(k.substring("kappa-".length())) == kappa) budget = byAlgorithm.resolve(k);
            } catch (NumberFormatException ignored) {
                // not a budget folder
            }
        }
        if (budget == null) {
            throw new PolicyFileException(run + ": no " + algorithm + " policy for κ " + PolicySpec.number(kappa)
                    + " (it has: " + String.join(", ", children(byAlgorithm, "kappa-")) + ")");
        }
        Path json = budget.resolve("seed-" + seed + ".json");
        if (!Files.isRegularFile(json)) {
            throw new PolicyFileException(run + ": no " + algorithm + " κ " + PolicySpec.number(kappa) + " policy for seed " + seed
                    + " (it has: " + String.join(", ", children(budget, "seed-").stream().filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).toList()) + ")");
        }
        return load(json);
    }

    /**
     * The folder name a run gives an algorithm's policies: letters, digits and {@code . _ + -}
     * kept, anything else {@code _} (so {@code diffusion+slack} stays readable).
     */
    public static String folderName(String algorithm) {
        return algorithm.replaceAll("[^A-Za-z0-9._+-]", "_");
    }

    /**
     * The policy of a saved pair {@code NAME.json} + {@code NAME.weights}; {@code file} may name
     * either, or {@code NAME} without an extension.
     *
     * @throws PolicyFileException naming the file: missing, not a policy, damaged
     */
    public static TrainedPolicy load(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5)
                : name.endsWith(".weights") ? name.substring(0, name.length() - 8) : name;
        Path dir = file.toAbsolutePath().getParent();
        Path json = dir.resolve(base + ".json"), weights = dir.resolve(base + ".weights");
        if (!Files.isRegularFile(json)) throw new PolicyFileException(json + ": no such policy file");
        JsonNode meta;
        try {
            meta = JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new PolicyFileException(json + ": not readable JSON (" + e.getMessage() + ")", e);
        }
        if (meta == null || !"policy".equals(meta.path("kind").asText())) {
            throw new PolicyFileException(json + ": not a saved policy (its kind is '" + (meta == null ? "" : meta.path("kind").asText())
                    + "'; policies are saved under RUN/policies/ALGORITHM/kappa-K/)");
        }
        int obs = meta.path("observationDim").asInt(), act = meta.path("actionDim").asInt();
        Map<String, String> config = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = meta.path("config").fields(); it.hasNext(); ) {
            var e = it.next();
            config.put(e.getKey(), e.getValue().asText());
        }
        List<String> tensors = new ArrayList<>();
        meta.path("tensors").forEach(t -> tensors.add(t.asText()));
        long values = meta.path("values").asLong();
        int[] sizes = layerSizes(json, tensors, meta.path("shapes"), obs, act, config.get("hidden"));
        float[] flat = readWeights(weights, values);

        int layers = sizes.length - 1;
        float[][] w = new float[layers][], b = new float[layers][];
        int at = 0;
        for (String t : tensors) {
            Matcher m = TENSOR.matcher(t);
            m.matches();
            int l = Integer.parseInt(m.group(1));
            int n = m.group(2).equals("weight") ? sizes[l] * sizes[l + 1] : sizes[l + 1];
            float[] part = java.util.Arrays.copyOfRange(flat, at, at + n);
            at += n;
            if (m.group(2).equals("weight")) w[l] = part;
            else b[l] = part;
        }
        if (at != flat.length) throw new PolicyFileException(json + ": its tensors hold " + at + " values, the weights " + flat.length);
        MlpPolicy network = MlpPolicy.of(sizes, w, b, true);

        String threshold = config.get("threshold");
        PolicySpec spec = new PolicySpec(json.toString(), meta.path("taskId").asText(), obs, act, sizes, true,
                config.getOrDefault("algorithm", "unknown"), threshold == null ? Double.NaN : Double.parseDouble(threshold),
                meta.path("seed").asLong(), meta.path("steps").asLong(), meta.path("dataHash").asText(),
                floats(config.get("result.action-low")), floats(config.get("result.action-high")),
                normalization(config), Optional.ofNullable(config.get("result.selected-step")).map(Long::parseLong), config);
        return new TrainedPolicy(spec, network);
    }

    /**
     * The layer sizes: from the recorded shapes when the file has them, else from the policy's
     * known form (obs → hidden → … → act, one weight and one bias per layer).
     */
    private static int[] layerSizes(Path json, List<String> tensors, JsonNode shapes, int obs, int act, String hidden) {
        int layers = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Matcher m = TENSOR.matcher(tensors.get(i));
            if (!m.matches()) throw new PolicyFileException(json + ": tensor '" + tensors.get(i) + "' is not a policy layer");
            String expected = i % 2 == 0 ? "weight" : "bias";
            if (Integer.parseInt(m.group(1)) != i / 2 || !m.group(2).equals(expected)) {
                throw new PolicyFileException(json + ": tensors out of order at '" + tensors.get(i) + "'");
            }
            layers = i / 2 + 1;
        }
        if (layers == 0 || tensors.size() != 2 * layers) throw new PolicyFileException(json + ": no complete layers in 'tensors'");
        int[] sizes = new int[layers + 1];
        if (shapes.isArray() && shapes.size() == tensors.size()) {
            for (int l = 0; l < layers; l++) {
                JsonNode shape = shapes.get(2 * l);
                if (shape.size() != 2) throw new PolicyFileException(json + ": layer " + l + "'s weight shape " + shape + " is not 2-D");
                if (l > 0 && shape.get(0).asInt() != sizes[l]) throw new PolicyFileException(json + ": layer shapes do not chain");
                sizes[l] = shape.get(0).asInt();
                sizes[l + 1] = shape.get(1).asInt();
            }
        } else {
            if (hidden == null) throw new PolicyFileException(json + ": neither tensor shapes nor the 'hidden' width recorded");
            java.util.Arrays.fill(sizes, Integer.parseInt(hidden));
            sizes[0] = obs;
            sizes[layers] = act;
        }
        if (sizes[0] != obs || sizes[layers] != act) {
            throw new PolicyFileException(json + ": the network maps " + sizes[0] + " to " + sizes[layers] + " values, the file says "
                    + obs + " to " + act);
        }
        return sizes;
    }

    private static float[] readWeights(Path weights, long values) {
        if (!Files.isRegularFile(weights)) throw new PolicyFileException(weights + ": no such file (it goes with its .json)");
        try {
            long size = Files.size(weights);
            if (size != values * 4) {
                throw new PolicyFileException(weights + ": " + (size < values * 4 ? "truncated" : "too long") + " (" + size
                        + " bytes, expected " + values * 4 + " for " + values + " float32 values)");
            }
            float[] out = new float[Math.toIntExact(values)];
            try (InputStream is = Files.newInputStream(weights);
                 DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(is, 1 << 16))) {
                for (int i = 0; i < out.length; i++) out[i] = in.readFloat();
            }
            return out;
        } catch (EOFException e) {
            throw new PolicyFileException(weights + ": truncated", e);
        } catch (IOException e) {
            throw new PolicyFileException(weights + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static Optional<float[]> floats(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        String[] parts = text.replaceAll("[\\[\\]\\s]", "").split(",");
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = Float.parseFloat(parts[i]);
        return Optional.of(out);
    }

    private static Optional<PolicySpec.Normalization> normalization(Map<String, String> config) {
        String min = config.get("result.reward-min"), max = config.get("result.reward-max"), cost = config.get("result.cost-max");
        if (min == null || max == null || cost == null) return Optional.empty();
        return Optional.of(new PolicySpec.Normalization(Double.parseDouble(min), Double.parseDouble(max), Double.parseDouble(cost)));
    }

    private static List<String> children(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) return List.of();
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
