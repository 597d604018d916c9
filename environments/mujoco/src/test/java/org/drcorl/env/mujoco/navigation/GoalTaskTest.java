package org.drcorl.env.mujoco.navigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.drcorl.env.mujoco.MujocoTaskCatalog;
import org.drcorl.env.mujoco.TaskTests;
import org.drcorl.spi.DsrlTasks;
import org.drcorl.spi.StepResult;
import org.drcorl.spi.TaskSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Goal level 1 tasks against upstream's definitions (safety-gymnasium v0.4.0 {@code goal_level0.py},
 * {@code goal_level1.py}, {@code hazards.py}, {@code goal.py}, {@code random_generator.py}; NAVIGATION.md
 * §2-§7), not against this implementation's own output: sizes and lidar order, the hazard cost, the
 * progress reward and the goal bonus paid once, the goal re-placed, keepouts, episode length.
 */
class GoalTaskTest {
    private static final String POINT = "OfflinePointGoal1Gymnasium-v0", CAR = "OfflineCarGoal1Gymnasium-v0";
    private static final float[] IDLE = {0, 0};
    private static final double BIN = 2 * Math.PI / 16;

    @BeforeEach
    void needsMujoco() {
        TaskTests.assumeMujoco();
    }

    private static NavigationEnv make(String id) {
        return (NavigationEnv) MujocoTaskCatalog.find(id).orElseThrow().factory().get();
    }

    private static GoalTask task(NavigationEnv env) {
        return (GoalTask) env.task();
    }

    /** Moves every hazard and the vase far out of the lidar's reach (3 m) and the agent's way. */
    private static void clearTheField(NavigationEnv env) {
        GoalTask t = task(env);
        for (int i = 0; i < GoalTask.HAZARDS; i++) env.placeObject(t.hazards(), i, 20 + i, 20);
        env.placeObject(t.vases(), 0, -20, -20);
    }

