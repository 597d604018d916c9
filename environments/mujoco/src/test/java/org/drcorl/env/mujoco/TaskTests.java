package org.drcorl.env.mujoco;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.drcorl.env.mujoco.ffm.MujocoLibrary;

/** Shared bits of the task tests. */
public final class TaskTests {
    private TaskTests() {}

    /** Skips the calling test, with the reason, where MuJoCo cannot be used. */
    public static void assumeMujoco() {
        var a = MujocoLibrary.availability();
        assumeTrue(a.available(), "MuJoCo not available: " + a.reason());
    }

    /** Root x velocity measured by the test itself: Δqpos[0] over the env step. */
    public static double measuredVelocityX(MujocoTaskEnv env, double xBefore) {
        return (env.data().qpos(0) - xBefore) / (env.frameSkip() * env.model().timestep());
    }

    /** A uniform random action in [−1, 1]^n. */
    public static float[] randomAction(int n, java.util.SplittableRandom random) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) random.nextDouble(-1, 1);
        return a;
    }

    public static double sumOfSquares(float[] a) {
        double s = 0;
        for (float v : a) s += (double) v * v;
        return s;
    }
}
