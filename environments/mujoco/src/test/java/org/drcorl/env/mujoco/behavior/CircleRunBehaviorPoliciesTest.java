package org.drcorl.env.mujoco.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.drcorl.env.mujoco.navigation.PseudoLidar;
import org.drcorl.env.mujoco.navigation.Robot;
import org.junit.jupiter.api.Test;

/** The circle followers find the centre from the lidar exactly as the lidar placed it (no MuJoCo needed). */
class CircleRunBehaviorPoliciesTest {

    @Test
    void theCentreIsDecodedFromTheLidarItWasEncodedWith() {
        var random = new SplittableRandom(5);
        float[] obs = new float[16];
        for (int i = 0; i < 200; i++) {
            double distance = random.nextDouble(0.05, 5.5), bearing = random.nextDouble(0, 2 * Math.PI), yaw = random.nextDouble(-3, 3);
            // an agent at the origin turned by yaw, the centre at (distance, bearing) in its frame
            double c = Math.cos(yaw), s = Math.sin(yaw);
            double[] rotation = {c, -s, 0, s, c, 0, 0, 0, 1};
            double wx = distance * Math.cos(bearing + yaw), wy = distance * Math.sin(bearing + yaw);
            PseudoLidar.CIRCLE.observe(new double[] {0, 0, 0}, rotation, new double[] {wx, wy}, 1, obs, 0);
            var fix = LidarFix.decode(obs, 0, PseudoLidar.CIRCLE);
            assertEquals(distance, fix.distance(), 1e-5, "distance");
            double error = Math.atan2(Math.sin(fix.bearing() - bearing), Math.cos(fix.bearing() - bearing));
            assertEquals(0, error, 1e-4, "bearing " + bearing + " decoded as " + fix.bearing());
        }
        assertTrue(Double.isNaN(LidarFix.decode(new float[16], 0, PseudoLidar.CIRCLE).distance()),
                "nothing in range: no fix");
    }

    @Test
    void radiiMustGrowFromCarefulToReckless() {
        assertThrows(IllegalArgumentException.class,
                () -> new CircleRunBehaviorPolicies(Robot.POINT, NavigationDrive.POINT, 1.0, 0.9, 1.7, 0.5, 0, 0.01));
        assertThrows(IllegalArgumentException.class,
                () -> new CircleRunBehaviorPolicies(Robot.POINT, NavigationDrive.POINT, 0.5, 0.9, 1.7, 0, 0, 0.01));
    }
}
