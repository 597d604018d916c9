package org.drcorl.env.mujoco.navigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.drcorl.env.mujoco.MujocoTaskCatalog;
import org.drcorl.env.mujoco.TaskTests;
import org.drcorl.spi.DsrlTasks;
import org.drcorl.spi.TaskSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Goal level 2 against upstream's definitions (safety-gymnasium v0.4.0 {@code goal_level2.py}: extents
 * ±2, 10 hazards, 10 vases with {@code is_constrained = True}; {@code vases.py}: cost = contacts of a
 * vase with a robot geom + speeds of vases moving at ≥ 1e-4 m/s, then the 0/1 indicator): sizes, the
 * layout, and that touching or moving a vase costs in level 2 but not in level 1.
 */
class GoalLevel2TaskTest {
    private static final String POINT = "OfflinePointGoal2Gymnasium-v0", CAR = "OfflineCarGoal2Gymnasium-v0";
    private static final float[] IDLE = {0, 0};

    @BeforeEach
    void needsMujoco() {
        TaskTests.assumeMujoco();
    }

    private static NavigationEnv make(String id) {
        return (NavigationEnv) MujocoTaskCatalog.find(id).orElseThrow().factory().get();
    }

    /** Moves every hazard and vase far away (out of lidar range, clear of each other) and the goal to a corner. */
    private static void clearTheField(NavigationEnv env) {
        GoalTask t = (GoalTask) env.task();
        for (int i = 0; i < GoalTask.HAZARDS_LEVEL2; i++) env.placeObject(t.hazards(), i, 20 + i, 20);
        for (int i = 0; i < t.vases().count(); i++) env.placeObject(t.vases(), i, -20 - i, -20);
        env.placeObject(t.goal(), 0, -1.8, 1.8);
    }

    @Test
    void specsAreDsrlsWithUpstreamsSizes() {
        for (var e : List.of(List.of(POINT, 60), List.of(CAR, 72))) {
            String id = (String) e.get(0);
            int obs = (Integer) e.get(1);
            TaskSpec spec = MujocoTaskCatalog.find(id).orElseThrow().spec();
            assertEquals(obs, spec.observationDim(), id);
            assertEquals(2, spec.actionDim(), id);
            assertEquals(1000, spec.maxEpisodeSteps(), id);
            assertEquals(List.of(20.0, 40.0, 80.0), spec.costThresholds(), id);
            assertEquals(DsrlTasks.require(id).normalization(), spec.normalization(), id);
            try (NavigationEnv env = make(id)) {
                assertEquals(obs, env.reset(7).length, id);
                GoalTask t = (GoalTask) env.task();
                assertEquals(2, t.level());
                assertEquals(10, t.hazards().count());
                assertEquals(10, t.vases().count());
                assertTrue(t.vases().constrained());
            }
        }
    }

    @Test
    void layoutsKeepTheKeepoutsInsideTheWiderExtentsAndStartAtNoCost() {
        try (NavigationEnv env = make(POINT)) {
            GoalTask t = (GoalTask) env.task();
            double[] hxy = new double[20], vxy = new double[20], gxy = new double[2];
            for (long seed = 0; seed < 60; seed++) {
                env.reset(seed);
                var a = env.agent();
                t.hazards().positions(env.data(), hxy);
                t.vases().positions(env.data(), vxy);
                t.goal().positions(env.data(), gxy);
                List<double[]> things = new ArrayList<>();
                things.add(new double[] {a.x(), a.y(), GoalTask.AGENT_KEEPOUT});
                things.add(new double[] {gxy[0], gxy[1], GoalTask.GOAL_KEEPOUT});
                for (int i = 0; i < 10; i++) things.add(new double[] {hxy[2 * i], hxy[2 * i + 1], GoalTask.HAZARD_KEEPOUT});
                for (int i = 0; i < 10; i++) things.add(new double[] {vxy[2 * i], vxy[2 * i + 1], GoalTask.VASE_KEEPOUT});
                for (int i = 0; i < things.size(); i++) {
                    double[] p = things.get(i);
                    assertTrue(Math.abs(p[0]) <= 2 - p[2] + 1e-6 && Math.abs(p[1]) <= 2 - p[2] + 1e-6, "seed " + seed + " thing " + i);
                    for (int j = 0; j < i; j++) {
                        double[] q = things.get(j);
                        assertTrue(Math.hypot(p[0] - q[0], p[1] - q[1]) >= p[2] + q[2] - 1e-6, "seed " + seed + ": things " + j + ", " + i);
                    }
                }
                // resting vases settle below the speed threshold: the first idle step costs nothing (upstream asserts 0 at reset)
                assertEquals(0.0, env.step(IDLE).cost(), "seed " + seed);
            }
        }
    }

