package org.drcorl.env.mujoco.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drcorl.env.mujoco.navigation.PseudoLidar;
import org.drcorl.env.mujoco.navigation.Robot;
import org.junit.jupiter.api.Test;

/** The goal seekers' course from lidar blocks written by the lidar itself (no MuJoCo needed). */
class GoalSeekBehaviorPoliciesTest {
    private static final PseudoLidar LIDAR = PseudoLidar.STANDARD;

    /** A hazard block with hazards at (distance, bearing) pairs in the agent's frame. */
    private static float[] hazards(double... polar) {
        float[] obs = new float[16];
        double[] xy = new double[polar.length];
        for (int i = 0; i < polar.length; i += 2) {
            xy[i] = polar[i] * Math.cos(polar[i + 1]);
            xy[i + 1] = polar[i] * Math.sin(polar[i + 1]);
        }
        LIDAR.observe(new double[] {0, 0, 0}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, xy, polar.length / 2, obs, 0);
        return obs;
    }

    @Test
    void withoutNearHazardsOrStrengthTheCourseIsTheGoal() {
        double goal = 0.7;
        // a hazard 1 m ahead is beyond the 0.6 m range; a near one is ignored at strength 0
        assertEquals(goal, GoalSeekBehaviorPolicies.course(hazards(1.0, 0.0), 0, LIDAR, Math.cos(goal), Math.sin(goal), 3, 0.6), 1e-12);
        assertEquals(goal, GoalSeekBehaviorPolicies.course(hazards(0.3, 0.7), 0, LIDAR, Math.cos(goal), Math.sin(goal), 0, 0.6), 1e-12);
    }

    @Test
    void aHazardOnTheWayTurnsTheCourseAsideToTheGoalsSide() {
        // goal straight ahead a little to the left, a hazard 0.3 m ahead: the course swings left, well off the hazard
        double goal = 0.1;
        double course = GoalSeekBehaviorPolicies.course(hazards(0.3, 0.0), 0, LIDAR, Math.cos(goal), Math.sin(goal), 3, 0.6);
        assertTrue(course > Math.PI / 4, "course " + course);
        // the mirror image swings right
        double mirrored = GoalSeekBehaviorPolicies.course(hazards(0.3, 0.0), 0, LIDAR, Math.cos(-goal), Math.sin(-goal), 3, 0.6);
        assertTrue(mirrored < -Math.PI / 4, "course " + mirrored);
        // a hazard behind (away from the goal) only pushes: the course stays near the goal's bearing
        double behind = GoalSeekBehaviorPolicies.course(hazards(0.3, Math.PI), 0, LIDAR, 1, 0, 3, 0.6);
        assertEquals(0, behind, 0.2);
        // a negative strength (the reckless end) draws the course toward a hazard to the left of the goal
        double drawn = GoalSeekBehaviorPolicies.course(hazards(0.3, 1.0), 0, LIDAR, 1, 0, -1, 0.6);
        assertTrue(drawn > 0.2, "course " + drawn);
    }

    @Test
    void theGoalButtonIsNotAvoidedButAWrongButtonOnTheWayIs() {
        // Button: the goal marker stands on the goal button, 1.5 m ahead; the buttons block sees it and a wrong
        // button 0.3 m ahead a little to the right
        float[] goal = hazards(1.5, 0.0), buttons = hazards(1.5, 0.0, 0.3, -0.1), obs = new float[32], wrong = new float[16];
        System.arraycopy(buttons, 0, obs, 0, 16);
        System.arraycopy(goal, 0, obs, 16, 16);
        GoalSeekBehaviorPolicies.wrongButtons(obs, 0, 16, 16, wrong);
        float[] wrongAlone = hazards(0.3, -0.1);
        for (int b = 0; b < 16; b++) assertEquals(wrongAlone[b], wrong[b], 1e-6, "bin " + b + ": only the wrong button is left");
        assertTrue(GoalSeekBehaviorPolicies.course(wrong, 0, LIDAR, 1, 0, 3, 0.6) > 0.5, "the course swings left of the wrong button");
        // the goal button alone leaves nothing to avoid
        System.arraycopy(goal, 0, obs, 0, 16);
        GoalSeekBehaviorPolicies.wrongButtons(obs, 0, 16, 16, wrong);
        for (int b = 0; b < 16; b++) assertEquals(0, wrong[b], "bin " + b);
    }

    @Test
    void aCourseBehindIsDrivenInReverseByTheCarOnTheButtonTasks() {
        var car = NavigationDrive.CAR;
        // within 90° the same as steer; beyond, both wheels backward on average, turning the back toward the course
        assertEquals(java.util.Arrays.toString(car.steer(0.4, 1)), java.util.Arrays.toString(car.steerEitherWay(0.4, 1)));
        double[] back = car.steerEitherWay(Math.PI - 0.3, 1);
        assertTrue(back[0] + back[1] < 0, "reversing: " + java.util.Arrays.toString(back));
        // the back (heading error π − 0.3) turns by −0.3 toward the course: the same turn as steering −0.3 forward
        double[] forward = car.steer(-0.3, 1);
        assertEquals(forward[0] - forward[1], back[0] - back[1], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new GoalSeekBehaviorPolicies(Robot.CAR, car, GoalSeekBehaviorPolicies.Blocks.BUTTON,
                3, -1, 0.6, 0.5, 1, 0, 0.01));
    }

    @Test
    void shippedFamiliesReadTheirTasksBlocks() {
        assertEquals(1, GoalSeekBehaviorPolicies.Blocks.BUTTON.goal());
        assertEquals(0, GoalSeekBehaviorPolicies.Blocks.BUTTON.buttons());
        assertEquals(2, GoalSeekBehaviorPolicies.Blocks.GOAL2.avoid().length);
        assertThrows(IllegalArgumentException.class, () -> GoalSeekBehaviorPolicies.goal(Robot.POINT, 3));
        assertThrows(IllegalArgumentException.class, () -> new GoalSeekBehaviorPolicies.Blocks(0, new int[] {0}, new int[0], -1));
    }

    @Test
    void theFamilySpansCarefulToRecklessAndRefusesBadSettings() {
        var family = GoalSeekBehaviorPolicies.of(Robot.POINT);
        var random = new java.util.SplittableRandom(1);
        assertTrue(family.policyFor(0, 10, random).label().startsWith("careful"));
        assertTrue(family.policyFor(9, 10, random).label().startsWith("reckless"));
        assertThrows(IllegalArgumentException.class, () -> new GoalSeekBehaviorPolicies(Robot.POINT, NavigationDrive.POINT, 3, -1, 3.5, 0.4, 0, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new GoalSeekBehaviorPolicies(Robot.POINT, NavigationDrive.POINT, 3, -1, 0.6, 0, 0, 0.01));
        assertThrows(IllegalArgumentException.class, () -> new GoalSeekBehaviorPolicies(Robot.POINT, NavigationDrive.POINT, 1, 2, 0.6, 0.4, 0, 0.01));
    }
}
