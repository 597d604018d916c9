package org.drcorl.env.bullet.behavior;

/** Pushes the ball with a force proportional to the velocity error plus a feed-forward against damping. */
final class BallVelocityController implements VelocityController {
    /** Action per m/s of target speed that balances the rolling damping (tuned in simulation). */
    private static final double FEED_FORWARD = 0.14;
    /** Action per m/s of velocity error. */
    private static final double GAIN = 0.6;

    @Override
    public float[] act(float[] o, double targetVx, double targetVy) {
        double vx = 5.0 * o[2], vy = 5.0 * o[3];
        return new float[] {
            VelocityController.clip(FEED_FORWARD * targetVx + GAIN * (targetVx - vx)),
            VelocityController.clip(FEED_FORWARD * targetVy + GAIN * (targetVy - vy))
        };
    }

    @Override
    public double overshoot() {
        return 0.0; // the ball brakes hard (8 m/s²)
    }

    @Override
    public double cruiseSpeed() {
        // The force budget 3.5 N also has to bend the path on a 7 m circle: ≈ 5.5 m/s there.
        return 5.5;
    }
}
