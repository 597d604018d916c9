package org.drcorl.env.mujoco.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.drcorl.env.mujoco.TaskTests;
import org.drcorl.env.mujoco.navigation.NavigationEnv;
import org.drcorl.env.mujoco.navigation.Robot;
import org.drcorl.spi.NormalizationConstants;
import org.drcorl.spi.TaskSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's and notebook 05's example of a new navigation layout ({@link HazardCircleTask}) runs
 * on the shared pieces as they promise: the observation is the robot's sensors plus a 16-bin block per
 * lidar-observed object in the task's order, the hazards are drawn in their band clear of the start,
 * standing in one costs 1 per step, and the Circle reward pays a counter-clockwise lap.
 */
class HazardCircleTaskTest {
    private static final double BIN = 2 * Math.PI / 16;
    private static final float[] IDLE = {0, 0};

    @BeforeEach
    void needsMujoco() {
        TaskTests.assumeMujoco();
    }

    /** A spec of the user's own: sizes from the robot and the objects, constants of their choosing. */
    static TaskSpec spec(Robot robot) {
        int obs = robot.observedWidth() + 2 * 16; // sensors, circle lidar, hazards lidar
        return new TaskSpec("Offline" + robot.name() + "HazardCircle-v0", "mujoco",
                robot.name() + " runs round the circle between hazards", obs, 2,
                TaskSpec.symmetricBounds(2, -1f), TaskSpec.symmetricBounds(2, 1f), 500,
                List.of(20.0, 40.0, 80.0), new NormalizationConstants(0, 60, 100));
    }

    private static NavigationEnv make(Robot robot) {
        return new NavigationEnv(spec(robot), robot, new HazardCircleTask());
    }

    private static HazardCircleTask task(NavigationEnv env) {
        return (HazardCircleTask) env.task();
    }

    private static void clearTheField(NavigationEnv env) {
        for (int i = 0; i < HazardCircleTask.HAZARDS; i++) env.placeObject(task(env).hazards(), i, 20 + i, 20);
    }

    @Test
    void observesSensorsThenCircleThenHazards() {
        assertEquals(12 + 32, spec(Robot.POINT).observationDim());
        assertEquals(24 + 32, spec(Robot.CAR).observationDim());
        for (Robot robot : List.of(Robot.POINT, Robot.CAR)) {
            try (NavigationEnv env = make(robot)) {
                assertEquals(spec(robot).observationDim(), env.reset(1).length, robot.name());
            }
        }
        try (NavigationEnv env = make(Robot.POINT)) {
            env.reset(2);
            clearTheField(env);
            env.placeAgent(0, 0, 0);
            // one hazard 1.5 m away in the middle of bin 2: the circle lidar reaches 6 m, so (6 − 1.5)/6 = 0.75,
            // aliased into bins 1 and 3 at half of it; the other hazards are out of reach
            double a = 2.5 * BIN;
            float[] o = env.placeObject(task(env).hazards(), 0, 1.5 * Math.cos(a), 1.5 * Math.sin(a));
            int hazards = 12 + 16;
            for (int bin = 0; bin < 16; bin++) {
                double expected = bin == 2 ? 0.75 : bin == 1 || bin == 3 ? 0.375 : 0;
                assertEquals(expected, o[hazards + bin], 1e-3, "hazard bin " + bin);
            }
        }
    }

    @Test
    void hazardsAreDrawnInTheirBandClearOfTheStart() {
        try (NavigationEnv env = make(Robot.POINT)) {
            for (long seed = 0; seed < 40; seed++) {
                env.reset(seed);
                double ax = env.agent().x(), ay = env.agent().y();
                for (int i = 0; i < HazardCircleTask.HAZARDS; i++) {
                    double[] p = env.layoutPosition(task(env).hazards(), i);
                    double box = Math.max(Math.abs(p[0]), Math.abs(p[1]));
                    assertTrue(box >= 1 + HazardCircleTask.HAZARD_KEEPOUT - 1e-9 && box <= 2 - HazardCircleTask.HAZARD_KEEPOUT + 1e-9,
                            "seed " + seed + " hazard " + i + " at " + p[0] + ", " + p[1]);
                    assertTrue(Math.hypot(p[0] - ax, p[1] - ay) >= 0.4 + HazardCircleTask.HAZARD_KEEPOUT - 1e-9, "seed " + seed);
                }
                assertEquals(0.0, env.step(IDLE).cost(), "seed " + seed + ": the start is clear");
            }
        }
    }

    @Test
    void standingInAHazardCostsAndBesideItDoesNot() {
        try (NavigationEnv env = make(Robot.POINT)) {
            env.reset(3);
            clearTheField(env);
            env.placeAgent(0.5, 0.5, 0);
            env.placeObject(task(env).hazards(), 0, 0.55, 0.5);
            for (int s = 0; s < 3; s++) assertEquals(1.0, env.step(IDLE).cost(), "inside, step " + s);
            env.placeObject(task(env).hazards(), 0, 0.5 + HazardCircleTask.HAZARD_SIZE + 0.1, 0.5);
            for (int s = 0; s < 3; s++) assertEquals(0.0, env.step(IDLE).cost(), "beside, step " + s);
        }
    }

    @Test
    void aCounterClockwiseLapEarns() {
        for (double yaw : new double[] {Math.PI / 2, -Math.PI / 2}) {
            try (NavigationEnv env = make(Robot.POINT)) {
                env.reset(0);
                clearTheField(env);
                env.placeAgent(1, 0, yaw); // the Point's forward is its +x: yaw π/2 drives toward +y
                double total = 0;
                for (int t = 0; t < 10; t++) total += env.step(new float[] {1, 0}).reward();
                assertTrue(Math.signum(yaw) * total > 0.01, "yaw " + yaw + ": total " + total);
            }
        }
    }
}
