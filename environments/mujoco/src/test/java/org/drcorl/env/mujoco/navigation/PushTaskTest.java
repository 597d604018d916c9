package org.drcorl.env.mujoco.navigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * The Push tasks against upstream's definitions (safety-gymnasium v0.4.0 {@code push_level0.py},
 * {@code push_level1.py}, {@code push_level2.py}, {@code push_box.py}, {@code pillars.py}, {@code world.py};
 * NAVIGATION.md §2-§7), not against this implementation's own output: sizes, the box per robot, the lidar
 * blocks goal, hazards, pillars, push_box; the reward as the agent-box and box-goal progress (3-D body
 * distances, read here from the bodies) with the bonus paid once and the goal re-placed; hazards of radius
 * 0.3 and pillars that cost only in level 2; keepouts; episode length.
 */
class PushTaskTest {
    private static final String POINT1 = "OfflinePointPush1Gymnasium-v0", POINT2 = "OfflinePointPush2Gymnasium-v0";
    private static final String CAR1 = "OfflineCarPush1Gymnasium-v0", CAR2 = "OfflineCarPush2Gymnasium-v0";
    private static final float[] IDLE = {0, 0};
    /** The Point thrusting gently backward: keeps it against something behind it. */
    private static final float[] BACK = {-0.05f, 0};
    private static final double BIN = 2 * Math.PI / 16;
    /** Point blocks: goal 12-27, hazards 28-43, pillars 44-59, push_box 60-75 (Car: 24, 40, 56, 72). */
    private static final int GOAL_AT = 12, HAZARDS_AT = 28, PILLARS_AT = 44, BOX_AT = 60;

    @BeforeEach
    void needsMujoco() {
        TaskTests.assumeMujoco();
    }

    private static NavigationEnv make(String id) {
        return (NavigationEnv) MujocoTaskCatalog.find(id).orElseThrow().factory().get();
    }

    private static PushTask task(NavigationEnv env) {
        return (PushTask) env.task();
    }

    /** Hazards and pillars far out of the lidar's reach and the agent's way; the box and the goal where given. */
    private static void arrange(NavigationEnv env, double boxX, double boxY, double goalX, double goalY) {
        PushTask t = task(env);
        for (int i = 0; i < t.hazards().count(); i++) env.placeObject(t.hazards(), i, 20 + i, 20);
        for (int i = 0; i < t.pillars().count(); i++) env.placeObject(t.pillars(), i, -20 - i, 20);
        env.placeObject(t.goal(), 0, goalX, goalY);
        env.placeObject(t.box(), 0, boxX, boxY);
    }

    private static double[] xyz(NavigationEnv env, String body) {
        int b = env.model().bodyId(body);
        return new double[] {env.data().xpos(b, 0), env.data().xpos(b, 1), env.data().xpos(b, 2)};
    }

    private static double distance(double[] a, double[] b) {
        return Math.sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
    }

