package org.drcorl.env.bullet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drcorl.env.bullet.agent.Agent;
import org.drcorl.env.bullet.agent.DroneAgent;
import org.drcorl.spi.StepResult;
import org.drcorl.spi.TaskSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reward, cost, observation and reset semantics of the six tasks, driven by fixed actions. */
class BulletTaskSemanticsTest {

    private static BulletSafeEnv env(String id) {
        return new BulletSafeEnv(BulletTaskCatalog.find(id).orElseThrow());
    }

    @Test
    void specsHaveDsrlDimensionsAndEpisodeLengths() {
        String[][] expected = {
            {"OfflineBallCircle-v0", "8", "2", "200"}, {"OfflineBallRun-v0", "7", "2", "100"},
            {"OfflineCarCircle-v0", "8", "2", "300"}, {"OfflineCarRun-v0", "7", "2", "200"},
            {"OfflineDroneCircle-v0", "18", "4", "300"}, {"OfflineDroneRun-v0", "17", "4", "200"}
        };
        var specs = new BulletTaskProvider().tasks();
        assertEquals(expected.length, specs.size());
        for (int i = 0; i < expected.length; i++) {
            TaskSpec s = specs.get(i);
            assertEquals(expected[i][0], s.id());
            assertEquals(Integer.parseInt(expected[i][1]), s.observationDim(), s.id());
            assertEquals(Integer.parseInt(expected[i][2]), s.actionDim(), s.id());
            assertEquals(Integer.parseInt(expected[i][3]), s.maxEpisodeSteps(), s.id());
            assertEquals(java.util.List.of(10.0, 20.0, 40.0), s.costThresholds(), s.id());
        }
        assertEquals(534.306, specs.get(2).normalization().rewardMax(), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OfflineBallCircle-v0", "OfflineCarCircle-v0", "OfflineDroneCircle-v0"})
    void circleResetsBetweenRadiusTwoAndFourAndEndsTheObservationWithTheRadiusError(String id) {
        try (BulletSafeEnv env = env(id)) {
            for (long seed = 0; seed < 50; seed++) {
                float[] obs = env.reset(seed);
                Agent a = env.agent();
                double r = Math.hypot(a.x(), a.y());
                assertTrue(r >= 2 && r <= 4, id + ": start radius " + r);
                assertEquals((float) ((r - 7) / 10), obs[obs.length - 1], 1e-6f, id);
                assertEquals((float) (0.1 * a.x()), obs[0], 1e-6f, id);
            }
        }
    }

    /**
     * Bullet-Safety-Gym's RunTask.specific_reset (what DSRL's Run data start from): xy uniform in
     * ±0.01 m, orientation untouched: the model's initial yaw, π for the race car (agents.py,
     * {@code RaceCar}: {@code init_orientation=(0, 0, π)}), so CarRun starts at cos ψ = −1. It was
     * ±0.1 m with ±0.1 rad of heading until 2026-12-03, and the car faced +x until 2026-12-04.
     */
    @ParameterizedTest
    @ValueSource(strings = {"OfflineBallRun-v0", "OfflineCarRun-v0", "OfflineDroneRun-v0"})
    void runStartsWithinOneCentimetreOfTheOriginAtTheInitialYaw(String id) {
        try (BulletSafeEnv env = env(id)) {
            double widest = 0;
            for (long seed = 0; seed < 50; seed++) {
                float[] obs = env.reset(seed);
                Agent a = env.agent();
                assertTrue(Math.abs(a.x()) <= 0.01 && Math.abs(a.y()) <= 0.01, id + ": start (" + a.x() + ", " + a.y() + ")");
                widest = Math.max(widest, Math.max(Math.abs(a.x()), Math.abs(a.y())));
                if (id.equals("OfflineCarRun-v0")) {
                    assertEquals(0f, obs[4], 1e-7f, "sin ψ at the start");
                    assertEquals(-1f, obs[5], 0f, "cos ψ at the start");
                }
            }
            assertTrue(widest > 0.005, id + ": the noise spans its range, widest " + widest);
        }
    }

    /**
     * tasks.py, CircleTask.specific_reset: yaw = (angle toward the centre) + π/2 + init_rpy[2], the
     * clockwise tangent (y, −x)/r turned by the race car's π: (cos ψ, sin ψ) = (−y, x)/r.
     */
    @Test
    void carStartsWithItsBaseYawedAgainstTheClockwiseTangent() {
        try (BulletSafeEnv env = env("OfflineCarCircle-v0")) {
            for (long seed = 0; seed < 10; seed++) {
                float[] obs = env.reset(seed);
                double x = env.agent().x(), y = env.agent().y(), r = Math.hypot(x, y);
                assertEquals(-y / r, obs[5], 1e-6, "cos ψ");
                assertEquals(x / r, obs[4], 1e-6, "sin ψ");
            }
        }
    }

    /**
     * The race car as DSRL recorded it (agents.py, {@code RaceCar}): a positive wheel target drives
     * the base toward its +x, which the π initial yaw points at −x, so the original's "go" (its debug
     * key map: up arrow → a0 = −1) drives CarRun forward with cos ψ staying −1; the steering
     * hinges then trail, so a1 &gt; 0 bends the path clockwise (toward −y when going +x).
     */
    @Test
    void carRunGoesForwardOnNegativeThrottleAndTurnsClockwiseOnPositiveSteering() {
        try (BulletSafeEnv env = env("OfflineCarRun-v0")) {
            env.reset(0);
            double x0 = env.agent().x();
            float[] o = null;
            for (int t = 0; t < 30; t++) o = env.step(new float[] {-1f, 0f}).observation();
            assertTrue(env.agent().x() > x0 + 1.0, "a0 = −1 drives +x: x " + env.agent().x());
            assertTrue(o[2] > 1.0, "v_x " + o[2]);
            assertEquals(-1f, o[5], 1e-4f, "cos ψ stays −1 going forward");

            env.reset(0);
            for (int t = 0; t < 30; t++) env.step(new float[] {1f, 0f});
            assertTrue(env.agent().x() < x0 - 1.0, "a0 = +1 drives −x: x " + env.agent().x());

            env.reset(0);
            for (int t = 0; t < 30; t++) o = env.step(new float[] {-1f, 0.5f}).observation();
            assertTrue(o[3] < -0.2 && env.agent().y() < -0.1, "a1 > 0 going +x turns toward −y: v_y " + o[3]);
            assertTrue(o[6] < 0, "the base yaws clockwise: 0.1ψ̇ " + o[6]);
        }
    }

    /**
     * worlds.py, class Octagon, loads octagon_wall.urdf eight times: a box 0.2 m thick centred 12 m
     * from the origin, so the inner faces stand 11.9 m out. A ball (radius 0.5) pushed east comes
     * to rest touching the east wall.
     */
    @Test
    void circleWallsInnerFacesStandElevenPointNineMetresOut() {
        try (BulletSafeEnv env = env("OfflineBallCircle-v0")) {
            env.reset(0);
            for (int t = 0; t < 200; t++) env.step(new float[] {1f, 0f});
            double x = env.agent().x();
            assertEquals(11.9 - 0.5, x, 0.05, "the ball's centre one radius inside the wall: x " + x);
        }
    }

    @Test
    void ballObservationIsScaledPositionVelocityAndRollingSpin() {
        try (BulletSafeEnv env = env("OfflineBallRun-v0")) {
            env.reset(1);
            StepResult r = null;
            for (int t = 0; t < 20; t++) r = env.step(new float[] {0.6f, -0.4f});
            float[] o = r.observation();
            Agent a = env.agent();
            assertEquals(0.1 * a.x(), o[0], 1e-6);
            assertEquals(0.1 * a.y(), o[1], 1e-6);
            assertEquals(0.2 * a.vx(), o[2], 1e-6);
            assertEquals(0.2 * a.vy(), o[3], 1e-6);
            assertEquals(0.1 * -a.vy() / 0.5, o[4], 1e-6, "ω_x of a rolling ball");
            assertEquals(0.1 * a.vx() / 0.5, o[5], 1e-6, "ω_y of a rolling ball");
            assertTrue(a.vx() > 1 && a.vy() < -0.5, "the world-frame force moves the ball along it");
        }
    }

    /**
     * Bullet-Safety-Gym's drone observation (agents.py, {@code Drone.agent_specific_observation}):
     * rotor i reads 2.5e-3·(ω_i − dir_i·ω_h), dir = (+1, −1, +1, −1), ω_h = 461.5 rad/s; the rotors
     * stand still at the start (−1.15·dir_i), and the drone starts on the ground, centre 0.17 m up.
     */
    @Test
    void droneObservationHasPositionVelocityUnitQuaternionAndTheOriginalsRotorSpeeds() {
        double[] spin = {1, -1, 1, -1};
        try (BulletSafeEnv env = env("OfflineDroneRun-v0")) {
            float[] o = env.reset(2);
            assertEquals(0.017, o[2], 1e-6, "starts standing on the ground");
            for (int i = 0; i < 4; i++) assertEquals(-2.5e-3 * 461.53 * spin[i], o[13 + i], 1e-4, "rotor " + i + " at rest");
            StepResult r = null;
            for (int t = 0; t < 30; t++) r = env.step(new float[] {1f, 1f, 1f, 1f});
            o = r.observation();
            double qn = o[6] * o[6] + o[7] * o[7] + o[8] * o[8] + o[9] * o[9];
            assertEquals(1.0, qn, 1e-5, "quaternion norm");
            for (int i = 0; i < 4; i++) {
                assertEquals(2.5e-3 * 461.53 * 0.1 * spin[i], o[13 + i], 1e-4, "rotor " + i + " at 1.1 ω_h: 0.115·dir");
            }
            assertTrue(o[5] > 0 && o[2] > 0.017 + 0.01, "full throttle takes off: z " + 10 * o[2]);
        }
    }

    /** The original's quadcopter.urdf puts rotor 1 on −y and rotor 3 on +y: more thrust on 1 lifts the −y side (roll < 0). */
    @Test
    void aFasterRotorOneRollsTheDroneTowardPlusY() {
        DroneAgent drone = new DroneAgent();
        drone.reset(0, 0, 0);
        for (int k = 0; k < 24; k++) drone.integrate(new float[] {1f, 1f, 1f, 0f}, 1.0 / 240);
        assertTrue(drone.roll() < -0.01, "roll " + drone.roll());
        drone.reset(0, 0, 0);
        for (int k = 0; k < 24; k++) drone.integrate(new float[] {1f, 0f, 1f, 1f}, 1.0 / 240);
        assertTrue(drone.roll() > 0.01, "roll " + drone.roll());
    }

    @Test
    void runRewardIsSixtyTimesProgressForTheCar() {
        try (BulletSafeEnv env = env("OfflineCarRun-v0")) {
            env.reset(4);
            double x0 = env.agent().x(), total = 0;
            for (int t = 0; t < 100; t++) total += env.step(new float[] {-0.5f, 0f}).reward(); // a0 < 0 is forward (see above)
            double dx = env.agent().x() - x0;
            assertTrue(dx > 1.0, "the car moved " + dx);
            assertEquals(60 * dx, total, 0.01 * 60 * dx);
        }
    }

    @Test
    void ballRunRewardSubtractsTheActionPenalty() {
        try (BulletSafeEnv env = env("OfflineBallRun-v0")) {
            env.reset(4);
            double x0 = env.agent().x(), y0 = env.agent().y();
            StepResult r = env.step(new float[] {0.6f, 0.8f});
            double progress = -60 * (Math.hypot(env.agent().x() - 1000, env.agent().y()) - Math.hypot(x0 - 1000, y0));
            assertEquals(progress - 0.5 * 1.0, r.reward(), 1e-6, "Φ(s′) − Φ(s) − 0.5‖a‖ with ‖a‖ = 1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"OfflineBallRun-v0", "OfflineCarRun-v0"})
    void runningFasterThanTheSpeedLimitCosts(String id) {
        try (BulletSafeEnv env = env(id)) {
            env.reset(5);
            boolean sawFast = false, sawSlow = false;
            for (int t = 0; t < 100; t++) {
                StepResult r = env.step(new float[] {1f, 0f});
                Agent a = env.agent();
                boolean fast = Math.hypot(a.vx(), a.vy()) > a.speedLimit();
                assertTrue(Math.abs(a.y()) < 2, id + ": stays in the corridor");
                assertEquals(fast ? 1.0 : 0.0, r.cost(), id + " at step " + t);
                sawFast |= fast;
                sawSlow |= !fast;
            }
            assertTrue(sawFast && sawSlow, id + ": accelerates through v_lim");
        }
    }

    @Test
    void driftingOutOfTheCorridorCosts() {
        try (BulletSafeEnv env = env("OfflineBallRun-v0")) {
            env.reset(6);
            boolean sawOutside = false;
            for (int t = 0; t < 100; t++) {
                StepResult r = env.step(new float[] {0f, 0.3f}); // terminal speed ≈ 2.2 m/s < v_lim
                boolean outside = Math.abs(env.agent().y()) > 2;
                assertEquals(outside ? 1.0 : 0.0, r.cost(), "step " + t);
                sawOutside |= outside;
            }
            assertTrue(sawOutside, "drifted past |y| = 2");
        }
    }

    @Test
    void circleCostIsLeavingTheStripAndWallsHoldTheBall() {
        try (BulletSafeEnv env = env("OfflineBallCircle-v0")) {
            env.reset(7);
            boolean sawOutside = false;
            for (int t = 0; t < 200; t++) {
                StepResult r = env.step(new float[] {1f, 0f});
                boolean outside = Math.abs(env.agent().x()) > 6;
                assertEquals(outside ? 1.0 : 0.0, r.cost(), "step " + t);
                assertTrue(env.agent().x() <= 12 - 0.5 + 1e-9, "inside the octagon's walls");
                sawOutside |= outside;
            }
            assertTrue(sawOutside);
        }
    }

    @Test
    void circleRewardIsPositiveClockwiseAndNegativeCounterClockwise() {
        try (BulletSafeEnv env = env("OfflineBallCircle-v0")) {
            for (int sign : new int[] {1, -1}) {
                env.reset(8);
                double total = 0;
                for (int t = 0; t < 10; t++) {
                    double x = env.agent().x(), y = env.agent().y(), r = Math.hypot(x, y);
                    // Push along the clockwise tangent (y, −x)/r, or against it.
                    total += env.step(new float[] {(float) (sign * y / r), (float) (-sign * x / r)}).reward();
                }
                assertTrue(sign * total > 1, "sign " + sign + " gave " + total);
            }
        }
    }

    @Test
    void aDroneThatFlipsTerminatesWithTheMinusTenReward() {
        try (BulletSafeEnv env = env("OfflineDroneRun-v0")) {
            env.reset(9);
            ((DroneAgent) env.agent()).setBodyAngularVelocity(25, 0, 0);
            StepResult r = null;
            int t = 0;
            while (t < 60 && (r == null || !r.done())) {
                r = env.step(new float[4]);
                t++;
            }
            assertTrue(r.terminated() && !r.truncated(), "flipped drone terminates, after " + t + " steps");
            assertTrue(r.reward() < -10 + 0.5 && r.reward() > -30, "reward " + r.reward());
            assertTrue(t < 10, "a roll at 25 rad/s passes π/2 within a few steps, took " + t);
        }
    }

    @Test
    void aHoveringDroneStaysAliveAndEarnsTheAliveBonus() {
        try (BulletSafeEnv env = env("OfflineDroneRun-v0")) {
            env.reset(10);
            for (int t = 0; t < 30; t++) {
                StepResult r = env.step(new float[4]);
                assertTrue(!r.terminated());
                assertEquals(1.0, r.reward(), 0.05, "hover: no progress, alive bonus 1");
                assertEquals(0.0, r.cost());
            }
        }
    }
}
