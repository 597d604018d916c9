package org.drcorl.env.mujoco.navigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The layout sampler against {@code random_generator.py}'s rules (no MuJoCo needed). */
class LayoutTest {
    private static Placement square(double half, double keepout) {
        return Placement.of(-half, -half, half, half, keepout);
    }

    @Test
    void entriesAreTheAgentThenEveryInstanceInRegistrationOrder() {
        var goal = new Goal(0.3, square(1.5, 0.305));
        var hazards = new Hazards(3, 0.2, square(1.5, 0.18), true);
        var layout = new Layout(square(1.5, 0.4), List.of(goal, Circle.DEFAULT, hazards));
        assertEquals(1 + 1 + 3, layout.entries(), "the circle stands at a fixed place and takes no entry");
        assertEquals(1, layout.entry(goal, 0));
        assertEquals(4, layout.entry(hazards, 2));
        assertEquals(0.4, layout.keepout(0));
        assertEquals(0.18, layout.keepout(3));
        assertThrows(IllegalArgumentException.class, () -> layout.entry(hazards, 3));
    }

    @Test
    void sampledLayoutsKeepEveryPairsKeepoutsAndEachShrunkExtent() {
        var hazards = new Hazards(8, 0.2, square(1.5, 0.18), true);
        var layout = new Layout(square(1.5, 0.4), List.of(new Goal(0.3, square(1.5, 0.305)), hazards, new Vases(1, square(1.5, 0.15), false)));
        var random = new SplittableRandom(3);
        for (int t = 0; t < 300; t++) {
            layout.sample(random);
            for (int a = 0; a < layout.entries(); a++) {
                double k = layout.keepout(a);
                assertTrue(Math.abs(layout.x(a)) <= 1.5 - k && Math.abs(layout.y(a)) <= 1.5 - k, "entry " + a);
                assertTrue(layout.yaw(a) >= 0 && layout.yaw(a) < 2 * Math.PI);
                for (int b = 0; b < a; b++) {
                    double d = Math.hypot(layout.x(a) - layout.x(b), layout.y(a) - layout.y(b));
                    assertTrue(d >= k + layout.keepout(b), "entries " + b + " and " + a + " " + d + " apart");
                }
            }
        }
    }

    @Test
    void aRedrawKeepsClearOfEveryOtherEntryOrFailsAndLeavesTheEntry() {
        var goal = new Goal(0.3, square(1.0, 0.305));
        var layout = new Layout(square(1.0, 0.4), List.of(goal));
        var random = new SplittableRandom(8);
        layout.sample(random);
        int g = layout.entry(goal, 0);
        for (int t = 0; t < 200; t++) {
            // the agent anywhere (it moves during the episode), then the goal drawn again
            layout.set(0, random.nextDouble(-1, 1), random.nextDouble(-1, 1));
            assertTrue(layout.redraw(g, random));
            assertTrue(Math.hypot(layout.x(g) - layout.x(0), layout.y(g) - layout.y(0)) >= 0.705);
        }
        // an agent at the centre of a square of half side 0.4 leaves the goal no room: the draw fails, the goal stays
        var cramped = new Layout(square(0.4, 0.4), List.of(new Goal(0.3, square(0.4, 0.1))));
        cramped.set(0, 0, 0);
        cramped.set(1, 0.25, 0.25);
        assertFalse(cramped.redraw(1, random));
        assertEquals(0.25, cramped.x(1));
        // and a layout that can never be drawn is refused, as upstream's build_layout raises
        var impossible = new Layout(square(0.5, 0.4), List.of(new Goal(0.3, square(0.5, 0.4))));
        assertThrows(IllegalStateException.class, () -> impossible.sample(new SplittableRandom(1)));
    }
}
