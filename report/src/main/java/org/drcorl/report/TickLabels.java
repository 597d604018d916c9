package org.drcorl.report;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * How the charts label their axis ticks. XChart's decimal patterns group thousands with a comma
 * and give no room between labels, so "1,000" "1,250" ... ran together into "1,0001,250"; and a
 * pattern such as {@code 0.###} turns a log axis's 10⁻⁴ tick into "0". These formatters never
 * group digits and never print a positive value as zero.
 */
public final class TickLabels {
    private TickLabels() {}

    /** A training step: 0, 250, 7500, then 10k, 12.5k, 100k, so a label stays at most five characters. */
    public static String step(double v) {
        if (!Double.isFinite(v)) return "";
        if (Math.abs(v) < 10_000) return Long.toString(Math.round(v));
        return significant(v / 1000, 3) + "k";
    }

    /**
     * A tick of a logarithmic axis: plain decimals from 0.001 to 9999 (0.001, 0.5, 20, 1000),
     * scientific notation outside that (1e-4, 2.5e-5, 1e5), at most three significant digits.
     */
    public static String log(double v) {
        if (!Double.isFinite(v)) return "";
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e4) return significant(v, 3);
        int exponent = (int) Math.floor(Math.log10(a));
        double mantissa = v / Math.pow(10, exponent);
        // rounding may carry the mantissa to 10 (9.9996e-5 → 10e-5): move it into the exponent
        if (Math.abs(Double.parseDouble(significant(mantissa, 3))) >= 10) {
            mantissa /= 10;
            exponent++;
        }
        return significant(mantissa, 3) + "e" + exponent;
    }

    private static String significant(double v, int digits) {
        return new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }
}
