package org.drcorl.env.mujoco.behavior;

/**
 * How a navigation robot's actions make it go, for the behaviour controllers: both robots saturate
 * early (NAVIGATION.md §1), so a controller works in the linear range below {@code fullDrive}.
 * {@link #steer} turns a heading error into an action: drive forward, slower the further off course
 * (never below 0.3 of the speed, so a robot turning round still moves), and turn toward the course.
 *
 * @param fullDrive    the action at which the forward drive saturates (Point thrust 0.05, Car wheel 0.02)
 * @param turnGain     action per radian of heading error (Point: the turn servo; Car: the wheel difference)
 * @param turnLimit    largest turn action
 * @param differential whether the actions are (left, right) wheels rather than (thrust, turn)
 */
public record NavigationDrive(double fullDrive, double turnGain, double turnLimit, boolean differential) {
    /** Front-first velocity steering turns left for errors within this (rad) of straight behind. */
    private static final double BEHIND = 0.5;
    /** The Point: thrust along its x, turn by its velocity servo (≈ 3 rad/s at action 1). */
    public static final NavigationDrive POINT = new NavigationDrive(0.05, 2.0, 1.0, false);
    /** The Car: both wheels forward; left faster than right turns it counter-clockwise [measured]. */
    public static final NavigationDrive CAR = new NavigationDrive(0.02, 0.04, 0.02, true);

    /** The drive of a robot, by its name ({@code Point}, {@code Car}). */
    public static NavigationDrive of(String robot) {
        return switch (robot) {
            case "Point" -> POINT;
            case "Car" -> CAR;
            default -> throw new IllegalArgumentException("no drive settings for the robot " + robot);
        };
    }

    /**
     * The action that heads {@code headingError} radians (counter-clockwise positive, in (−π, π]) toward
     * the course at {@code speed} of full drive, before noise and clipping.
     */
    public double[] steer(double headingError, double speed) {
        double forward = fullDrive * speed * Math.max(0.3, Math.cos(headingError));
        double turn = Math.max(-turnLimit, Math.min(turnLimit, turnGain * headingError));
        return differential ? new double[] {forward + turn, forward - turn} : new double[] {forward, turn};
    }

    /**
     * As {@link #steer}, but a course more than 90° off is driven in reverse: the back turns toward it and the
     * robot backs away, rather than turning round on the spot first (a differential robot escaping something
     * that comes at it). The same as {@link #steer} within 90°.
     */
    public double[] steerEitherWay(double headingError, double speed) {
        if (Math.abs(headingError) <= Math.PI / 2) return steer(headingError, speed);
        double[] a = steer(wrap(headingError - Math.PI), speed);
        double forward = differential ? (a[0] + a[1]) / 2 : a[0], turn = differential ? (a[0] - a[1]) / 2 : a[1];
        return differential ? new double[] {-forward + turn, -forward - turn} : new double[] {-forward, turn};
    }

    /**
     * The Point's steering (it coasts: its slide joints barely damp it): steer the velocity error, the
     * wanted velocity ({@code wanted} m/s along {@code course}, in the body frame) less the measured one
     * ({@code velocityX}, {@code velocityY}: the velocimeter, body frame), thrusting forward or backward,
     * whichever needs less turning ({@code reverse}), or always turning its front toward the error and
     * thrusting along it (backward only to brake: the Point pushing with its front); the thrust saturates at
     * an error of 1/{@code gain} m/s. Returns (thrust, turn) before noise and clipping.
     */
    public double[] steerVelocity(double course, double wanted, double gain, double velocityX, double velocityY, boolean reverse) {
        double ex = wanted * Math.cos(course) - velocityX, ey = wanted * Math.sin(course) - velocityY;
        double error = Math.atan2(ey, ex), sign = 1;
        if (reverse && Math.abs(error) > Math.PI / 2) {
            error = wrap(error - Math.PI);
            sign = -1;
        } else if (!reverse && error < -Math.PI + BEHIND) {
            error += 2 * Math.PI; // nearly behind: turn left, so noise cannot flip the turn back and forth
        }
        double thrust = sign * fullDrive * Math.min(1, gain * Math.hypot(ex, ey)) * Math.cos(error);
        double turn = Math.max(-turnLimit, Math.min(turnLimit, turnGain * error));
        return new double[] {thrust, turn};
    }

    /** An angle wrapped into (−π, π]. */
    static double wrap(double angle) {
        return Math.atan2(Math.sin(angle), Math.cos(angle));
    }
}
