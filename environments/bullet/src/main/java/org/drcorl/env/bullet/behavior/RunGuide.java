package org.drcorl.env.bullet.behavior;

/**
 * Runs along +x at a target speed while holding a lateral offset {@code lane}: a speed above
 * v_lim or a lane beyond |y| = 2 costs at every step.
 */
record RunGuide(double speed, double lane) implements Guide {
    /** Lateral correction toward the lane (1/s), at most 80% of the speed (a 53° heading). */
    private static final double LANE_GAIN = 1.0;

    @Override
    public double[] targetVelocity(double x, double y) {
        double vy = Math.max(-0.8 * speed, Math.min(0.8 * speed, LANE_GAIN * (lane - y)));
        return new double[] {Math.sqrt(speed * speed - vy * vy), vy};
    }
}