    @Test
    void specsAreDsrlsAndObservationsHaveUpstreamsSizes() {
        // §2: Point 12 sensor values + 3 lidars (goal, hazards, vases) × 16 = 60; Car 24 + 48 = 72
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
                assertEquals(obs, env.step(new float[] {0.3f, -0.2f}).observation().length, id);
            }
        }
    }

    @Test
    void lidarBlocksAreGoalHazardsVasesWithTheClosestHazardWinningItsBin() {
        try (NavigationEnv env = make(POINT)) {
            env.reset(3);
            GoalTask t = task(env);
            clearTheField(env);
            env.placeAgent(0.2, -0.1, 0);
            // goal 1.5 m away in the middle of bin 2: bin 2 reads (3 − 1.5)/3 = 0.5, its neighbours half of it (alias 0.5)
            double g = 2.5 * BIN;
            env.placeObject(t.goal(), 0, 0.2 + 1.5 * Math.cos(g), -0.1 + 1.5 * Math.sin(g));
            // two hazards in the middle of bin 10, 0.6 m and 2.4 m away: the closer one's 0.8 wins, neighbours 0.4
            double h = 10.5 * BIN;
            env.placeObject(t.hazards(), 0, 0.2 + 2.4 * Math.cos(h), -0.1 + 2.4 * Math.sin(h));
            env.placeObject(t.hazards(), 1, 0.2 + 0.6 * Math.cos(h), -0.1 + 0.6 * Math.sin(h));
            // the vase 1.2 m straight behind (bearing π starts bin 8): bins 7 and 8 read 0.6
            float[] o = env.placeObject(t.vases(), 0, 0.2 - 1.2, -0.1);
            for (int b = 0; b < 16; b++) {
                assertEquals(b == 2 ? 0.5 : b == 1 || b == 3 ? 0.25 : 0, o[12 + b], 1e-6, "goal bin " + b);
                assertEquals(b == 10 ? 0.8 : b == 9 || b == 11 ? 0.4 : 0, o[28 + b], 1e-6, "hazards bin " + b);
                assertEquals(b == 7 || b == 8 ? 0.6 : 0, o[44 + b], 1e-6, "vases bin " + b);
            }
        }
        try (NavigationEnv env = make(CAR)) {
            env.reset(3);
            clearTheField(env);
            // the Car at yaw 0 faces −y (§3: dead ahead is bin 12); the goal 1 m ahead lights bins 11 and 12 with 2/3
            env.placeAgent(0, 0.5, 0);
            float[] o = env.placeObject(task(env).goal(), 0, 0, -0.5);
            for (int b = 0; b < 16; b++) assertEquals(b == 11 || b == 12 ? 2.0 / 3 : 0, o[24 + b], 2e-3, "goal bin " + b);
            for (int b = 40; b < 72; b++) assertEquals(0, o[b], "hazards and vases out of reach, obs[" + b + "]");
        }
    }

    @Test
    void insideAHazardCostsOnePerStepAndOutsideNothing() {
        try (NavigationEnv env = make(POINT)) {
            env.reset(5);
            GoalTask t = task(env);
            clearTheField(env);
            env.placeObject(t.goal(), 0, -1.4, 1.4);
            env.placeObject(t.hazards(), 0, 0, 0);
            // standing in it (0.1 from its centre): 1 every step; standing 0.25 away: 0
            env.placeAgent(0.1, 0, 1);
            for (int s = 0; s < 3; s++) assertEquals(1.0, env.step(IDLE).cost(), "inside, step " + s);
            env.placeAgent(0, 0.25, 1);
            for (int s = 0; s < 3; s++) assertEquals(0.0, env.step(IDLE).cost(), "outside, step " + s);
            // driving straight through it from (−0.6, 0): the cost is 1 exactly while the agent is within 0.2 of its centre
            env.placeAgent(-0.6, 0, 0);
            int inside = 0;
            for (int s = 0; s < 60; s++) {
                double cost = env.step(new float[] {1, 0}).cost();
                double d = Math.hypot(env.agent().x(), env.agent().y());
                assertEquals(d < GoalTask.HAZARD_SIZE ? 1.0 : 0.0, cost, "step " + s + " at distance " + d);
                if (cost == 1) inside++;
            }
            assertTrue(inside >= 3 && inside < 60, "crossed the hazard: " + inside + " steps inside");
        }
    }

    @Test
    void movingTowardTheGoalEarnsAndAwayLoses() {
        // §7: reward = previous distance − distance; the Point drives along +x, the Car along −y
        assertProgressSign(POINT, 0, +1);
        assertProgressSign(POINT, Math.PI, -1);
        assertProgressSign(CAR, Math.PI / 2, +1); // yaw π/2 turns the Car's forward −y to +x, toward the goal
        assertProgressSign(CAR, -Math.PI / 2, -1);
    }

    private static void assertProgressSign(String id, double yaw, int sign) {
        try (NavigationEnv env = make(id)) {
            env.reset(0);
            clearTheField(env);
            env.placeAgent(0, 0, yaw);
            env.placeObject(task(env).goal(), 0, 2.5, 0);
            float[] drive = id.equals(CAR) ? new float[] {1, 1} : new float[] {1, 0};
            double total = 0;
            for (int s = 0; s < 15; s++) {
                double before = env.agent().x();
                double r = env.step(drive).reward();
                // the goal is far along +x and the agent stays near y = 0: the reward is the gain in x, near enough
                assertEquals(env.agent().x() - before, r, 0.02, id + " step " + s);
                total += r;
            }
            assertTrue(sign * total > 0.02, id + " yaw " + yaw + ": total " + total);
        }
    }

    @Test
    void reachingTheGoalPaysTheBonusOnceAndPlacesTheGoalAgainClearOfEverything() {
        try (NavigationEnv env = make(POINT)) {
            env.reset(11);
            GoalTask t = task(env);
            clearTheField(env);
            env.placeAgent(-0.5, 0, 0);
            env.placeObject(t.goal(), 0, 0.3, 0);
            List<Double> rewards = new ArrayList<>();
            int reachedAt = -1;
            double[] goalBefore = env.layoutPosition(t.goal(), 0);
            for (int s = 0; s < 80 && reachedAt < 0; s++) {
                double xBefore = env.agent().x();
                StepResult r = env.step(new float[] {1, 0});
                rewards.add(r.reward());
                assertFalse(r.terminated());
                double[] goalNow = env.layoutPosition(t.goal(), 0);
                if (goalNow[0] != goalBefore[0] || goalNow[1] != goalBefore[1]) {
                    reachedAt = s;
                    // the step that arrives pays its progress plus 1; the agent ended it within 0.3 of the old goal
                    double x = env.agent().x();
                    assertTrue(Math.abs(x - 0.3) <= GoalTask.GOAL_SIZE + 1e-9, "arrived at x " + x);
                    assertEquals(1 + (x - xBefore), r.reward(), 0.02, "bonus plus progress");
                    // the new goal keeps the keepouts of the agent where it is now, and of the hazards and the vase
                    double dAgent = Math.hypot(goalNow[0] - x, goalNow[1] - env.agent().y());
                    assertTrue(dAgent >= GoalTask.AGENT_KEEPOUT + GoalTask.GOAL_KEEPOUT, "new goal " + dAgent + " from the agent");
                    assertTrue(Math.abs(goalNow[0]) <= 1.5 - GoalTask.GOAL_KEEPOUT && Math.abs(goalNow[1]) <= 1.5 - GoalTask.GOAL_KEEPOUT);
                    // the goal body moved there and the goal lidar sees it there
                    double[] xy = new double[2];
                    t.goal().positions(env.data(), xy);
                    assertEquals(goalNow[0], xy[0], 1e-12);
                    assertEquals(goalNow[1], xy[1], 1e-12);
                }
            }
            assertTrue(reachedAt > 0, "reached the goal");
            for (int s = 0; s < reachedAt; s++) assertTrue(rewards.get(s) > -0.01 && rewards.get(s) < 0.5, "approach step " + s + ": " + rewards.get(s));
            // no bonus again and no jump from the new goal's larger distance: idle steps earn about nothing
            for (int s = 0; s < 5; s++) assertEquals(0, env.step(IDLE).reward(), 0.05, "after the goal, step " + s);
        }
    }

    @Test
    void layoutsKeepTheKeepoutsAndTheExtents() {
        // random_generator.py: every pair at least keepout_a + keepout_b apart, each inside [−1.5, 1.5]² shrunk by its keepout
        try (NavigationEnv env = make(POINT)) {
            GoalTask t = task(env);
            double[] hxy = new double[2 * GoalTask.HAZARDS], vxy = new double[2], gxy = new double[2];
            for (long seed = 0; seed < 150; seed++) {
                env.reset(seed);
                var a = env.agent();
                t.hazards().positions(env.data(), hxy);
                t.vases().positions(env.data(), vxy);
                t.goal().positions(env.data(), gxy);
                List<double[]> things = new ArrayList<>(); // x, y, keepout
                things.add(new double[] {a.x(), a.y(), GoalTask.AGENT_KEEPOUT});
                things.add(new double[] {gxy[0], gxy[1], GoalTask.GOAL_KEEPOUT});
                for (int i = 0; i < GoalTask.HAZARDS; i++) things.add(new double[] {hxy[2 * i], hxy[2 * i + 1], GoalTask.HAZARD_KEEPOUT});
                things.add(new double[] {vxy[0], vxy[1], GoalTask.VASE_KEEPOUT});
                for (int i = 0; i < things.size(); i++) {
                    double[] p = things.get(i);
                    assertTrue(Math.abs(p[0]) <= 1.5 - p[2] + 1e-9 && Math.abs(p[1]) <= 1.5 - p[2] + 1e-9, "seed " + seed + " thing " + i);
                    for (int j = 0; j < i; j++) {
                        double[] q = things.get(j);
                        double d = Math.hypot(p[0] - q[0], p[1] - q[1]);
                        assertTrue(d >= p[2] + q[2] - 1e-9, "seed " + seed + ": things " + j + " and " + i + " are " + d + " apart");
                    }
                }
                // §6: keepouts make the first step's cost 0 (upstream asserts it at reset)
                assertEquals(0.0, env.step(IDLE).cost(), "seed " + seed);
            }
        }
    }

    @Test
    void episodesTruncateAtAThousandSteps() {
        try (NavigationEnv env = make(POINT)) {
            env.reset(2);
            clearTheField(env);
            env.placeAgent(0, 0, 0);
            env.placeObject(task(env).goal(), 0, 1.2, 1.2);
            for (int s = 1; s <= 1000; s++) {
                StepResult r = env.step(new float[] {0.02f, 0.3f}); // turning on the spot, slowly
                assertFalse(r.terminated(), "step " + s);
                assertEquals(s == 1000, r.truncated(), "step " + s);
            }
            assertThrows(IllegalStateException.class, () -> env.step(IDLE));
        }
    }

    @Test
    void onlyUpstreamsLevelsAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> new GoalTask(3));
        assertThrows(IllegalArgumentException.class, () -> new GoalTask(-1));
        assertThrows(IllegalStateException.class, () -> new GoalTask(0).hazards());
    }
}
