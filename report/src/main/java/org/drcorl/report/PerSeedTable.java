package org.drcorl.report;

import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The scores table ({@link ResultsTables#scores}) as people read it: headers in words, numbers
 * to three decimals as in the results table (the CSV keeps full precision), safe as yes/NO, and
 * which snapshot the offline selection kept, fallbacks named.
 */
public final class PerSeedTable {
    /** One evaluated policy: the key of its kept snapshot. */
    public record Policy(String algorithm, double threshold, long seed) {}

    private PerSeedTable() {}

    /**
     * @param kept the kept snapshot of each policy that went through an offline selection; a
     *             policy without one falls back on the scores' {@code selected_step}, or shows "–"
     */
    public static Table of(Table scores, Map<Policy, KeptSnapshot> kept) {
        Table t = Table.create("per seed", StringColumn.create("algorithm"), StringColumn.create("κ"), LongColumn.create("seed"),
                IntColumn.create("episodes"), StringColumn.create("reward return"), StringColumn.create("cost return"),
                StringColumn.create("normalized reward"), StringColumn.create("normalized cost"), StringColumn.create("safe"),
                StringColumn.create("kept snapshot"));
        for (Row r : scores) {
            Policy p = new Policy(r.getString("algorithm"), r.getDouble("threshold"), r.getLong("seed"));
            t.stringColumn("algorithm").append(p.algorithm());
            t.stringColumn("κ").append(ResultsTables.label(p.threshold()));
            t.longColumn("seed").append(p.seed());
            t.intColumn("episodes").append(r.getInt("episodes"));
            t.stringColumn("reward return").append(decimal(r.getDouble("reward_return")));
            t.stringColumn("cost return").append(decimal(r.getDouble("cost_return")));
            t.stringColumn("normalized reward").append(decimal(r.getDouble("normalized_reward")));
            t.stringColumn("normalized cost").append(decimal(r.getDouble("normalized_cost")));
            t.stringColumn("safe").append(r.getBoolean("safe") ? "yes" : "NO");
            t.stringColumn("kept snapshot").append(keptCell(kept.get(p), scores.longColumn("selected_step"), r.getRowNumber()));
        }
        return t;
    }

    /** Three decimals, as the results table prints them; "–" for a missing value. */
    static String decimal(double v) {
        if (Double.isNaN(v)) return "–";
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.equals("-0.000") ? "0.000" : s; // a tiny negative rounds to zero, not to a signed zero
    }

    private static String keptCell(KeptSnapshot kept, LongColumn selected, int row) {
        if (kept != null) return kept.describe();
        if (selected.isMissing(row)) return "–";
        return KeptSnapshot.name(selected.getLong(row));
    }
}
