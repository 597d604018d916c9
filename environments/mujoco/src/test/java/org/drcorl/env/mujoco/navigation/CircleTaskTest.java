package org.drcorl.env.mujoco.navigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.drcorl.env.mujoco.MujocoTaskCatalog;
import org.drcorl.env.mujoco.TaskTests;
import org.drcorl.spi.DsrlTasks;
import org.drcorl.spi.StepResult;
import org.drcorl.spi.TaskSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Circle tasks against upstream's definitions (safety-gymnasium v0.4.0, NAVIGATION.md §1-§9),
 * not against this implementation's own output: sizes, the first observation's sensors, the
 * reward's sign, the sigwall cost, the circle lidar at known poses, and the episode length.
 */
class CircleTaskTest {
    private static final String POINT1 = "OfflinePointCircle1Gymnasium-v0", POINT2 = "OfflinePointCircle2Gymnasium-v0",
            CAR1 = "OfflineCarCircle1Gymnasium-v0", CAR2 = "OfflineCarCircle2Gymnasium-v0";
    private static final float[] IDLE = {0, 0};

    @BeforeEach
    void needsMujoco() {
        TaskTests.assumeMujoco();
    }

    private static NavigationEnv make(String id) {
        return (NavigationEnv) MujocoTaskCatalog.find(id).orElseThrow().factory().get();
    }

    @Test
    void specsAreDsrlsAndObservationsHaveUpstreamsSizes() {
        // §2: Point 12 sensor values + 16 circle lidar = 28; Car adds the caster's 3 + 9 → 40
        for (var e : List.of(List.of(POINT1, 28), List.of(POINT2, 28), List.of(CAR1, 40), List.of(CAR2, 40))) {
            String id = (String) e.get(0);
            int obs = (Integer) e.get(1);
            TaskSpec spec = MujocoTaskCatalog.find(id).orElseThrow().spec();
            var dsrl = DsrlTasks.require(id);
            assertEquals(obs, spec.observationDim(), id);
            assertEquals(2, spec.actionDim(), id);
            assertEquals(500, spec.maxEpisodeSteps(), id);
            assertEquals(List.of(20.0, 40.0, 80.0), spec.costThresholds(), id);
            assertEquals(dsrl.normalization(), spec.normalization(), id);
            assertEquals(-1f, spec.actionLow()[0]);
            assertEquals(1f, spec.actionHigh()[1]);
            try (NavigationEnv env = make(id)) {
                assertEquals(obs, env.reset(7).length, id);
                assertEquals(obs, env.step(new float[] {0.3f, -0.2f}).observation().length, id);
            }
        }
    }

    @Test
    void pointsFirstObservationHasGravityReactionAndTheMagnetometerOfItsYaw() {
        // §2, §10: at rest the accelerometer reads (0, 0, 9.81); the magnetometer is Rᵀ·(0, −0.5, 0)
        try (NavigationEnv env = make(POINT1)) {
            for (long seed = 0; seed < 5; seed++) {
                float[] o = env.reset(seed);
                double yaw = env.agent().yaw();
                assertEquals(0, o[0], 1e-9);
                assertEquals(0, o[1], 1e-9);
                assertEquals(9.81, o[2], 1e-5);
                for (int i = 3; i < 9; i++) assertEquals(0, o[i], 1e-9, "velocimeter and gyro at rest, obs[" + i + "]");
                assertEquals(-0.5 * Math.sin(yaw), o[9], 1e-6, "seed " + seed);
                assertEquals(-0.5 * Math.cos(yaw), o[10], 1e-6, "seed " + seed);
                assertEquals(0, o[11], 1e-9);
                // §5, §6: starts uniformly in [−0.8, 0.8]² at the robot's height
                var a = env.agent();
                assertTrue(Math.abs(a.x()) <= 0.8 && Math.abs(a.y()) <= 0.8, "start " + a.x() + ", " + a.y());
                assertEquals(Robot.AGENT_HEIGHT, a.position[2], 1e-12);
            }
        }
    }

