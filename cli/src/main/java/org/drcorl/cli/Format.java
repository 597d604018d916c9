package org.drcorl.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.drcorl.report.Numbers;

/** Small formatting helpers shared by commands. */
final class Format {
    private Format() {}

    /** 10,20,40 — integers without a trailing .0. */
    static String thresholds(List<Double> thresholds) {
        return thresholds.stream().map(Numbers::compact).collect(Collectors.joining(","));
    }
}
