package org.drcorl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TickLabelsTest {
    @Test
    void stepsAreNeverGroupedAndStayShort() {
        assertEquals("0", TickLabels.step(0));
        assertEquals("250", TickLabels.step(250));
        assertEquals("1000", TickLabels.step(1000));
        assertEquals("7500", TickLabels.step(7500.0000001));
        assertEquals("10k", TickLabels.step(10_000));
        assertEquals("12.5k", TickLabels.step(12_500));
        assertEquals("100k", TickLabels.step(100_000));
        for (double v = 0; v <= 250_000; v += 250) {
            String s = TickLabels.step(v);
            assertFalse(s.contains(",") || s.contains(" "), s);
            assertTrue(s.length() <= 5, s);
        }
    }

    @Test
    void logTicksOfPositiveValuesAreNeverZero() {
        for (int exponent = -12; exponent <= 12; exponent++) {
            for (double m : new double[] {1, 2, 2.5, 5}) {
                double v = m * Math.pow(10, exponent);
                String s = TickLabels.log(v);
                assertNotEquals("0", s, "tick " + v);
                assertFalse(s.matches("-?0(\\.0*)?"), "tick " + v + " → " + s);
                assertFalse(s.contains(","), s);
                assertEquals(v, Double.parseDouble(s), v * 1e-9, "the label reads back as the tick");
            }
        }
        assertEquals("1e-4", TickLabels.log(1e-4));
        assertEquals("0.001", TickLabels.log(0.001));
        assertEquals("0.5", TickLabels.log(0.5));
        assertEquals("1000", TickLabels.log(1000));
        assertEquals("1e4", TickLabels.log(1e4));
        assertEquals("2.5e-5", TickLabels.log(2.5e-5));
        assertEquals("1e-4", TickLabels.log(9.9999e-5), "a mantissa rounding to 10 moves into the exponent");
    }
}