    @Test
    void carsFirstObservationMatchesTheResearchNotesMeasurementAndItsCasterMatrixIsARotation() {
        try (NavigationEnv env = make(CAR1)) {
            env.reset(1);
            float[] o = env.placeAgent(0, 0, 0);
            // §6 [measured with a separate C program on the upstream car.xml]: (−0.04, −0.64, 4.29) at yaw 0
            assertEquals(-0.036, o[0], 0.001);
            assertEquals(-0.639, o[1], 0.001);
            assertEquals(4.289, o[2], 0.001);
            assertEquals(-0.5, o[10], 1e-9, "magnetometer at yaw 0");
            // the caster's ball joint starts at the identity quaternion → identity matrix at 15..23
            float[] identity = {1, 0, 0, 0, 1, 0, 0, 0, 1};
            for (int k = 0; k < 9; k++) assertEquals(identity[k], o[15 + k], 1e-12, "obs[" + (15 + k) + "]");
            for (int t = 0; t < 40; t++) o = env.step(new float[] {1, 0.3f}).observation();
            double offDiagonal = 0;
            for (int r = 0; r < 3; r++) {
                double norm = 0;
                for (int c = 0; c < 3; c++) norm += o[15 + 3 * r + c] * o[15 + 3 * r + c];
                assertEquals(1, norm, 1e-5, "row " + r + " of the caster's rotation matrix");
                offDiagonal += Math.abs(o[15 + 3 * r + (r + 1) % 3]);
            }
            assertTrue(offDiagonal > 1e-3, "the caster turned while driving");
        }
    }

    @Test
    void movingCounterClockwiseEarnsAndClockwiseLoses() {
        // §7: reward = 0.1·((−u·y + v·x)/r)/(1 + |r − 1.5|); at (1, 0) moving (0, 1): 0.1/1.5
        assertEquals(0.1 / 1.5, CircleTask.reward(1, 0, 0, 1), 1e-15);
        assertEquals(-0.1 / 1.5, CircleTask.reward(1, 0, 0, -1), 1e-15);
        assertEquals(0.1, CircleTask.reward(0, -1.5, 1, 0), 1e-15, "on the circle, moving +x at its bottom is counter-clockwise");
        // the Point at (1, 0) facing +y (its forward is +x) thrusting: counter-clockwise
        assertSignOfRewards(POINT1, Math.PI / 2, new float[] {1, 0}, +1);
        assertSignOfRewards(POINT1, -Math.PI / 2, new float[] {1, 0}, -1);
        // the Car's forward is its −y: yaw π points it at +y
        assertSignOfRewards(CAR1, Math.PI, new float[] {1, 1}, +1);
        assertSignOfRewards(CAR1, 0, new float[] {1, 1}, -1);
    }

    private static void assertSignOfRewards(String id, double yaw, float[] action, int sign) {
        try (NavigationEnv env = make(id)) {
            env.reset(0);
            env.placeAgent(1, 0, yaw);
            double total = 0;
            for (int t = 0; t < 10; t++) {
                double r = env.step(action).reward();
                assertTrue(sign * r >= 0, id + " yaw " + yaw + " step " + t + ": reward " + r);
                total += r;
            }
            assertTrue(sign * total > 0.01, id + " yaw " + yaw + ": total " + total);
        }
    }

