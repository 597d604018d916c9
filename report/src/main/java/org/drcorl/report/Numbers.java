package org.drcorl.report;

/** How drcorl writes a number for people: in tables, file names, messages. */
public final class Numbers {
    private Numbers() {}

    /** A duration as m:ss, or h:mm:ss from an hour on (progress lines, ETAs). */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(java.util.Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Integers without ".0" (κ 10, 20, 40), others to six significant digits: 134.501, not 134.50092058628798. */
    public static String compact(double v) {
        if (!Double.isFinite(v)) return Double.toString(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
