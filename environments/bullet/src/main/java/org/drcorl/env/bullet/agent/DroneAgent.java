package org.drcorl.env.bullet.agent;

/**
 * Bullet-Safety-Gym's drone: a quadrotor rigid body whose four rotors are commanded to
 * ω_i = ω_h(1 + 0.1·a_i) around the hover speed ω_h, with thrust ∝ ω² from the commanded speed
 * (Bullet-Safety-Gym computes the thrust from the target velocity, so there is no lag).
 *
 * <p>Conventions follow the original ({@code bullet_safety_gym/envs/agents.py}, class {@code Drone},
 * and its {@code quadcopter.urdf}), so that DSRL's Drone data mean the same here:
 * <ul>
 *   <li>rotors 0 on +x, 1 on −y, 2 on −x, 3 on +y of the body, spinning (+, −, +, −);
 *   <li>the rotor observations are {@code 2.5e-3·(ω_i − dir_i·ω_h)} with ω_i the signed rotor speed:
 *       {@code ≈ 0.115·dir_i·a_i} in flight, {@code −1.15·dir_i} at the start, when the rotors stand still;
 *   <li>an episode starts on the ground (centre 0.17 m up: the original's {@code init_xyz}), so it
 *       begins with a take-off.
 * </ul>
 *
 * <p>Full 6-DoF rigid-body dynamics (quaternion attitude, Euler's equations in the body frame),
 * linear and rotational air drag, and a flat ground that stops the drone. It is alive while
 * roll and pitch stay within ±π/2; the agent reward is 1 while alive and −10 once not, minus
 * 0.01‖ω‖² and 1 in a step where a rotor touches the ground (the original counts rotor links
 * touching the ground; standing level on the ground is no contact).
 */
public final class DroneAgent implements Agent {
    /** Relative rotor-speed change per action unit, from Bullet-Safety-Gym's drone agent. */
    public static final double ROTOR_SPEED_PER_ACTION = 0.1;
    /**
     * The original's hover speed ω_h (rad/s), from its {@code get_stationary_joint_velocity}:
     * mass 1.42 kg, propeller radius 0.14 m, pitch 4.7″, k1 = 1/3.29546, k2 = 1.5, air 1.225 kg/m³.
     */
    public static final double HOVER_ROTOR_SPEED = 461.53;
    /** Scale of the rotor observations, 2.5e-3 per rad/s, as in the original. */
    public static final double ROTOR_OBSERVATION_SCALE = 2.5e-3;
    /** Spin directions of rotors 0-3 (+1 counter-clockwise), the original's {@code propeller_directions}. */
    private static final double[] SPIN = {1, -1, 1, -1};
    /** Height of the body centre when the drone stands on the ground (m): where every episode starts. */
    public static final double START_HEIGHT = 0.17;
    /** The centre cannot come closer than this to the ground (m): standing on the ground. */
    private static final double GROUND_CLEARANCE = START_HEIGHT;
    /**
     * Tilt at which a rotor reaches the ground while the body stands on it: the original's arm
     * (0.17 m in its URDF, doubled by {@code global_scaling=2}) at the centre's height above the
     * ground, asin(0.17/0.34) = 30°.
     */
    private static final double ROTOR_GROUND_TILT = Math.asin(0.5);
    /** Horizontal friction rate while touching the ground (1/s). */
    private static final double GROUND_FRICTION = 5.0;
    /** Collision radius against walls (m): arm length plus propeller. */
    private static final double BODY_RADIUS = 0.3;

    private final QuadrotorParameters p;
    private final double[] position = new double[3];
    private final double[] velocity = new double[3];
    /** Attitude, body to world, as (w, x, y, z). */
    private final double[] q = new double[4];
    /** Angular velocity in the body frame (rad/s). */
    private final double[] omega = new double[3];
    /** Rotor speeds relative to the hover speed, ω_i/ω_h. */
    private final double[] rotor = new double[4];
    private final double[][] rotation = new double[3][3];
    private int groundContacts;

    public DroneAgent() {
        this(QuadrotorParameters.DEFAULT);
    }

