package org.drcorl.env.bullet.behavior;

import org.drcorl.env.bullet.agent.CarAgent;

/**
 * Steers the car toward the target direction and sets the wheel speed for the target speed,
 * driving as DSRL's Car data do: toward the base's −x (the way the car is placed at a reset,
 * see {@link CarAgent}), so "go" is a0 &lt; 0 and the trailing steering turns the travel
 * direction clockwise for a1 &gt; 0.
 */
final class CarVelocityController implements VelocityController {
    /** Steering action per radian of heading error (saturates beyond 0.5 rad). */
    private static final double STEERING_GAIN = 2.0;
    /** Throttle action per m/s of speed error, on top of the wheel-speed feed-forward. */
    private static final double SPEED_GAIN = 0.5;

    @Override
    public float[] act(float[] o, double targetVx, double targetVy) {
        // Travel direction: the base's yaw ψ plus π, so (cos, sin) of it is −(o[5], o[4]).
        double heading = StrictMath.atan2(-o[4], -o[5]);
        double speed = -(o[2] * o[5] + o[3] * o[4]);
        double targetSpeed = Math.sqrt(targetVx * targetVx + targetVy * targetVy);
        double error = StrictMath.atan2(targetVy, targetVx) - heading;
        error = StrictMath.atan2(StrictMath.sin(error), StrictMath.cos(error));
        double feedForward = targetSpeed / (CarAgent.WHEEL_SPEED_PER_ACTION * CarAgent.WHEEL_RADIUS);
        return new float[] {
            VelocityController.clip(-(feedForward + SPEED_GAIN * (targetSpeed - speed))),
            VelocityController.clip(-STEERING_GAIN * error)
        };
    }

    @Override
    public double overshoot() {
        return 0.5; // the car turns on a ≥ 1.8 m radius
    }

    @Override
    public double cruiseSpeed() {
        return 2.5;
    }
}