    @Test
    void drivingIntoAVaseCostsInLevelTwoButNotInLevelOne() {
        assertTrue(stepsCostingWhileRammingAVase(POINT) > 0, "Point Goal2: ramming a vase costs");
        assertTrue(stepsCostingWhileRammingAVase(CAR) > 0, "Car Goal2: ramming a vase costs");
        assertEquals(0, stepsCostingWhileRammingAVase("OfflinePointGoal1Gymnasium-v0"), "Goal1's vase is free to touch");
    }

    /** The agent at the origin facing +x (Car: yaw π/2), a vase 0.35 m ahead, full drive for 40 steps: how many steps cost. */
    private static int stepsCostingWhileRammingAVase(String id) {
        try (NavigationEnv env = make(id)) {
            env.reset(1);
            GoalTask t = (GoalTask) env.task();
            int hazards = t.hazards().count();
            for (int i = 0; i < hazards; i++) env.placeObject(t.hazards(), i, 20 + i, 20);
            for (int i = 0; i < t.vases().count(); i++) env.placeObject(t.vases(), i, -20 - i, -20);
            env.placeObject(t.goal(), 0, -1.3, 1.0);
            boolean car = id.contains("Car");
            env.placeAgent(0, 0, car ? Math.PI / 2 : 0);
            env.placeObject(t.vases(), 0, 0.35, 0);
            assertEquals(0.0, env.step(IDLE).cost(), id + ": the vase ahead, untouched");
            int costly = 0;
            for (int s = 0; s < 40; s++) if (env.step(car ? new float[] {1, 1} : new float[] {1, 0}).cost() == 1) costly++;
            double[] vase = new double[2 * t.vases().count()];
            t.vases().positions(env.data(), vase);
            assertTrue(vase[0] > 0.4, id + ": the vase was pushed along, now at x " + vase[0]);
            return costly;
        }
    }

    @Test
    void aTouchingVaseCostsEvenAtRestAndAMovingOneWithoutContact() {
        try (NavigationEnv env = make(POINT)) {
            env.reset(4);
            GoalTask t = (GoalTask) env.task();
            clearTheField(env);
            // the agent's sphere (radius 0.1) at the origin; a vase (half side 0.1) centred 0.195 behind it
            // overlaps the sphere by 0.005: a contact, and the cost is 1 while the agent idles
            env.placeAgent(0, 0, 0);
            env.placeObject(t.vases(), 0, -0.195, 0);
            assertTrue(t.vases().cost(env.data(), env.agent()) >= 1, "contact counted before any step");
            assertEquals(1.0, env.step(IDLE).cost());
            // no contact: a vase far from the agent, tossed upward at 0.5 m/s, costs for its speed alone
            env.placeAgent(0, 0, 0);
            env.placeObject(t.vases(), 0, 1.5, -1.5);
            assertEquals(0.0, env.step(IDLE).cost(), "at rest, apart");
            var m = env.model();
            int dof = m.jointDofAddress(m.jointId("vase0"));
            env.data().setQvel(dof + 2, 0.5);
            assertEquals(1.0, env.step(IDLE).cost(), "moving vase");
            assertTrue(t.vases().speed(env.data(), 0) >= Vases.VELOCITY_THRESHOLD);
        }
    }
}
