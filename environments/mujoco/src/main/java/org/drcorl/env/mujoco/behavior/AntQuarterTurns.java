package org.drcorl.env.mujoco.behavior;

/**
 * The ant's symmetry under a quarter turn about z: turning the ant by +90° puts each leg where
 * the next one was (legs 1 → 2 → 3 → 4 → 1 at the diagonals (+,+), (−,+), (−,−), (+,−)), so an
 * action pattern passed on to the next leg walks 90° further round in the torso's frame. Hips
 * turn about z on every leg and keep their sign; the ankles' axes alternate (legs 1 and 4 lower
 * the foot with positive angles, legs 2 and 3 with negative), so an ankle command changes sign
 * from leg 1 to 2 and from leg 3 to 4. Actuators in Bullet-Safety-Gym's motor order (AntCircle's
 * actions): hip_1, ankle_1, hip_2, ankle_2, hip_3, ankle_3, hip_4, ankle_4.
 */
final class AntQuarterTurns {
    static final int ACTUATORS = 8;
    /** Actuator index of leg k's hip and ankle (k = 0..3 for legs 1..4). */
    private static final int[] HIP = {0, 2, 4, 6};
    private static final int[] ANKLE = {1, 3, 5, 7};
    /** Sign an ankle command takes when it passes from leg k to leg k + 1. */
    private static final double[] ANKLE_SIGN = {-1, 1, -1, 1};

    private AntQuarterTurns() {
    }

    /** Writes {@code action} turned by {@code quarters} × 90° (0..3) into {@code out}. */
    static void turn(double[] action, int quarters, double[] out) {
        for (int k = 0; k < 4; k++) {
            int to = (k + quarters) % 4;
            double sign = 1;
            for (int j = k; j < k + quarters; j++) sign *= ANKLE_SIGN[j % 4];
            out[HIP[to]] = action[HIP[k]];
            out[ANKLE[to]] = sign * action[ANKLE[k]];
        }
    }
}
