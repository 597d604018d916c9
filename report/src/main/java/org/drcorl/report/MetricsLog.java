package org.drcorl.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Numbers logged once per training step (losses, Ĉ, λ, zone, ...), kept in memory and saved as
 * one CSV: a {@code step} column first, then every metric in the order it first appeared. A
 * missing or non-finite value is an empty cell. Step counts are small enough (10⁵ at most, a
 * dozen columns) that holding them costs a few MB.
 */
public final class MetricsLog {
    private final LinkedHashSet<String> columns = new LinkedHashSet<>(List.of("step"));
    private final List<Map<String, Double>> rows = new ArrayList<>();

    /** Adds one step; {@code values} need not name every column. */
    public void add(long step, Map<String, Double> values) {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("step", (double) step);
        row.putAll(values);
        columns.addAll(row.keySet());
        rows.add(row);
    }

    public int size() {
        return rows.size();
    }

    public List<String> columns() {
        return List.copyOf(columns);
    }

    /** A column's values, NaN where a step did not log it. */
    public double[] column(String name) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            Double v = rows.get(i).get(name);
            out[i] = v == null ? Double.NaN : v;
        }
        return out;
    }

    public boolean has(String name) {
        return columns.contains(name);
    }

    /** The CSV text (header line, then one line per step). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, Double> row : rows) {
            boolean first = true;
            for (String c : columns) {
                if (!first) sb.append(',');
                first = false;
                Double v = row.get(c);
                if (v != null && Double.isFinite(v)) sb.append(format(c, v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String format(String column, double v) {
        if (column.equals("step") || v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Float.toString((float) v); // float precision: what the networks compute in
    }

    /** Saves the CSV atomically. */
    public void write(Path file) {
        AtomicFiles.writeString(file, toCsv());
    }

    /** Reads a CSV written by {@link #write}. */
    public static MetricsLog read(Path file) {
        MetricsLog log = new MetricsLog();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.startsWith("step")) throw new IllegalArgumentException(file + ": not a metrics log (no step column)");
            String[] names = header.split(",", -1);
            log.columns.addAll(Arrays.asList(names));
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isEmpty()) continue;
                String[] cells = line.split(",", -1);
                if (cells.length != names.length) {
                    throw new IllegalArgumentException(file + ":" + lineNo + ": " + cells.length + " cells, header has " + names.length);
                }
                Map<String, Double> row = new LinkedHashMap<>();
                for (int i = 1; i < names.length; i++) if (!cells[i].isEmpty()) row.put(names[i], parse(file, lineNo, cells[i]));
                log.add((long) parse(file, lineNo, cells[0]), row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return log;
    }

    private static double parse(Path file, int line, String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ":" + line + ": '" + cell + "' is not a number");
        }
    }
}
