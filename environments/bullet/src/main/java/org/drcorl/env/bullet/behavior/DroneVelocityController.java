package org.drcorl.env.bullet.behavior;

import org.drcorl.env.bullet.agent.DroneAgent;
import org.drcorl.env.bullet.agent.QuadrotorParameters;

/**
 * A cascaded quadrotor controller: the velocity error (and the height error) gives a desired
 * acceleration, hence a desired thrust direction; an attitude PD turns the body's z axis
 * toward it; a mixer turns collective thrust and body torques into rotor speeds.
 */
final class DroneVelocityController implements VelocityController {
    /** Horizontal acceleration per m/s of velocity error (1/s). */
    private static final double VELOCITY_GAIN = 1.5;
    /** Largest horizontal acceleration asked for (m/s²): keeps the tilt under ≈ 25°. */
    private static final double MAX_HORIZONTAL_ACCELERATION = 4.5;
    /** Height loop: stiffness (1/s²) and damping (1/s). */
    private static final double HEIGHT_GAIN = 4.0, CLIMB_DAMPING = 3.0;
    /** Attitude loop: stiffness (1/s²) and damping (1/s) per unit inertia. */
    private static final double ATTITUDE_GAIN = 30.0, RATE_DAMPING = 9.0;

    /** Height the behaviours fly at (m): each episode starts on the ground and climbs to it. */
    static final double CRUISE_HEIGHT = 1.0;

    private final QuadrotorParameters p = QuadrotorParameters.DEFAULT;

    @Override
    public float[] act(float[] o, double targetVx, double targetVy) {
        double z = 10.0 * o[2];
        double vx = 5.0 * o[3], vy = 5.0 * o[4], vz = 5.0 * o[5];
        double qx = o[6], qy = o[7], qz = o[8], qw = o[9];
        double[][] r = rotation(qw, qx, qy, qz);

        double ax = p.linearDrag() * targetVx + VELOCITY_GAIN * (targetVx - vx);
        double ay = p.linearDrag() * targetVy + VELOCITY_GAIN * (targetVy - vy);
        double horizontal = Math.sqrt(ax * ax + ay * ay);
        if (horizontal > MAX_HORIZONTAL_ACCELERATION) {
            ax *= MAX_HORIZONTAL_ACCELERATION / horizontal;
            ay *= MAX_HORIZONTAL_ACCELERATION / horizontal;
        }
        double az = p.gravity() + p.linearDrag() * vz
                + HEIGHT_GAIN * (CRUISE_HEIGHT - z) - CLIMB_DAMPING * vz;
        double norm = Math.sqrt(ax * ax + ay * ay + az * az);
        double dx = ax / norm, dy = ay / norm, dz = az / norm;
        double bx = r[0][2], by = r[1][2], bz = r[2][2];
        double thrust = p.mass() * Math.max(0.0, ax * bx + ay * by + az * bz);

        // Tilt error e = b3 × b3_desired in the world frame, then rotated into the body frame.
        double ex = by * dz - bz * dy, ey = bz * dx - bx * dz, ez = bx * dy - by * dx;
        double wx = 10.0 * o[10], wy = 10.0 * o[11], wz = 10.0 * o[12];
        double[] eBody = toBody(r, ex, ey, ez);
        double[] wBody = toBody(r, wx, wy, wz);
        double tauX = p.inertiaXY() * (ATTITUDE_GAIN * eBody[0] - RATE_DAMPING * wBody[0]);
        double tauY = p.inertiaXY() * (ATTITUDE_GAIN * eBody[1] - RATE_DAMPING * wBody[1]);
        double tauZ = p.inertiaZ() * (-RATE_DAMPING * wBody[2]);

        // Inverse of the "+" mixer: τx = l(T3 − T1), τy = l(T2 − T0), τz = c(T0 − T1 + T2 − T3).
        double evenPair = 0.5 * (thrust + tauZ / p.yawTorquePerThrust());
        double oddPair = 0.5 * (thrust - tauZ / p.yawTorquePerThrust());
        double[] rotorThrust = {
            0.5 * evenPair - tauY / (2 * p.armLength()),
            0.5 * oddPair - tauX / (2 * p.armLength()),
            0.5 * evenPair + tauY / (2 * p.armLength()),
            0.5 * oddPair + tauX / (2 * p.armLength())
        };
        float[] action = new float[4];
        for (int i = 0; i < 4; i++) {
            double speedRatio = Math.sqrt(Math.max(0.0, rotorThrust[i]) / p.hoverThrust());
            action[i] = VelocityController.clip((speedRatio - 1.0) / DroneAgent.ROTOR_SPEED_PER_ACTION);
        }
        return action;
    }

    @Override
    public double overshoot() {
        return 1.5; // the drone has to tilt before it can brake
    }

    @Override
    public double cruiseSpeed() {
        return 4.5;
    }

    private static double[][] rotation(double w, double x, double y, double z) {
        return new double[][] {
            {1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)},
            {2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)},
            {2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)}
        };
    }

    private static double[] toBody(double[][] r, double x, double y, double z) {
        return new double[] {
            r[0][0] * x + r[1][0] * y + r[2][0] * z,
            r[0][1] * x + r[1][1] * y + r[2][1] * z,
            r[0][2] * x + r[1][2] * y + r[2][2] * z
        };
    }
}
