package org.drcorl.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drcorl.experiment.UserError;

/**
 * A sweep: tasks × algorithms × budgets × seeds with one preset. Stages 1-2 are trained once per
 * task × seed pair ({@link Point}) and shared by that pair's algorithms and budgets (see {@link SweepPlan}).
 *
 * @param tasks      task ids
 * @param algorithms algorithm names, as {@code --algos} takes them
 * @param thresholds cost budgets κ; empty: each task's own
 * @param seeds      seeds
 * @param preset     preset name
 * @param settings   {@code --set} overrides, applied to every point
 */
public record SweepGrid(List<String> tasks, List<String> algorithms, List<Double> thresholds, List<Long> seeds, String preset,
                        Map<String, String> settings) {

    /** Points per sweep at most: a typo in a list should not start thousands of JVMs. */
    public static final int MAX_POINTS = 10_000;

    public SweepGrid {
        tasks = List.copyOf(require("tasks", tasks));
        algorithms = List.copyOf(require("algos", algorithms));
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
        seeds = List.copyOf(require("seeds", seeds));
        if (preset == null || preset.isBlank()) preset = "quick";
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
        for (double k : thresholds) if (!Double.isFinite(k) || k < 0) throw new UserError("thresholds: " + k + " must be finite and >= 0");
        if ((long) tasks.size() * seeds.size() > MAX_POINTS) {
            throw new UserError("the sweep has " + (long) tasks.size() * seeds.size() + " points (tasks × seeds); at most " + MAX_POINTS);
        }
        if (new java.util.HashSet<>(tasks).size() != tasks.size() || new java.util.HashSet<>(seeds).size() != seeds.size()) {
            throw new UserError("the sweep's tasks or seeds repeat a value");
        }
    }

    private static <T> List<T> require(String what, List<T> values) {
        if (values == null || values.isEmpty()) throw new UserError("the sweep needs --" + what);
        return values;
    }

    /** One (task, seed) pair: its stages are trained once, by one stage run. */
    public record Point(String task, long seed) {
        /** A name for logs and progress lines. */
        public String label() {
            return task + " seed " + seed;
        }
    }

    /** The task × seed pairs, tasks outer. */
    public List<Point> points() {
        List<Point> points = new ArrayList<>();
        for (String t : tasks) for (long s : seeds) points.add(new Point(t, s));
        return points;
    }

    /** 10, 20, 2.5: integers without ".0", as folder names and options write κ. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> KEYS = List.of("tasks", "algos", "thresholds", "seeds", "preset", "set");

    /**
     * A grid from a YAML or JSON file with the options' names as keys ({@code tasks}, {@code algos},
     * {@code thresholds}, {@code seeds}, {@code preset}, {@code set}); lists as lists or comma-separated text.
     */
    public static SweepGrid read(Path file) {
        if (!Files.isRegularFile(file)) throw new UserError("--grid: " + file + " does not exist");
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError("--grid " + file + ": not valid YAML or JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isObject()) throw new UserError("--grid " + file + ": expected a mapping of " + KEYS);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) throw new UserError("--grid " + file + ": unknown key '" + key + "'; known: " + String.join(", ", KEYS));
        }
        Map<String, String> set = new TreeMap<>();
        root.path("set").fields().forEachRemaining(e -> set.put(e.getKey(), e.getValue().asText()));
        return new SweepGrid(strings(file, root.get("tasks")), strings(file, root.get("algos")),
                strings(file, root.get("thresholds")).stream().map(s -> parse(file, "thresholds", s, Double::parseDouble)).toList(),
                strings(file, root.get("seeds")).stream().map(s -> parse(file, "seeds", s, Long::parseLong)).toList(),
                root.hasNonNull("preset") ? root.get("preset").asText() : null, set);
    }

    private static List<String> strings(Path file, JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) return out;
        if (node.isArray()) node.forEach(n -> out.add(n.asText().strip()));
        else for (String s : node.asText().split(",")) if (!s.isBlank()) out.add(s.strip());
        return out;
    }

    private static <T> T parse(Path file, String key, String text, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (NumberFormatException e) {
            throw new UserError("--grid " + file + ": '" + key + "' holds '" + text + "', not a number");
        }
    }
}