    @Test
    void specsAreDsrlsAndTheSceneIsUpstreams() {
        // id, observation (12 or 24 sensors + 4 lidars × 16), hazards, pillars, pillars constrained, box half side, box mass
        for (var e : List.of(List.of(POINT1, 76, 2, 1, false, 0.2, 1.28e-4), List.of(POINT2, 76, 4, 4, true, 0.2, 1.28e-4),
                List.of(CAR1, 88, 2, 1, false, 0.125, 1.5625e-5), List.of(CAR2, 88, 4, 4, true, 0.125, 1.5625e-5))) {
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
                PushTask t = task(env);
                assertEquals(List.of("goal", "hazards", "pillars", "push_box"), t.objects().stream().map(NavigationObject::name).toList(), id);
                assertEquals((Integer) e.get(2), t.hazards().count(), id);
                assertEquals(0.3, t.hazards().size(), id);
                assertEquals((Integer) e.get(3), t.pillars().count(), id);
                assertEquals((Boolean) e.get(4), t.pillars().constrained(), id);
                assertEquals(0.3, t.goal().size(), id);
                // the box: a central cube of half side s plus four corner boxes (s/2, s/2, s) of one density (NAVIGATION.md §4's masses)
                double s = (Double) e.get(5);
                assertEquals(s, t.box().size(), id);
                assertEquals((Double) e.get(6), env.model().bodyMass(t.box().body()), 1e-12, id);
                // resting on the floor: centre about s up
                assertEquals(s, xyz(env, "push_box")[2], 0.01, id);
            }
        }
    }

    @Test
    void lidarBlocksAreGoalHazardsPillarsPushBox() {
        try (NavigationEnv env = make(POINT1)) {
            env.reset(3);
            PushTask t = task(env);
            arrange(env, 20, -20, -20, -20);
            env.placeAgent(0.2, -0.1, 0);
            // goal 1.5 m away mid bin 2; hazard 0.6 m mid bin 10; pillar 1.2 m straight behind (bins 7, 8); box 2.4 m mid bin 4
            env.placeObject(t.goal(), 0, 0.2 + 1.5 * Math.cos(2.5 * BIN), -0.1 + 1.5 * Math.sin(2.5 * BIN));
            env.placeObject(t.hazards(), 0, 0.2 + 0.6 * Math.cos(10.5 * BIN), -0.1 + 0.6 * Math.sin(10.5 * BIN));
            env.placeObject(t.pillars(), 0, 0.2 - 1.2, -0.1);
            float[] o = env.placeObject(t.box(), 0, 0.2 + 2.4 * Math.cos(4.5 * BIN), -0.1 + 2.4 * Math.sin(4.5 * BIN));
            for (int b = 0; b < 16; b++) {
                assertEquals(b == 2 ? 0.5 : b == 1 || b == 3 ? 0.25 : 0, o[GOAL_AT + b], 1e-6, "goal bin " + b);
                assertEquals(b == 10 ? 0.8 : b == 9 || b == 11 ? 0.4 : 0, o[HAZARDS_AT + b], 1e-6, "hazards bin " + b);
                assertEquals(b == 7 || b == 8 ? 0.6 : 0, o[PILLARS_AT + b], 1e-6, "pillars bin " + b);
                assertEquals(b == 4 ? 0.2 : b == 3 || b == 5 ? 0.1 : 0, o[BOX_AT + b], 1e-6, "push_box bin " + b);
            }
        }
        try (NavigationEnv env = make(CAR2)) {
            env.reset(3);
            arrange(env, 20, -20, -20, -20);
            // the Car at yaw 0 faces −y (dead ahead is bin 12): the box 1 m ahead lights bins 11 and 12 with 2/3, the pillar 1.5 m to its left (+x: bin 0, 15) 0.5
            env.placeAgent(0, 0.5, 0);
            env.placeObject(task(env).pillars(), 0, 1.5, 0.5);
            float[] o = env.placeObject(task(env).box(), 0, 0, -0.5);
            for (int b = 0; b < 16; b++) {
                assertEquals(b == 11 || b == 12 ? 2.0 / 3 : 0, o[72 + b], 2e-3, "push_box bin " + b);
                assertEquals(b == 0 || b == 15 ? 0.5 : 0, o[56 + b], 2e-3, "pillars bin " + b);
            }
            for (int b = 24; b < 56; b++) assertEquals(0, o[b], "goal and hazards out of reach, obs[" + b + "]");
        }
    }

    @Test
    void approachingTheBoxEarnsAndLeavingItLoses() {
        // §7: with the box still, the reward is the fall of the 3-D agent-box distance
        assertApproach(POINT1, 0, +1);
        assertApproach(POINT1, Math.PI, -1);
        assertApproach(CAR1, Math.PI / 2, +1); // the Car's forward −y turned to +x
        assertApproach(CAR1, -Math.PI / 2, -1);
    }

    private static void assertApproach(String id, double yaw, int sign) {
        try (NavigationEnv env = make(id)) {
            env.reset(0);
            arrange(env, 2.5, 0, 2.5, 2.5);
            env.placeAgent(0, 0, yaw);
            float[] drive = id.equals(CAR1) ? new float[] {1, 1} : new float[] {1, 0};
            double before = distance(xyz(env, "agent"), xyz(env, "push_box"));
            double total = 0;
            for (int s = 0; s < 15; s++) {
                double r = env.step(drive).reward();
                double now = distance(xyz(env, "agent"), xyz(env, "push_box"));
                assertEquals(before - now, r, 1e-3, id + " step " + s);
                before = now;
                total += r;
            }
            assertTrue(sign * total > 0.02, id + " yaw " + yaw + ": total " + total);
        }
    }

    @Test
    void pushingTheBoxTowardTheGoalEarns() {
        for (String id : List.of(POINT1, CAR1)) {
            try (NavigationEnv env = make(id)) {
                env.reset(1);
                boolean car = id.equals(CAR1);
                double s = task(env).box().size();
                // the robot's front just behind the box, the goal far ahead along +x
                arrange(env, 0, 0, 3, 0);
                env.placeAgent(car ? -s - 0.32 : -s - 0.3, 0, car ? Math.PI / 2 : 0);
                float[] drive = car ? new float[] {1, 1} : new float[] {1, 0};
                double[] box0 = xyz(env, "push_box");
                double agentBox = distance(xyz(env, "agent"), box0), boxGoal = distance(box0, xyz(env, "goal"));
                double boxProgress = 0;
                for (int step = 0; step < 40; step++) {
                    StepResult r = env.step(drive);
                    double[] a = xyz(env, "agent"), b = xyz(env, "push_box"), g = xyz(env, "goal");
                    double nowAgentBox = distance(a, b), nowBoxGoal = distance(b, g);
                    assertEquals((agentBox - nowAgentBox) + (boxGoal - nowBoxGoal), r.reward(), 1e-6, id + " step " + step);
                    boxProgress += boxGoal - nowBoxGoal;
                    agentBox = nowAgentBox;
                    boxGoal = nowBoxGoal;
                }
                assertTrue(boxProgress > 0.2, id + ": the box went " + boxProgress + " toward the goal");
                assertTrue(xyz(env, "push_box")[0] - box0[0] > 0.2, id + ": the box moved along +x");
            }
        }
    }

    @Test
    void theBoxInTheGoalPaysTheBonusOnceAndTheGoalIsPlacedAgainClearOfEverything() {
        for (String id : List.of(POINT1, CAR2)) {
            try (NavigationEnv env = make(id)) {
                env.reset(11);
                PushTask t = task(env);
                // the box 0.1 m from the goal's centre (3-D: within 0.3), the agent far from both
                arrange(env, 0.8, 0.9, 0.8, 0.8);
                env.placeAgent(-1, -1, 0);
                double[] goalBefore = env.layoutPosition(t.goal(), 0);
                StepResult r = env.step(IDLE);
                assertFalse(r.terminated());
                assertEquals(1.0, r.reward(), 0.01, id + ": the bonus (nothing moved)");
                double[] goalNow = env.layoutPosition(t.goal(), 0);
                assertTrue(goalNow[0] != goalBefore[0] || goalNow[1] != goalBefore[1], id + ": the goal was placed again");
                double[] g = xyz(env, "goal"), b = xyz(env, "push_box"), a = xyz(env, "agent");
                assertEquals(goalNow[0], g[0], 1e-12);
                assertEquals(goalNow[1], g[1], 1e-12);
                double e = t.extent() - PushTask.GOAL_KEEPOUT;
                assertTrue(Math.abs(g[0]) <= e && Math.abs(g[1]) <= e, id + ": in the extents");
                assertTrue(Math.hypot(g[0] - a[0], g[1] - a[1]) >= PushTask.AGENT_KEEPOUT + PushTask.GOAL_KEEPOUT, id + ": clear of the agent");
                assertTrue(Math.hypot(g[0] - b[0], g[1] - b[1]) >= t.box().placement().keepout() + PushTask.GOAL_KEEPOUT, id + ": clear of the box");
                // paid once: from the new goal, idle steps earn about nothing (no bonus, no jump)
                for (int s = 0; s < 5; s++) {
                    StepResult idle = env.step(IDLE);
                    assertEquals(0, idle.reward(), 0.01, id + ": after the goal, step " + s);
                    assertArrayEqualsXy(goalNow, env.layoutPosition(t.goal(), 0), id);
                }
            }
        }
    }

    private static void assertArrayEqualsXy(double[] expected, double[] actual, String message) {
        assertEquals(expected[0], actual[0], 0, message);
        assertEquals(expected[1], actual[1], 0, message);
    }

    @Test
    void insideAHazardOfRadiusPointThreeCostsOnePerStep() {
        try (NavigationEnv env = make(POINT1)) {
            env.reset(5);
            PushTask t = task(env);
            arrange(env, -20, -20, -1.2, 1.2);
            env.placeObject(t.hazards(), 0, 0, 0);
            // 0.25 from the centre: inside a Push hazard (radius 0.3; a Goal hazard of 0.2 would not cost)
            env.placeAgent(0.25, 0, 1);
            for (int s = 0; s < 3; s++) assertEquals(1.0, env.step(IDLE).cost(), "inside, step " + s);
            env.placeAgent(0, 0.35, 1);
            for (int s = 0; s < 3; s++) assertEquals(0.0, env.step(IDLE).cost(), "outside, step " + s);
        }
    }

    @Test
    void touchingAPillarCostsInLevelTwoOnly() {
        for (String id : List.of(POINT2, POINT1)) {
            try (NavigationEnv env = make(id)) {
                env.reset(4);
                PushTask t = task(env);
                arrange(env, -20, -20, -1.2, 1.2);
                env.placeObject(t.pillars(), 0, 0, 0);
                // the Point's back against the pillar: centres 0.299 apart (radii 0.2 + 0.1)
                env.placeAgent(0.299, 0, 0);
                int costly = 0;
                for (int s = 0; s < 5; s++) if (env.step(BACK).cost() == 1) costly++;
                double x = env.agent().x();
                assertTrue(x < 0.32, id + ": the pillar stopped the agent at x " + x);
                assertEquals(id.equals(POINT2) ? 5 : 0, costly, id + ": steps costing while touching");
                // away from the pillar: free
                env.placeAgent(0.6, 0, 0);
                assertEquals(0.0, env.step(IDLE).cost(), id);
            }
        }
    }

    @Test
    void layoutsKeepTheKeepoutsAndTheExtents() {
        for (String id : List.of(POINT2, CAR2)) {
            try (NavigationEnv env = make(id)) {
                PushTask t = task(env);
                double extent = t.extent();
                double[] hxy = new double[2 * t.hazards().count()], pxy = new double[2 * t.pillars().count()], g = new double[2], b = new double[2];
                for (long seed = 0; seed < 100; seed++) {
                    env.reset(seed);
                    t.hazards().positions(env.data(), hxy);
                    t.pillars().positions(env.data(), pxy);
                    t.goal().positions(env.data(), g);
                    t.box().positions(env.data(), b);
                    List<double[]> things = new ArrayList<>(); // x, y, keepout
                    things.add(new double[] {env.agent().x(), env.agent().y(), PushTask.AGENT_KEEPOUT});
                    things.add(new double[] {g[0], g[1], PushTask.GOAL_KEEPOUT});
                    for (int i = 0; i < t.hazards().count(); i++) things.add(new double[] {hxy[2 * i], hxy[2 * i + 1], PushTask.HAZARD_KEEPOUT});
                    for (int i = 0; i < t.pillars().count(); i++) things.add(new double[] {pxy[2 * i], pxy[2 * i + 1], PushTask.PILLAR_KEEPOUT});
                    things.add(new double[] {b[0], b[1], id.equals(CAR2) ? PushBox.CAR_KEEPOUT : PushBox.POINT_KEEPOUT});
                    for (int i = 0; i < things.size(); i++) {
                        double[] p = things.get(i);
                        assertTrue(Math.abs(p[0]) <= extent - p[2] + 1e-6 && Math.abs(p[1]) <= extent - p[2] + 1e-6, id + " seed " + seed + " thing " + i);
                        for (int j = 0; j < i; j++) {
                            double[] q = things.get(j);
                            assertTrue(Math.hypot(p[0] - q[0], p[1] - q[1]) >= p[2] + q[2] - 1e-6, id + " seed " + seed + ": things " + j + ", " + i);
                        }
                    }
                    // §6: the keepouts make the first step's cost 0
                    assertEquals(0.0, env.step(IDLE).cost(), id + " seed " + seed);
                }
            }
        }
    }

    @Test
    void episodesTruncateAtAThousandSteps() {
        try (NavigationEnv env = make(POINT2)) {
            env.reset(2);
            arrange(env, 1.5, -1.5, 1.5, 1.5);
            env.placeAgent(0, 0, 0);
            for (int s = 1; s <= 1000; s++) {
                StepResult r = env.step(new float[] {0.02f, 0.3f});
                assertFalse(r.terminated(), "step " + s);
                assertEquals(s == 1000, r.truncated(), "step " + s);
            }
            assertThrows(IllegalStateException.class, () -> env.step(IDLE));
        }
    }

    @Test
    void onlyUpstreamsLevelsAndRobotsAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> new PushTask(3, Robot.POINT));
        assertThrows(IllegalArgumentException.class, () -> new PushTask(-1, Robot.CAR));
        assertThrows(IllegalStateException.class, () -> new PushTask(0, Robot.POINT).pillars());
        Robot other = new Robot("Doggo", "<mujoco>" + Robot.OBJECTS_MARKER + "</mujoco>", List.of(), false, 0);
        assertThrows(IllegalArgumentException.class, () -> new PushTask(1, other));
        assertThrows(IllegalArgumentException.class, () -> new PushBox(0, 0.001, Placement.of(-1, -1, 1, 1, 0.2)));
        assertNotEquals(new PushTask(1, Robot.POINT).extent(), new PushTask(2, Robot.POINT).extent());
    }
}
