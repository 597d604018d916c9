package org.drcorl.spi;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * String options given to one extension ({@code --handler-opt slack=0.2} on the command line,
 * a map in a config file), with typed getters that say which option of which extension was
 * malformed. It remembers which keys were read so that the host can reject unknown ones.
 */
public final class PluginOptions {
    private final String owner;
    private final Map<String, String> values;
    private final Set<String> read = new LinkedHashSet<>();

    /**
     * @param owner what the options belong to, for messages, e.g. {@code "constraint handler 'slack'"}
     * @param values the raw key/value pairs
     */
    public PluginOptions(String owner, Map<String, String> values) {
        this.owner = owner;
        this.values = Map.copyOf(new LinkedHashMap<>(values));
    }

    /** No options. */
    public static PluginOptions empty(String owner) {
        return new PluginOptions(owner, Map.of());
    }

    public String owner() {
        return owner;
    }

    public boolean has(String key) {
        read.add(key);
        return values.containsKey(key);
    }

    public String getString(String key, String defaultValue) {
        read.add(key);
        return values.getOrDefault(key, defaultValue);
    }

    public double getDouble(String key, double defaultValue) {
        String raw = getString(key, null);
        if (raw == null) return defaultValue;
        try {
            double v = Double.parseDouble(raw.trim());
            if (!Double.isFinite(v)) throw invalid(key, "must be a finite number, got '" + raw + "'");
            return v;
        } catch (NumberFormatException e) {
            throw invalid(key, "must be a number, got '" + raw + "'");
        }
    }

    public int getInt(String key, int defaultValue) {
        String raw = getString(key, null);
        if (raw == null) return defaultValue;
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, "must be an integer, got '" + raw + "'");
        }
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        String raw = getString(key, null);
        if (raw == null) return defaultValue;
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw invalid(key, "must be true or false, got '" + raw + "'");
        };
    }

    /** An error naming this owner and option, for values that parse but make no sense. */
    public IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException("option '" + key + "' of " + owner + " " + problem);
    }

    /** Keys given but never read: almost always typos. */
    public Set<String> unread() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(read);
        return unknown;
    }

    /** Throws if any given option was not read by the extension. */
    public void requireAllRead() {
        Set<String> unknown = unread();
        if (!unknown.isEmpty()) {
            // what the extension asked for is what it knows: list it, so a typo is fixed at a glance
            Set<String> known = new TreeSet<>(read);
            throw new IllegalArgumentException("unknown option" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " for " + owner + " ("
                    + (known.isEmpty() ? "it takes no options" : "its options: " + String.join(", ", known)) + ")");
        }
    }
}
