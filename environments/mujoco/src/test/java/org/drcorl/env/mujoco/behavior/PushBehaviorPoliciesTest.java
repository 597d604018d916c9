package org.drcorl.env.mujoco.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.drcorl.env.mujoco.navigation.Robot;
import org.junit.jupiter.api.Test;

/** The box pushers' targets in the agent's frame, the Point's front-first steering and the family's settings (no MuJoCo needed). */
class PushBehaviorPoliciesTest {
    private static final double STANDOFF = 0.5;

    @Test
    void behindTheBoxOnTheGoalsLineItPushesThroughTheBox() {
        // box 0.4 m ahead (+x), goal beyond it along +x: aim standoff past the box
        double[] t = PushBehaviorPolicies.target(0.4, 0, 1, 0, STANDOFF, false);
        assertEquals(0.9, t[0], 1e-12);
        assertEquals(0, t[1], 1e-12);
        // slightly off the line (within 25°) it still pushes
        t = PushBehaviorPolicies.target(0.4, 0.1, 1, 0, STANDOFF, false);
        assertEquals(0.9, t[0], 1e-12);
    }

    @Test
    void offTheLineItLinesUpBehindTheBoxFirst() {
        // box 1 m ahead, to be pushed along +y: line up standoff behind it, at (1, −0.5)
        double[] t = PushBehaviorPolicies.target(1, 0, 0, 1, STANDOFF, false);
        assertEquals(1, t[0], 1e-12);
        assertEquals(-0.5, t[1], 1e-12);
    }

    @Test
    void onTheGoalsSideItGoesRoundTheBoxOnItsOwnSideOrTheOther() {
        // box 0.3 m ahead, to be pushed toward the agent (−x): the agent stands on the goal side, a little left (+y)
        double[] t = PushBehaviorPolicies.target(0.3, -0.1, -1, 0, STANDOFF, false);
        assertTrue(t[1] > 0.2, "round the box on the agent's (left) side: " + t[1]);
        assertTrue(t[0] > 0.3, "and past it: " + t[0]);
        double[] other = PushBehaviorPolicies.target(0.3, -0.1, -1, 0, STANDOFF, true);
        assertTrue(other[1] < -0.2, "the other way round: " + other[1]);
    }

    @Test
    void thePointsFrontFirstSteeringTurnsOneWayWhenTheWantedVelocityIsBehind() {
        NavigationDrive d = NavigationDrive.POINT;
        // at rest, wanted velocity straight behind (a hair either side): the turn is left both times, the thrust brakes or nothing
        double[] a = d.steerVelocity(Math.PI - 0.01, 0.5, 5, 0, 0, false), b = d.steerVelocity(-Math.PI + 0.01, 0.5, 5, 0, 0, false);
        assertTrue(a[1] > 0 && b[1] > 0, "left turns: " + a[1] + ", " + b[1]);
        assertTrue(a[0] <= 0 && b[0] <= 0);
        // reversing allowed (the goal seekers): it backs up instead, no turn
        double[] r = d.steerVelocity(Math.PI, 0.5, 5, 0, 0, true);
        assertTrue(r[0] < 0);
        assertEquals(0, r[1], 1e-9);
    }

    @Test
    void theFamilySpansCarefulToRecklessAndRefusesBadSettings() {
        var family = PushBehaviorPolicies.of(Robot.CAR);
        var random = new SplittableRandom(1);
        assertTrue(family.policyFor(0, 10, random).label().startsWith("careful"));
        assertTrue(family.policyFor(9, 10, random).label().startsWith("reckless"));
        assertEquals(2, family.policyFor(4, 10, random).act(new float[88]).length);
        assertThrows(IllegalArgumentException.class, () -> new PushBehaviorPolicies(Robot.POINT, NavigationDrive.POINT, 0, 3, -2, 0.6, 0.6, 0, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new PushBehaviorPolicies(Robot.POINT, NavigationDrive.POINT, 0.5, 3, -2, 3.5, 0.6, 0, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new PushBehaviorPolicies(Robot.POINT, NavigationDrive.POINT, 0.5, 1, 2, 0.6, 0.6, 0, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new PushBehaviorPolicies(Robot.POINT, NavigationDrive.POINT, 0.5, 3, -2, 0.6, 0, 0, 0.01));
    }
}
