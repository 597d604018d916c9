package org.drcorl.env.mujoco.navigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * The Button tasks against upstream's definitions (safety-gymnasium v0.4.0 {@code button_level0.py},
 * {@code button_level1.py}, {@code button_level2.py}, {@code buttons.py}, {@code gremlins.py};
 * NAVIGATION.md §2-§7): sizes and lidar order, the button lidar, a wrong press costs, a goal press pays
 * and draws the next goal button with the buttons' lidar blank and wrong presses free for the 10-step
 * rest (the timer table of §7), the gremlins circle and cost on contact.
 */
class ButtonTaskTest {
    private static final String POINT1 = "OfflinePointButton1Gymnasium-v0", POINT2 = "OfflinePointButton2Gymnasium-v0";
    private static final float[] IDLE = {0, 0};
    /** The Point thrusting gently backward: keeps it pressed against a button behind it (an idle one bounces off). */
    private static final float[] PUSH = {-0.05f, 0};
    private static final double BIN = 2 * Math.PI / 16;
    /** Point: buttons block at 12-27, goal 28-43, hazards 44-59, gremlins 60-75. */
    private static final int BUTTONS_AT = 12, GOAL_AT = 28, HAZARDS_AT = 44, GREMLINS_AT = 60;
    /** The four buttons at the corners of a 2 m square, out of each other's way. */
    private static final double[][] CORNERS = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};

    @BeforeEach
    void needsMujoco() {
        TaskTests.assumeMujoco();
    }

    private static NavigationEnv make(String id) {
        return (NavigationEnv) MujocoTaskCatalog.find(id).orElseThrow().factory().get();
    }

    private static ButtonTask task(NavigationEnv env) {
        return (ButtonTask) env.task();
    }

    /** Hazards and gremlins far away, the buttons at {@link #CORNERS}, button {@code goal} the goal. */
    private static void arrange(NavigationEnv env, int goal) {
        ButtonTask t = task(env);
        for (int i = 0; i < t.hazards().count(); i++) env.placeObject(t.hazards(), i, 20 + i, 20);
        for (int i = 0; i < t.gremlins().count(); i++) env.placeObject(t.gremlins(), i, -20 - 2 * i, 20);
        for (int i = 0; i < 4; i++) env.placeObject(t.buttons(), i, CORNERS[i][0], CORNERS[i][1]);
        t.setGoalButton(goal, env.data(), env.relayout());
    }

    /**
     * The Point touching button {@code b} from the square's centre side with its back (its arrow box points away):
     * centres 0.199 apart (radii 0.1 + 0.1), barely overlapping so that the contact does not fling it off.
     */
    private static float[] touch(NavigationEnv env, int b) {
        double[] c = CORNERS[b];
        double d = Math.hypot(c[0], c[1]), gap = 0.199;
        return env.placeAgent(c[0] - gap * c[0] / d, c[1] - gap * c[1] / d, Math.atan2(c[1], c[0]) + Math.PI);
    }

    @Test
    void specsAreDsrlsAndObservationsHaveUpstreamsSizes() {
        for (var e : List.of(List.of(POINT1, 76, 4, 4), List.of(POINT2, 76, 8, 6), List.of("OfflineCarButton1Gymnasium-v0", 88, 4, 4),
                List.of("OfflineCarButton2Gymnasium-v0", 88, 8, 6))) {
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
                assertEquals(4, task(env).buttons().count(), id);
                assertEquals((Integer) e.get(2), task(env).hazards().count(), id);
                assertEquals((Integer) e.get(3), task(env).gremlins().count(), id);
                // §6: the goal marker stands on the goal button; the buttons are visible from the first step
                double[] b = new double[8], g = new double[2];
                task(env).buttons().positions(env.data(), b);
                task(env).goal().positions(env.data(), g);
                int goal = task(env).buttons().goalButton();
                assertEquals(b[2 * goal], g[0], 1e-12, id);
                assertEquals(b[2 * goal + 1], g[1], 1e-12, id);
            }
        }
    }

    @Test
    void lidarBlocksAreButtonsGoalHazardsGremlins() {
        try (NavigationEnv env = make(POINT1)) {
            env.reset(3);
            ButtonTask t = task(env);
            arrange(env, 2);
            // the agent at (-0.2, 0.1) facing +x: every button is out of range (≥ 3 m) but (−1, −1) and (−1, 1)...
            // so put the buttons where the bins are known instead: b0 1.5 m away mid bin 2, b1 0.6 m away mid bin 10
            env.placeAgent(-0.2, 0.1, 0);
            env.placeObject(t.buttons(), 0, -0.2 + 1.5 * Math.cos(2.5 * BIN), 0.1 + 1.5 * Math.sin(2.5 * BIN));
            env.placeObject(t.buttons(), 1, -0.2 + 0.6 * Math.cos(10.5 * BIN), 0.1 + 0.6 * Math.sin(10.5 * BIN));
            env.placeObject(t.buttons(), 2, 5, 5);
            env.placeObject(t.buttons(), 3, -5, 5);
            // goal button 1: the marker moves onto it, the goal block reads it like the buttons block does
            t.setGoalButton(1, env.data(), env.relayout());
            env.placeObject(t.hazards(), 0, -0.2 - 1.2, 0.1); // straight behind: bins 7 and 8 read 0.6
            float[] o = env.placeObject(t.gremlins(), 0, -0.2 + 2.4 * Math.cos(4.5 * BIN), 0.1 + 2.4 * Math.sin(4.5 * BIN));
            for (int b = 0; b < 16; b++) {
                double buttons = b == 2 ? 0.5 : b == 1 || b == 3 ? 0.25 : b == 10 ? 0.8 : b == 9 || b == 11 ? 0.4 : 0;
                assertEquals(buttons, o[BUTTONS_AT + b], 1e-6, "buttons bin " + b);
                assertEquals(b == 10 ? 0.8 : b == 9 || b == 11 ? 0.4 : 0, o[GOAL_AT + b], 1e-6, "goal bin " + b);
                assertEquals(b == 7 || b == 8 ? 0.6 : 0, o[HAZARDS_AT + b], 1e-6, "hazards bin " + b);
                assertEquals(b == 4 ? 0.2 : b == 3 || b == 5 ? 0.1 : 0, o[GREMLINS_AT + b], 1e-6, "gremlins bin " + b);
            }
        }
    }

    @Test
    void pressingAWrongButtonCostsAndTheGoalButtonPays() {
        try (NavigationEnv env = make(POINT1)) {
            env.reset(5);
            arrange(env, 0);
            touch(env, 2);
            for (int s = 0; s < 3; s++) {
                StepResult r = env.step(PUSH);
                assertEquals(1.0, r.cost(), "touching wrong button 2, step " + s);
                assertTrue(r.reward() < 0.5, "no bonus for a wrong button");
            }
            touch(env, 1);
            assertEquals(1.0, env.step(PUSH).cost(), "wrong button 1");
            // apart from every button: free
            env.placeAgent(0, 0, 0);
            assertEquals(0.0, env.step(IDLE).cost());
            // the goal button: +1 and no cost
            touch(env, 0);
            StepResult r = env.step(PUSH);
            assertEquals(0.0, r.cost(), "the goal button is no wrong button");
            assertEquals(1.0, r.reward(), 0.05, "the press bonus");
        }
    }

    @Test
    void aPressDrawsTheNextGoalButtonAndRestsTheButtonsForTenSteps() {
        try (NavigationEnv env = make(POINT1)) {
            env.reset(9);
            ButtonTask t = task(env);
            arrange(env, 3);
            float[] o = touch(env, 3);
            assertTrue(o[BUTTONS_AT + 8] > 0 || o[BUTTONS_AT + 7] > 0, "buttons visible before the press");
            StepResult press = env.step(PUSH); // step k
            assertEquals(Buttons.RESAMPLING_DELAY, t.buttons().timer());
            int goal = t.buttons().goalButton();
            double[] g = new double[2];
            t.goal().positions(env.data(), g);
            assertEquals(CORNERS[goal][0], g[0], 1e-9, "the marker moved onto the new goal button " + goal);
            assertEquals(CORNERS[goal][1], g[1], 1e-9);
            for (int b = 0; b < 16; b++) assertEquals(0, press.observation()[BUTTONS_AT + b], "buttons lidar blank after the press, bin " + b);
            assertTrue(max(press.observation(), GOAL_AT) > 0, "the goal lidar shows the new goal at once");
            // rest touching a wrong button: §7's table, steps k+1 … k+11
            int wrong = (goal + 1) % 4;
            touch(env, wrong);
            for (int k = 1; k <= 11; k++) {
                StepResult r = env.step(PUSH);
                assertEquals(k == 11 ? 1.0 : 0.0, r.cost(), "step k+" + k + ": wrong presses cost only once the timer was 0 at the cost");
                assertEquals(k >= 10, max(r.observation(), BUTTONS_AT) > 0, "step k+" + k + ": buttons lidar visible from k+10");
                assertEquals(goal, t.buttons().goalButton(), "no press of the goal, no new goal");
            }
        }
    }

    @Test
    void theGoalButtonIsDrawnAtRandomAmongAllFour() {
        try (NavigationEnv env = make(POINT1)) {
            boolean[] seen = new boolean[4];
            for (long seed = 0; seed < 40; seed++) {
                env.reset(seed);
                seen[task(env).buttons().goalButton()] = true;
                assertEquals(0, task(env).buttons().timer(), "timer 0 at reset");
            }
            for (int b = 0; b < 4; b++) assertTrue(seen[b], "button " + b + " was the goal in some episode");
        }
    }

    @Test
    void gremlinsCircleTheirLayoutPointsAndTouchingOneCosts() {
        try (NavigationEnv env = make(POINT2)) {
            env.reset(2);
            ButtonTask t = task(env);
            arrange(env, 0);
            env.placeAgent(0, 0, 0);
            env.placeObject(t.gremlins(), 0, 0.9, -0.2);
            double[] xy = new double[2 * t.gremlins().count()];
            double dt = 0.02; // Point: 10 substeps of 0.002 s
            for (int s = 1; s <= 300; s++) {
                assertEquals(0.0, env.step(IDLE).cost(), "a gremlin circling 0.9 m away never touches the agent, step " + s);
                if (s >= 50) {
                    // the box lags its mocap a little; it circles (0.9, -0.2) at radius 0.35, phase t
                    t.gremlins().positions(env.data(), xy);
                    double time = s * dt;
                    assertEquals(0.9 + 0.35 * Math.sin(time), xy[0], 0.05, "x at step " + s);
                    assertEquals(-0.2 + 0.35 * Math.cos(time), xy[1], 0.05, "y at step " + s);
                    assertEquals(0.2, env.data().xpos(env.model().bodyId("gremlin0obj"), 2), 0.02, "floating at about 0.2");
                }
            }
            // a gremlin whose circle runs through the agent: it is there at t = 0 (phase (sin 0, cos 0) = (0, 1))
            env.placeAgent(0, 0, 0);
            env.placeObject(t.gremlins(), 0, 0, -0.35);
            int costly = 0;
            for (int s = 0; s < 20; s++) if (env.step(IDLE).cost() == 1) costly++;
            assertTrue(costly > 0, "the gremlin ran into the agent");
        }
    }

    @Test
    void onlyUpstreamsLevelsAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> new ButtonTask(3));
        assertThrows(IllegalStateException.class, () -> new ButtonTask(0).gremlins());
        assertFalse(new ButtonTask(0).objects().stream().anyMatch(o -> o.name().equals("hazards")));
        assertNotEquals(new ButtonTask(1).extent(), new ButtonTask(2).extent());
    }

    private static float max(float[] o, int at) {
        float m = 0;
        for (int b = 0; b < 16; b++) m = Math.max(m, o[at + b]);
        return m;
    }
}
