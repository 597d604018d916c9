package org.drcorl.env.bullet.agent;

/**
 * Bullet-Safety-Gym's race car (the MIT racecar model, wheelbase ≈ 1 m) whose motors track a
 * target wheel speed 40·a0 rad/s and whose steering hinges, at the base's +x end, turn to
 * 0.5·a1 rad.
 *
 * <p>Conventions of DSRL's Car data (Bullet-Safety-Gym's agents.py, class {@code RaceCar}): the
 * model is loaded with {@code init_orientation=(0, 0, π)} and the tasks add that yaw at every
 * reset, so the base's +x axis starts pointing <em>against</em> the direction the task rewards
 * (CarRun: cos ψ = −1 at the start). ψ in the observation is the base's yaw. A positive wheel
 * target rolls the wheels about the base's +y axis and drives the base toward its +x, so the
 * car makes progress with a0 &lt; 0 (the original's debug key map sends a0 = −1 for the up arrow),
 * and the steering hinges trail: a1 &gt; 0 turns the direction of travel clockwise. Here these
 * follow from one model: a positive speed moves the base along +x, the yaw rate is
 * speed·tan(steering)/wheelbase, and {@link #initialYaw()} is π.
 *
 * <p>Modelled as a kinematic bicycle with three first-order lags: the motor brings the wheel
 * speed to its target, tyre grip brings the car's speed to the wheel's surface speed, and
 * the steering servo brings the steering angle to its target. A lateral grip limit caps the
 * yaw rate (understeer at speed) and quadratic drag keeps the top speed near 2.5 m/s, the
 * speed DSRL's CarCircle reward maximum implies.
 */
public final class CarAgent implements Agent {
    /** Distance between the axles (m), ≈ the URDF's 0.325 m scaled as the gym scales the car. */
    static final double WHEELBASE = 1.0;
    /** Wheel radius (m); 40 rad/s × 0.07 m = 2.8 m/s surface speed at full throttle. */
    public static final double WHEEL_RADIUS = 0.07;
    /** Target wheel speed per action unit (rad/s), from Bullet-Safety-Gym's car agent. */
    public static final double WHEEL_SPEED_PER_ACTION = 40.0;
    /** Steering angle per action unit (rad), from Bullet-Safety-Gym's car agent. */
    public static final double STEERING_PER_ACTION = 0.5;
    /** Motor velocity-control lag (s): PyBullet's velocity motor with limited force. */
    private static final double MOTOR_LAG = 0.15;
    /** Tyre grip lag (s): how fast the body's speed follows the wheels' surface speed. */
    private static final double GRIP_LAG = 0.1;
    /** Steering servo lag (s). */
    private static final double STEERING_LAG = 0.05;
    /** Largest lateral acceleration the tyres hold (m/s²): friction 0.8 times g. */
    private static final double MAX_LATERAL_ACCELERATION = 0.8 * 9.81;
    /** Quadratic drag (1/m): at 2.5 m/s it balances the grip force of the 2.8 m/s wheels. */
    private static final double DRAG = 0.2;
    /** Half-length of the chassis (m), used for wall contact. */
    private static final double BODY_RADIUS = 0.3;

    private double x, y, heading, speed, yawRate, wheelSpeed, steering;

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
        return 1.5;
    }

    @Override
    public double maxSubstep() {
        return 1.0 / 60.0;
    }

    /** The original loads the race car yawed by π (agents.py, {@code RaceCar.__init__}). */
    @Override
    public double initialYaw() {
        return Math.PI;
    }

    @Override
    public void reset(double x, double y, double heading) {
        this.x = x;
        this.y = y;
        this.heading = heading;
        speed = yawRate = wheelSpeed = steering = 0;
    }

    @Override
    public void integrate(float[] action, double dt) {
        double targetWheelSpeed = WHEEL_SPEED_PER_ACTION * action[0];
        double targetSteering = STEERING_PER_ACTION * action[1];
        wheelSpeed += (targetWheelSpeed - wheelSpeed) * Math.min(1.0, dt / MOTOR_LAG);
        steering += (targetSteering - steering) * Math.min(1.0, dt / STEERING_LAG);
        double accel = (WHEEL_RADIUS * wheelSpeed - speed) / GRIP_LAG - DRAG * speed * Math.abs(speed);
        speed += accel * dt;
        double kinematicYawRate = speed * StrictMath.tan(steering) / WHEELBASE;
        double gripYawRate = MAX_LATERAL_ACCELERATION / Math.max(Math.abs(speed), 1e-6);
        yawRate = Math.max(-gripYawRate, Math.min(gripYawRate, kinematicYawRate));
        heading += yawRate * dt;
        x += speed * StrictMath.cos(heading) * dt;
        y += speed * StrictMath.sin(heading) * dt;
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
        return speed * StrictMath.cos(heading);
    }

    @Override
    public double vy() {
        return speed * StrictMath.sin(heading);
    }

    @Override
    public void stopAtWall(double nx, double ny, double limit) {
        double reach = limit - BODY_RADIUS;
        double depth = x * nx + y * ny - reach;
        if (depth <= 0) return;
        x -= depth * nx;
        y -= depth * ny;
        // A car cannot slide sideways along the wall: driving into it stops the car.
        if (vx() * nx + vy() * ny > 0) speed = 0;
    }

    /** 0.1x, 0.1y, v_x, v_y, sin ψ, cos ψ, 0.1ψ̇, ψ the base's yaw (agents.py, {@code RaceCar.agent_specific_observation}). */
    @Override
    public void writeObservation(float[] out, int offset) {
        out[offset] = (float) (0.1 * x);
        out[offset + 1] = (float) (0.1 * y);
        out[offset + 2] = (float) vx();
        out[offset + 3] = (float) vy();
        out[offset + 4] = (float) StrictMath.sin(heading);
        out[offset + 5] = (float) StrictMath.cos(heading);
        out[offset + 6] = (float) (0.1 * yawRate);
    }

    /** The car has no reward term of its own. */
    @Override
    public double specificReward(float[] action) {
        return 0.0;
    }
}
