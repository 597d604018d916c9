package org.drcorl.env.bullet.behavior;

import org.drcorl.env.bullet.task.CircleTask;

/**
 * Follows the radius-7 circle clockwise at a target speed, but only as far out in x as
 * {@code band}: where the circle leaves the band the guide runs along the band's edge
 * instead. A band below 6 m keeps the agent safe (a stadium inside the strip); a band of
 * 7 m or more follows the full circle, through the costly regions, for more reward.
 */
record CircleGuide(double speed, double band) implements Guide {
    /** Radial correction toward the circle (1/s). */
    private static final double RADIAL_GAIN = 1.0;
    /** Correction back inside the band (1/s). */
    private static final double BAND_GAIN = 2.0;

    @Override
    public double[] targetVelocity(double x, double y) {
        double r = Math.max(1e-6, Math.sqrt(x * x + y * y));
        double radial = Math.max(-speed, Math.min(speed, RADIAL_GAIN * (CircleTask.RADIUS - r)));
        double vx = speed * y / r + radial * x / r;
        double vy = -speed * x / r + radial * y / r;
        if (x > band - 0.5) vx = Math.min(vx, BAND_GAIN * (band - 0.5 - x));
        if (x < -band + 0.5) vx = Math.max(vx, BAND_GAIN * (-band + 0.5 - x));
        // Keep the speed when the band bends the path: what x lost, y gets.
        double rest = speed * speed - vx * vx;
        if (rest > 0) vy = Math.copySign(Math.sqrt(rest), vy == 0 ? -x : vy);
        return new double[] {vx, vy};
    }
}
