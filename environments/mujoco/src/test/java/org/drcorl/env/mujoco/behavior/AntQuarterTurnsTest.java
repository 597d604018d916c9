package org.drcorl.env.mujoco.behavior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.drcorl.env.mujoco.MujocoTaskEnv;
import org.drcorl.env.mujoco.TaskTests;
import org.drcorl.env.mujoco.task.AntCircle;
import org.drcorl.spi.StepResult;
import org.junit.jupiter.api.Test;

/** The quarter turn is a symmetry of the ant: a turned gait walks 90° further round. */
class AntQuarterTurnsTest {

    @Test
    void fourQuarterTurnsAreTheIdentityAndHipsKeepTheirSign() {
        double[] a = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8}, once = new double[8], twice = new double[8], back = new double[8];
        AntQuarterTurns.turn(a, 0, back);
        assertArrayEquals(a, back);
        AntQuarterTurns.turn(a, 1, once);
        // Bullet's motor order: leg 1's hip (index 0) drives leg 2's hip (index 2); leg 1's ankle (1) drives leg 2's
        // ankle (3) with its sign flipped
        assertEquals(a[0], once[2]);
        assertEquals(-a[1], once[3]);
        assertEquals(a[7], once[1]); // leg 4's ankle → leg 1's: both lower the foot with positive angles
        AntQuarterTurns.turn(once, 1, twice);
        double[] direct = new double[8];
        AntQuarterTurns.turn(a, 2, direct);
        assertArrayEquals(twice, direct, 1e-15);
        AntQuarterTurns.turn(direct, 2, back);
        assertArrayEquals(a, back, 1e-15);
    }

    @Test
    void aTurnedGaitWalksAQuarterFurtherRound() {
        TaskTests.assumeMujoco();
        Gait gait = GaitBehaviorPolicies.readGait("bullet_ant_circle.txt");
        double first = 0;
        for (int q = 0; q < 4; q++) {
            double heading = walkingDirection(gait, q);
            if (q == 0) first = heading;
            double turned = Math.toDegrees(Math.atan2(Math.sin(heading - first), Math.cos(heading - first)));
            double expected = q <= 2 ? 90 * q : -90;
            double error = Math.abs(Math.IEEEremainder(turned - expected, 360));
            assertTrue(error < 30, "quarter " + q + " walks " + turned + "° from the unturned gait's direction, expected about " + expected);
        }
    }

    /** The direction (radians, in the starting torso frame) the ant walks in 4 s of the gait turned by q quarters. */
    private static double walkingDirection(Gait gait, int quarters) {
        try (MujocoTaskEnv env = new AntCircle()) {
            float[] o = env.reset(1);
            double yaw = yaw(o), x0 = env.data().qpos(0), y0 = env.data().qpos(1);
            double[] plain = new double[8], turned = new double[8];
            float[] action = new float[8];
            for (int t = 0; t < 40; t++) {
                gait.actionAt(t * 0.1, 0.7, plain);
                AntQuarterTurns.turn(plain, quarters, turned);
                for (int i = 0; i < 8; i++) action[i] = (float) turned[i];
                StepResult r = env.step(action);
                assertTrue(!r.done(), "the ant stays up");
            }
            double dx = env.data().qpos(0) - x0, dy = env.data().qpos(1) - y0;
            assertTrue(Math.hypot(dx, dy) > 0.5, "the ant walks: " + Math.hypot(dx, dy) + " m in 4 s");
            return Math.atan2(dy, dx) - yaw;
        }
    }

    private static double yaw(float[] o) {
        int q = AntCircle.ORIENTATION_INDEX; // PyBullet's order (x, y, z, w)
        double x = o[q], y = o[q + 1], z = o[q + 2], w = o[q + 3];
        return Math.atan2(2 * (w * z + x * y), 1 - 2 * (y * y + z * z));
    }
}