    public DroneAgent(QuadrotorParameters parameters) {
        this.p = parameters;
    }

    @Override
    public int actionDim() {
        return 4;
    }

    @Override
    public int observationDim() {
        return 17;
    }

    @Override
    public double speedLimit() {
        return 1.5;
    }

    @Override
    public double maxSubstep() {
        return 1.0 / 240.0; // PyBullet's own time step; the attitude dynamics need it
    }

    @Override
    public void reset(double x, double y, double heading) {
        position[0] = x;
        position[1] = y;
        position[2] = START_HEIGHT;
        java.util.Arrays.fill(velocity, 0);
        java.util.Arrays.fill(omega, 0);
        java.util.Arrays.fill(rotor, 0.0); // the original disables the rotor motors at reset: they stand still
        q[0] = StrictMath.cos(heading / 2);
        q[1] = 0;
        q[2] = 0;
        q[3] = StrictMath.sin(heading / 2);
        groundContacts = 0;
        updateRotation();
    }

    @Override
    public void beginStep() {
        groundContacts = 0;
    }

    @Override
    public void integrate(float[] action, double dt) {
        // rotor lag 0 (the default): the rotors are at their commanded speed, as the original's thrust is
        double follow = p.rotorLag() > 0 ? Math.min(1.0, dt / p.rotorLag()) : 1.0;
        for (int i = 0; i < 4; i++) {
            rotor[i] += (1.0 + ROTOR_SPEED_PER_ACTION * action[i] - rotor[i]) * follow;
        }
        double t0 = p.hoverThrust() * rotor[0] * rotor[0];
        double t1 = p.hoverThrust() * rotor[1] * rotor[1];
        double t2 = p.hoverThrust() * rotor[2] * rotor[2];
        double t3 = p.hoverThrust() * rotor[3] * rotor[3];
        double thrust = t0 + t1 + t2 + t3;
        double tauX = p.armLength() * (t3 - t1); // rotor 3 on +y, rotor 1 on −y
        double tauY = p.armLength() * (t2 - t0);
        double tauZ = p.yawTorquePerThrust() * (t0 - t1 + t2 - t3);

        // Translation: thrust along the body z axis, gravity, drag.
        for (int k = 0; k < 3; k++) {
            double a = rotation[k][2] * thrust / p.mass() - p.linearDrag() * velocity[k];
            if (k == 2) a -= p.gravity();
            velocity[k] += a * dt;
            position[k] += velocity[k] * dt;
        }

        // Rotation: Euler's equations I ω̇ = τ − ω × Iω − c ω in the body frame.
        double ixy = p.inertiaXY(), iz = p.inertiaZ();
        double wx = omega[0], wy = omega[1], wz = omega[2];
        omega[0] += dt * (tauX - (iz - ixy) * wy * wz - p.angularDrag() * wx) / ixy;
        omega[1] += dt * (tauY - (ixy - iz) * wz * wx - p.angularDrag() * wy) / ixy;
        omega[2] += dt * (tauZ - p.angularDrag() * wz) / iz;

        // q̇ = ½ q ⊗ (0, ω), then renormalize.
        double w = q[0], x = q[1], y = q[2], z = q[3];
        double ox = omega[0], oy = omega[1], oz = omega[2];
        q[0] += 0.5 * dt * (-x * ox - y * oy - z * oz);
        q[1] += 0.5 * dt * (w * ox + y * oz - z * oy);
        q[2] += 0.5 * dt * (w * oy - x * oz + z * ox);
        q[3] += 0.5 * dt * (w * oz + x * oy - y * ox);
        double norm = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        for (int i = 0; i < 4; i++) q[i] /= norm;
        updateRotation();

        if (position[2] < GROUND_CLEARANCE) {
            position[2] = GROUND_CLEARANCE;
            if (velocity[2] < 0) velocity[2] = 0;
            double slow = Math.max(0.0, 1.0 - GROUND_FRICTION * dt);
            velocity[0] *= slow;
            velocity[1] *= slow;
            // standing on its legs is no contact; tilted far enough, a rotor touches the ground
            if (Math.abs(roll()) >= ROTOR_GROUND_TILT || Math.abs(pitch()) >= ROTOR_GROUND_TILT) groundContacts = 1;
        }
    }

