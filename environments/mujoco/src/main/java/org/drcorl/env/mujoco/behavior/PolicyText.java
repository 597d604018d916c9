package org.drcorl.env.mujoco.behavior;

import java.util.List;
import java.util.Locale;

/** The line format policy files share: '#' comments, one row of numbers per line. */
final class PolicyText {
    private PolicyText() {}

    /** The trimmed lines that are neither blank nor comments. */
    static List<String> content(List<String> lines) {
        return lines.stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** Appends {@code count} values from {@code from} as one line, each with {@code digits} significant digits. */
    static void appendLine(StringBuilder b, double[] values, int from, int count, int digits) {
        String format = "%." + digits + "g";
        for (int i = 0; i < count; i++) b.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, format, values[from + i]));
        b.append('\n');
    }

    /** The numbers of a line, which must hold exactly {@code expected}; errors name {@code source}. */
    static double[] numbers(String source, String line, int expected) {
        String[] parts = line.split("\\s+");
        if (parts.length != expected) {
            throw new IllegalArgumentException(source + ": a line has " + parts.length + " numbers, expected " + expected);
        }
        double[] v = new double[expected];
        try {
            for (int i = 0; i < expected; i++) v[i] = Double.parseDouble(parts[i]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": not a number in '" + line + "'");
        }
        return v;
    }
}
