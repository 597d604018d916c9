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

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
