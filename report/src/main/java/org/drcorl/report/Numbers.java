package org.drcorl.report;

/** How drcorl writes a number for people: in tables, file names, messages. */
public final class Numbers {
    private Numbers() {}

    /** Integers without ".0" (κ 10, 20, 40), others to six significant digits: 134.501, not 134.50092058628798. */
    public static String compact(double v) {
        if (!Double.isFinite(v)) return Double.toString(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
