package org.drcorl.env.mujoco.navigation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The pseudo-lidar against cases computed by hand from safety-gymnasium's definition
 * ({@code BaseTask._obs_lidar_pseudo}: bin = ⌊angle / (2π/16)⌋ of the bearing in [0, 2π), reading
 * (3 − d)/3, aliasing into the next bin by the fraction into the bin and into the previous one by
 * the rest).
 */
class PseudoLidarTest {
    private static final double[] AT_ORIGIN = {0, 0, 0};
    private static final double[] UPRIGHT = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    private static final double BIN = 2 * Math.PI / 16;

    private static float[] read(PseudoLidar lidar, double[] position, double[] rotation, double... xy) {
        float[] out = new float[lidar.bins() + 2];
        java.util.Arrays.fill(out, -7f); // the readings overwrite their bins, and nothing outside them
        lidar.observe(position, rotation, xy, xy.length / 2, out, 1);
        assertEquals(-7f, out[0]);
        assertEquals(-7f, out[out.length - 1]);
        return java.util.Arrays.copyOfRange(out, 1, out.length - 1);
    }

    private static float[] bins(int... binAndValueTimes1000) {
        float[] b = new float[16];
        for (int i = 0; i < binAndValueTimes1000.length; i += 2) b[binAndValueTimes1000[i]] = binAndValueTimes1000[i + 1] / 1000f;
        return b;
    }

    @Test
    void straightAheadLightsBinZeroAndFullyTheLastBin() {
        // bearing 0, distance 1: bin 0, alias 0 → bin 0 and bin 15 read 2/3, bin 1 reads 0
        float[] r = read(PseudoLidar.STANDARD, AT_ORIGIN, UPRIGHT, 1, 0);
        float[] expected = new float[16];
        expected[0] = expected[15] = 2f / 3;
        assertArrayEquals(expected, r, 1e-6f);
    }

    @Test
    void anObjectHalfwayIntoABinSplitsOverItsNeighbours() {
        // bearing 1.5 bins, distance 1.5: bin 1 reads 0.5, bins 0 and 2 half of it
        double a = 1.5 * BIN;
        float[] r = read(PseudoLidar.STANDARD, AT_ORIGIN, UPRIGHT, 1.5 * Math.cos(a), 1.5 * Math.sin(a));
        assertArrayEquals(bins(0, 250, 1, 500, 2, 250), r, 1e-6f);
        // a quarter into bin 5 at distance 0.6: bin 5 reads 0.8, bin 6 0.25·0.8, bin 4 0.75·0.8
        double b = 5.25 * BIN;
        float[] q = read(PseudoLidar.STANDARD, AT_ORIGIN, UPRIGHT, 0.6 * Math.cos(b), 0.6 * Math.sin(b));
        assertArrayEquals(bins(4, 600, 5, 800, 6, 200), q, 1e-6f);
    }

    @Test
    void bearingsBelowZeroWrapToTheLastBins() {
        // straight right of the agent (−y): bearing −π/2 → 3π/2, exactly bin 12; bins 12 and 11 read 2/3
        float[] r = read(PseudoLidar.STANDARD, AT_ORIGIN, UPRIGHT, 0, -1);
        float[] expected = new float[16];
        expected[12] = expected[11] = 2f / 3;
        assertArrayEquals(expected, r, 1e-6f);
    }

    @Test
    void theClosestObjectWinsABinAndFarOnesAreNotSeen() {
        // two objects ahead at 2.4 and 0.3 (readings 0.2 and 0.9), one at 3.5 beyond the range
        float[] r = read(PseudoLidar.STANDARD, AT_ORIGIN, UPRIGHT, 2.4, 0, 0.3, 0, 3.5, 0);
        assertArrayEquals(bins(0, 900, 15, 900), r, 1e-6f);
        assertArrayEquals(new float[16], read(PseudoLidar.STANDARD, AT_ORIGIN, UPRIGHT, 0, 3.0001), "beyond 3 m nothing is seen");
        // the Circle tasks see to 6 m
        assertArrayEquals(bins(0, 500, 15, 500), read(PseudoLidar.CIRCLE, AT_ORIGIN, UPRIGHT, 3, 0), 1e-6f);
    }

    @Test
    void theBearingIsInTheAgentsFrame() {
        // the agent at (1, 1) turned 90° left (yaw +π/2; xmat = [[0, −1, 0], [1, 0, 0], [0, 0, 1]]):
        // an object at world (1, 2) is 1 m straight ahead, one at world (2, 1) 1 m to its right (bearing −π/2)
        double[] at = {1, 1, 0.1};
        double[] turnedLeft = {0, -1, 0, 1, 0, 0, 0, 0, 1};
        assertArrayEquals(bins(0, 667, 15, 667), read(PseudoLidar.STANDARD, at, turnedLeft, 1, 2), 1e-3f);
        assertArrayEquals(bins(11, 667, 12, 667), read(PseudoLidar.STANDARD, at, turnedLeft, 2, 1), 1e-3f);
    }

    @Test
    void withoutAliasingOnlyTheObjectsBinReads() {
        PseudoLidar plain = new PseudoLidar(16, 3, false);
        double a = 1.5 * BIN;
        assertArrayEquals(bins(1, 500), read(plain, AT_ORIGIN, UPRIGHT, 1.5 * Math.cos(a), 1.5 * Math.sin(a)), 1e-6f);
    }

    @Test
    void aBearingARoundingShortOfAFullTurnIsTheLastBin() {
        // atan2 of a tiny negative y: 2π − 1e-17 rounds to 2π, which upstream would index past the end
        float[] r = read(PseudoLidar.STANDARD, AT_ORIGIN, UPRIGHT, 1, -1e-17);
        assertEquals(2f / 3, r[15], 1e-6f);
    }

    @Test
    void badSettingsAndTooFewCoordinatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PseudoLidar(1, 3, true));
        assertThrows(IllegalArgumentException.class, () -> new PseudoLidar(16, 0, true));
        assertThrows(IllegalArgumentException.class,
                () -> PseudoLidar.STANDARD.observe(AT_ORIGIN, UPRIGHT, new double[3], 2, new float[16], 0));
    }
}
