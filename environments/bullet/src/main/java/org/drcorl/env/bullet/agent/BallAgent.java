package org.drcorl.env.bullet.agent;

/**
 * Bullet-Safety-Gym's ball: a solid sphere (radius 0.5 m, mass 0.3 kg) pushed by a
 * world-frame force 3.5·(a0, a1) N, rolling without slipping on the floor.
 *
 * <p>Modelled as a rolling point mass: a force on a rolling solid sphere accelerates it as a
 * mass of m(1 + 2/5) would (the rotational inertia 2/5·m·r² moves with it). Rolling
 * resistance and a linear velocity damping stand in for PyBullet's rolling friction and
 * default damping; together they give a top speed of about 7 m/s, which is what DSRL's
 * BallCircle and BallRun reward maxima imply (≈ 6–7 m/s).
 */
public final class BallAgent implements Agent {
    /** Sphere radius (m), from the original URDF. */
    static final double RADIUS = 0.5;
    /** Mass (kg), from the original URDF. */
    static final double MASS = 0.3;
    /** Force per action unit (N), from Bullet-Safety-Gym's ball agent. */
    public static final double FORCE_PER_ACTION = 3.5;
    /** Effective translational mass of a rolling solid sphere: m + I/r² = 1.4 m. */
    private static final double ROLLING_MASS = 1.4 * MASS;
    /** Rolling resistance deceleration (m/s²): coefficient 0.02 times g. */
    private static final double ROLLING_RESISTANCE = 0.02 * 9.81;
    /** Linear velocity damping (1/s); sets the top speed ≈ (3.5/0.42 − 0.2)/1.15 ≈ 7 m/s. */
    private static final double DAMPING = 1.15;
    private double x, y, vx, vy;

    @Override
    public int actionDim() {
        return 2;
    }

    @Override
    public int observationDim() {
        return 7;
    }

    @Override
    public double speedLimit() {
        return 2.5;
    }

    @Override
    public double maxSubstep() {
        return 1.0 / 60.0;
    }

    @Override
    public void reset(double x, double y, double heading) {
        this.x = x;
        this.y = y;
        vx = vy = 0;
    }

    @Override
    public void integrate(float[] action, double dt) {
        double ax = FORCE_PER_ACTION * action[0] / ROLLING_MASS - DAMPING * vx;
        double ay = FORCE_PER_ACTION * action[1] / ROLLING_MASS - DAMPING * vy;
        // Semi-implicit Euler; rolling resistance opposes motion but never reverses it.
        double nvx = vx + ax * dt;
        double nvy = vy + ay * dt;
        double speed = Math.sqrt(nvx * nvx + nvy * nvy);
        double drop = ROLLING_RESISTANCE * dt;
        double scale = speed > drop ? (speed - drop) / speed : 0.0;
        vx = nvx * scale;
        vy = nvy * scale;
        x += vx * dt;
        y += vy * dt;
    }

    @Override
    public double x() {
        return x;
    }

    @Override
    public double y() {
        return y;
    }

    @Override
    public double vx() {
        return vx;
    }

    @Override
    public double vy() {
        return vy;
    }

    @Override
    public void stopAtWall(double nx, double ny, double limit) {
        double reach = limit - RADIUS;
        double depth = x * nx + y * ny - reach;
        if (depth <= 0) return;
        x -= depth * nx;
        y -= depth * ny;
        double into = vx * nx + vy * ny;
        if (into > 0) {
            vx -= into * nx;
            vy -= into * ny;
        }
    }

    /**
     * 0.1x, 0.1y, 0.2v_x, 0.2v_y, 0.1ω. Rolling without slip makes ω = (−v_y, v_x, 0)/r: a
     * force through the centre never spins the ball about the vertical axis.
     */
    @Override
    public void writeObservation(float[] out, int offset) {
        out[offset] = (float) (0.1 * x);
        out[offset + 1] = (float) (0.1 * y);
        out[offset + 2] = (float) (0.2 * vx);
        out[offset + 3] = (float) (0.2 * vy);
        out[offset + 4] = (float) (0.1 * -vy / RADIUS);
        out[offset + 5] = (float) (0.1 * vx / RADIUS);
        out[offset + 6] = 0f;
    }

    /** −0.5‖a‖: Bullet-Safety-Gym's action penalty of the ball. */
    @Override
    public double specificReward(float[] action) {
        return -0.5 * Math.sqrt((double) action[0] * action[0] + (double) action[1] * action[1]);
    }
}
