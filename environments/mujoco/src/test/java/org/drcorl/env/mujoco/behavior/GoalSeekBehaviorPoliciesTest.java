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
