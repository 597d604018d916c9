package org.drcorl.cli;

import java.util.List;
import java.util.stream.Collectors;

/** Small formatting helpers shared by commands. */
final class Format {
    private Format() {}

    /** 10, 20, 40 — integers without a trailing .0. */
    static String thresholds(List<Double> thresholds) {
        return thresholds.stream().map(Format::number).collect(Collectors.joining(","));
    }

    /** Integers without ".0", others to six significant digits: 134.501, not 134.50092058628798. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        if (!Double.isFinite(v)) return Double.toString(v);
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