    @Test
    void crossingASigwallCostsOnePerStepAndInsideCostsNothing() {
        // §4: level 1 costs 1[|x| > 1.125]; level 2 also 1[|y| > 1.125]; read after the step
        assertIdleCost(POINT1, 1.3, 0, 1);
        assertIdleCost(POINT1, -1.3, 0.2, 1);
        assertIdleCost(POINT1, 0, 1.3, 0);
        assertIdleCost(POINT1, 0.5, -0.5, 0);
        assertIdleCost(POINT2, 0, 1.3, 1);
        assertIdleCost(POINT2, 0.2, -1.3, 1);
        assertIdleCost(POINT2, 1.3, 0, 1);
        assertIdleCost(POINT2, 1.1, 1.1, 0);
        assertIdleCost(CAR1, 1.3, 0.5, 1);
        assertIdleCost(CAR2, 0.5, -1.3, 1);
        assertIdleCost(CAR2, 0.5, 0.5, 0);
        // driving out through the wall at x = 1.125: 0 while inside, 1 every step beyond
        try (NavigationEnv env = make(POINT1)) {
            env.reset(0);
            env.placeAgent(0.9, 0, 0);
            int outside = 0;
            for (int t = 0; t < 30; t++) {
                double cost = env.step(new float[] {1, 0}).cost();
                double x = env.agent().x();
                assertEquals(x > Sigwalls.LOCATE_FACTOR ? 1.0 : 0.0, cost, "x = " + x);
                if (cost == 1) outside++;
            }
            assertTrue(outside >= 5 && outside < 30, "crossed the wall during the run: " + outside + " steps outside");
        }
    }

    private static void assertIdleCost(String id, double x, double y, double expected) {
        try (NavigationEnv env = make(id)) {
            env.reset(0);
            env.placeAgent(x, y, 0.4);
            for (int t = 0; t < 3; t++) assertEquals(expected, env.step(IDLE).cost(), id + " at (" + x + ", " + y + ")");
        }
    }

    @Test
    void theCircleLidarSeesTheCentreWhereItIs() {
        // §3: 16 bins counter-clockwise from the body's +x, reading (6 − d)/6, aliased into both neighbours
        try (NavigationEnv env = make(POINT1)) {
            env.reset(0);
            // at (1, 0) facing +x the centre is 1 m straight behind: bearing π starts bin 8, so bins 7 and 8 read 5/6
            float[] o = env.placeAgent(1, 0, 0);
            for (int b = 0; b < 16; b++) assertEquals(b == 7 || b == 8 ? 5.0 / 6 : 0, o[12 + b], 1e-6, "bin " + b);
            // at (0, −2) facing +x the centre is 2 m to the left, bearing π/2: bins 3 and 4 read 4/6
            o = env.placeAgent(0, -2, 0);
            for (int b = 0; b < 16; b++) assertEquals(b == 3 || b == 4 ? 4.0 / 6 : 0, o[12 + b], 1e-6, "bin " + b);
            // beyond 6 m it is not seen
            o = env.placeAgent(6.5, 0, 1);
            for (int b = 0; b < 16; b++) assertEquals(0, o[12 + b], "bin " + b);
        }
        try (NavigationEnv env = make(CAR1)) {
            env.reset(0);
            // the Car at (0, 2) with yaw 0 faces −y, straight at the centre: bins 11 and 12 read 4/6 (§3: dead ahead is bin 12)
            float[] o = env.placeAgent(0, 2, 0);
            for (int b = 0; b < 16; b++) assertEquals(b == 11 || b == 12 ? 4.0 / 6 : 0, o[24 + b], 1e-6, "bin " + b);
        }
    }

    @Test
    void episodesTruncateAtFiveHundredStepsAndNeverTerminate() {
        try (NavigationEnv env = make(POINT2)) {
            env.reset(3);
            for (int t = 1; t <= 500; t++) {
                StepResult r = env.step(new float[] {1, 0.5f});
                assertFalse(r.terminated(), "step " + t);
                assertEquals(t == 500, r.truncated(), "step " + t);
            }
            assertThrows(IllegalStateException.class, () -> env.step(IDLE));
        }
    }

    @Test
    void badTasksAreRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> new CircleTask(3));
        assertThrows(IllegalArgumentException.class, () -> new Sigwalls(3, 1.125, true));
        var spec = MujocoTaskCatalog.find(POINT1).orElseThrow().spec();
        // a Car in a Point spec: 40 observations against 28
        var e = assertThrows(IllegalArgumentException.class, () -> new NavigationEnv(spec, Robot.CAR, new CircleTask(1)));
        assertTrue(e.getMessage().contains("40") && e.getMessage().contains("28"), e.getMessage());
    }
}