    private void updateRotation() {
        double w = q[0], x = q[1], y = q[2], z = q[3];
        rotation[0][0] = 1 - 2 * (y * y + z * z);
        rotation[0][1] = 2 * (x * y - w * z);
        rotation[0][2] = 2 * (x * z + w * y);
        rotation[1][0] = 2 * (x * y + w * z);
        rotation[1][1] = 1 - 2 * (x * x + z * z);
        rotation[1][2] = 2 * (y * z - w * x);
        rotation[2][0] = 2 * (x * z - w * y);
        rotation[2][1] = 2 * (y * z + w * x);
        rotation[2][2] = 1 - 2 * (x * x + y * y);
    }

    @Override
    public double x() {
        return position[0];
    }

    @Override
    public double y() {
        return position[1];
    }

    /** Height of the body centre above the ground (m). */
    public double z() {
        return position[2];
    }

    @Override
    public double vx() {
        return velocity[0];
    }

    @Override
    public double vy() {
        return velocity[1];
    }

    /** Roll angle (rad), ZYX Euler convention as PyBullet's getEulerFromQuaternion. */
    public double roll() {
        return StrictMath.atan2(2 * (q[0] * q[1] + q[2] * q[3]), 1 - 2 * (q[1] * q[1] + q[2] * q[2]));
    }

    /** Pitch angle (rad), ZYX Euler convention. */
    public double pitch() {
        return StrictMath.asin(Math.max(-1.0, Math.min(1.0, 2 * (q[0] * q[2] - q[3] * q[1]))));
    }

    /** Sets the body angular velocity (rad/s, body frame); for tests that provoke a flip. */
    public void setBodyAngularVelocity(double wx, double wy, double wz) {
        omega[0] = wx;
        omega[1] = wy;
        omega[2] = wz;
    }

    @Override
    public void stopAtWall(double nx, double ny, double limit) {
        double reach = limit - BODY_RADIUS;
        double depth = position[0] * nx + position[1] * ny - reach;
        if (depth <= 0) return;
        position[0] -= depth * nx;
        position[1] -= depth * ny;
        double into = velocity[0] * nx + velocity[1] * ny;
        if (into > 0) {
            velocity[0] -= into * nx;
            velocity[1] -= into * ny;
        }
    }

    /**
     * 0.1·xyz, 0.2·v, the attitude quaternion in PyBullet's (x, y, z, w) order, 0.1·ω in the
     * world frame (as PyBullet's getBaseVelocity reports it), and the rotor speeds as the original
     * observes them, 2.5e-3·(ω_i − dir_i·ω_h) with the signed speed ω_i = dir_i·ω_h·(ω_i/ω_h).
     */
    @Override
    public void writeObservation(float[] out, int offset) {
        for (int k = 0; k < 3; k++) {
            out[offset + k] = (float) (0.1 * position[k]);
            out[offset + 3 + k] = (float) (0.2 * velocity[k]);
        }
        out[offset + 6] = (float) q[1];
        out[offset + 7] = (float) q[2];
        out[offset + 8] = (float) q[3];
        out[offset + 9] = (float) q[0];
        for (int k = 0; k < 3; k++) {
            double world = rotation[k][0] * omega[0] + rotation[k][1] * omega[1] + rotation[k][2] * omega[2];
            out[offset + 10 + k] = (float) (0.1 * world);
        }
        for (int i = 0; i < 4; i++) {
            out[offset + 13 + i] = (float) (ROTOR_OBSERVATION_SCALE * HOVER_ROTOR_SPEED * SPIN[i] * (rotor[i] - 1.0));
        }
    }

    @Override
    public double specificReward(float[] action) {
        double spin = omega[0] * omega[0] + omega[1] * omega[1] + omega[2] * omega[2];
        return (alive() ? 1.0 : -10.0) - 0.01 * spin - groundContacts;
    }

    @Override
    public boolean alive() {
        return Math.abs(roll()) < Math.PI / 2 && Math.abs(pitch()) < Math.PI / 2;
    }
}
