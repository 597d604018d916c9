package org.drcorl.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an experiment is, as users write it: on the command line of {@code drcorl run}, or in a
 * {@code --config} file (JSON or YAML) with the same names as the options. A null field is
 * "not given"; {@link #overlay} stacks defaults, the file and the command line in that order.
 * The run directory's {@code config.json} holds the resolved configuration (every field set)
 * plus a {@code resolved} block of what it expanded to (preset values, dataset hash, plugin
 * versions); reading that file back gives the same configuration.
 *
 * @param task           task id
 * @param dataset        dataset file (relative to the working directory); default runs/data/TASK.hdf5
 * @param collectEpisodes episodes collected when the default dataset does not exist yet
 * @param algos          algorithm names
 * @param thresholds     cost budgets κ; default the task's
 * @param seeds          seeds
 * @param preset         preset name
 * @param set            preset settings changed (kebab-case name → value)
 * @param regularizerOptions options of the regularizers
 * @param handlerOptions options of the constraint handlers
 * @param device         cpu, gpu, gpu:N or auto
 * @param auditEpisodes  simulator episodes that measure every phase-2 snapshot, for the log only
 *                       (0: none, the default; training and selection never use them)
 */
public record ExperimentConfig(String task, String dataset, Integer collectEpisodes, List<String> algos, List<Double> thresholds,
                        List<Long> seeds, String preset, Map<String, String> set, Map<String, String> regularizerOptions,
                        Map<String, String> handlerOptions, String device, Integer auditEpisodes) {

    static final int FORMAT = 1;
    static final List<String> KEYS = List.of("task", "dataset", "collect-episodes", "algos", "thresholds", "seeds", "preset",
            "set", "regularizer-opt", "handler-opt", "device", "audit-episodes");
    private static final List<String> IGNORED_KEYS = List.of("format", "resolved");

    public static final ExperimentConfig DEFAULTS = new ExperimentConfig("OfflineCarCircle-v0", null, 200,
            List.of("drcorl", "bc-safe", "bc-all"), null, List.of(0L), "quick", Map.of(), Map.of(), Map.of(), "cpu", 0);
    public static final ExperimentConfig EMPTY = new ExperimentConfig(null, null, null, null, null, null, null, null, null, null, null, null);

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final YAMLMapper YAML = new YAMLMapper();

    /** This configuration with every field that {@code top} gives replaced; maps are merged key by key. */
    public ExperimentConfig overlay(ExperimentConfig top) {
        return new ExperimentConfig(or(top.task, task), or(top.dataset, dataset), or(top.collectEpisodes, collectEpisodes),
                or(top.algos, algos), or(top.thresholds, thresholds), or(top.seeds, seeds), or(top.preset, preset),
                merge(set, top.set), merge(regularizerOptions, top.regularizerOptions), merge(handlerOptions, top.handlerOptions),
                or(top.device, device), or(top.auditEpisodes, auditEpisodes));
    }

    // Withers for code (notebooks, benchmarks): the same settings as the options of drcorl run.

    public ExperimentConfig withTask(String id) {
        return new ExperimentConfig(id, dataset, collectEpisodes, algos, thresholds, seeds, preset, set, regularizerOptions,
                handlerOptions, device, auditEpisodes);
    }

    public ExperimentConfig withDataset(String file) {
        return new ExperimentConfig(task, file, collectEpisodes, algos, thresholds, seeds, preset, set, regularizerOptions,
                handlerOptions, device, auditEpisodes);
    }

    public ExperimentConfig withAlgos(String... names) {
        return new ExperimentConfig(task, dataset, collectEpisodes, List.of(names), thresholds, seeds, preset, set,
                regularizerOptions, handlerOptions, device, auditEpisodes);
    }

    public ExperimentConfig withThresholds(Double... kappas) {
        return new ExperimentConfig(task, dataset, collectEpisodes, algos, List.of(kappas), seeds, preset, set,
                regularizerOptions, handlerOptions, device, auditEpisodes);
    }

    public ExperimentConfig withSeeds(Long... values) {
        return new ExperimentConfig(task, dataset, collectEpisodes, algos, thresholds, List.of(values), preset, set,
                regularizerOptions, handlerOptions, device, auditEpisodes);
    }

    public ExperimentConfig withPreset(String name) {
        return new ExperimentConfig(task, dataset, collectEpisodes, algos, thresholds, seeds, name, set, regularizerOptions,
                handlerOptions, device, auditEpisodes);
    }

    /** Preset settings changed, as {@code --set KEY=VALUE} does (added to those already set). */
    public ExperimentConfig withSettings(Map<String, String> settings) {
        return new ExperimentConfig(task, dataset, collectEpisodes, algos, thresholds, seeds, preset, merge(set, settings),
                regularizerOptions, handlerOptions, device, auditEpisodes);
    }

    public ExperimentConfig withDevice(String name) {
        return new ExperimentConfig(task, dataset, collectEpisodes, algos, thresholds, seeds, preset, set, regularizerOptions,
                handlerOptions, name, auditEpisodes);
    }

    /** Simulator episodes measuring every phase-2 snapshot, logged only (what {@code --audit-episodes} gives). */
    public ExperimentConfig withAuditEpisodes(int episodes) {
        return new ExperimentConfig(task, dataset, collectEpisodes, algos, thresholds, seeds, preset, set, regularizerOptions,
                handlerOptions, device, episodes);
    }

    ExperimentConfig withResolved(String datasetPath, List<Double> taskThresholds) {
        return new ExperimentConfig(task, datasetPath, collectEpisodes, algos, thresholds != null ? thresholds : taskThresholds,
                seeds, preset, set, regularizerOptions, handlerOptions, device, auditEpisodes);
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }

    private static Map<String, String> merge(Map<String, String> below, Map<String, String> top) {
        if (below == null) return top;
        if (top == null) return below;
        Map<String, String> m = new LinkedHashMap<>(below);
        m.putAll(top);
        return m;
    }

    /** The JSON of this configuration (the user-level keys, in {@link #KEYS} order) plus {@code resolved}. */
    ObjectNode toJson(ObjectNode resolved) {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT);
        n.put("task", task);
        n.put("dataset", dataset);
        n.put("collect-episodes", collectEpisodes);
        ArrayNode a = n.putArray("algos");
        algos.forEach(a::add);
        ArrayNode t = n.putArray("thresholds");
        thresholds.forEach(t::add);
        ArrayNode s = n.putArray("seeds");
        seeds.forEach(s::add);
        n.put("preset", preset);
        putMap(n, "set", set);
        putMap(n, "regularizer-opt", regularizerOptions);
        putMap(n, "handler-opt", handlerOptions);
        n.put("device", device);
        n.put("audit-episodes", auditEpisodes);
        if (resolved != null) n.set("resolved", resolved);
        return n;
    }

    String toJsonText(ObjectNode resolved) {
        try {
            return JSON.writeValueAsString(toJson(resolved)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the configuration as JSON", e);
        }
    }

    private static void putMap(ObjectNode n, String key, Map<String, String> m) {
        ObjectNode o = n.putObject(key);
        m.forEach(o::put);
    }

    /** A configuration file's content and the dataset content hash it recorded, if any. */
    public record Loaded(ExperimentConfig config, Optional<String> datasetHash) {}

    /**
     * Reads a JSON ({@code .json}) or YAML (anything else) configuration file.
     *
     * @throws UserError naming the file and the key for anything unreadable, unknown or mistyped
     */
    public static Loaded read(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserError("--config: " + file + " is a folder; give a settings file"
                    + (Files.isRegularFile(file.resolve("config.json")) ? " such as " + file.resolve("config.json") : ""));
        }
        if (!Files.isRegularFile(file)) throw new UserError("--config: " + file + " does not exist");
        JsonNode root;
        try {
            boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
            root = (json ? JSON : YAML).readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError("config " + file + ": not valid " + (file.toString().endsWith(".json") ? "JSON" : "YAML") + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) throw new UserError("config " + file + ": expected a mapping of settings (task, algos, ...)");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k) && !IGNORED_KEYS.contains(k)) {
                throw new UserError("config " + file + ": unknown key '" + k + "'; known: " + String.join(", ", KEYS));
            }
        }
        Fields f = new Fields(file, root);
        if (root.has("format") && (!root.get("format").canConvertToInt() || root.get("format").asInt() != FORMAT)) {
            throw new UserError("config " + file + ": format " + root.get("format") + " is not supported (this drcorl reads format " + FORMAT + ")");
        }
        ExperimentConfig c = new ExperimentConfig(f.string("task"), f.string("dataset"), f.positiveInt("collect-episodes"),
                f.strings("algos"), f.numbers("thresholds"), f.longs("seeds"), f.string("preset"), f.map("set"),
                f.map("regularizer-opt"), f.map("handler-opt"), f.string("device"),
                f.nonNegativeInt("audit-episodes"));
        JsonNode hash = root.path("resolved").path("dataset").path("content-sha256");
        return new Loaded(c, hash.isTextual() ? Optional.of(hash.asText()) : Optional.empty());
    }

    /** Typed access to a configuration file's keys, with errors that name the file and key. */
    private record Fields(Path file, JsonNode root) {
        private UserError wrong(String key, String expected) {
            return new UserError("config " + file + ": '" + key + "' must be " + expected + ", got " + root.get(key));
        }

        String string(String key) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) return null;
            if (!n.isTextual() || n.asText().isBlank()) throw wrong(key, "a non-empty string");
            return n.asText();
        }

        Integer positiveInt(String key) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) return null;
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) throw wrong(key, "a positive integer");
            return n.asInt();
        }

        Integer nonNegativeInt(String key) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) return null;
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 0) throw wrong(key, "an integer >= 0");
            return n.asInt();
        }

        /** A list, or a single value, or a comma-separated string as on the command line. */
        private List<String> items(String key) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) return null;
            List<String> out = new ArrayList<>();
            if (n.isArray()) {
                for (JsonNode e : n) {
                    if (!e.isValueNode() || e.isNull()) throw wrong(key, "a list of values");
                    out.add(e.asText().trim());
                }
            } else if (n.isValueNode()) {
                for (String p : n.asText().split(",")) out.add(p.trim());
            } else {
                throw wrong(key, "a list");
            }
            if (out.isEmpty() || out.stream().anyMatch(String::isEmpty)) throw wrong(key, "a non-empty list");
            return out;
        }

        List<String> strings(String key) {
            return items(key);
        }

        List<Double> numbers(String key) {
            List<String> v = items(key);
            if (v == null) return null;
            try {
                List<Double> out = v.stream().map(Double::parseDouble).toList();
                return out;
            } catch (NumberFormatException e) {
                throw wrong(key, "a list of numbers");
            }
        }

        List<Long> longs(String key) {
            List<String> v = items(key);
            if (v == null) return null;
            try {
                return v.stream().map(Long::parseLong).toList();
            } catch (NumberFormatException e) {
                throw wrong(key, "a list of integers");
            }
        }

        Map<String, String> map(String key) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) return null;
            if (!n.isObject()) throw wrong(key, "a mapping of name: value");
            Map<String, String> out = new LinkedHashMap<>();
            for (var it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw new UserError("config " + file + ": '" + key + "." + e.getKey() + "' must be a number, boolean or string");
                }
                out.put(e.getKey(), e.getValue().asText());
            }
            return out;
        }
    }
}
