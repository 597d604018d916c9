package org.drcorl.env.bullet.agent;

/**
 * Physical constants of the drone, shared by its simulation and by controllers that fly it.
 * Rotors sit in a "+" layout as in Bullet-Safety-Gym's quadcopter: rotor 0 on +x, 1 on −y, 2 on −x,
 * 3 on +y of the body; 0 and 2 spin one way, 1 and 3 the other, so their drag torques about z
 * cancel at equal thrust.
 *
 * @param mass               kg (Bullet-Safety-Gym's drone: 1.42 kg)
 * @param armLength          centre-to-rotor distance, m
 * @param yawTorquePerThrust rotor drag torque per newton of thrust, m (typical propellers: 0.01–0.02)
 * @param inertiaXY          moment of inertia about the body x and y axes, kg·m²
 * @param inertiaZ           moment of inertia about the body z axis, kg·m²
 * @param rotorLag           first-order lag of the rotor speed behind its target, s (0: none, as in the
 *                           original, whose thrust follows the commanded speed)
 * @param linearDrag         air drag on the body velocity, 1/s (per unit mass)
 * @param angularDrag        rotational air drag, N·m·s
 * @param gravity            m/s²
 */
public record QuadrotorParameters(
        double mass,
        double armLength,
        double yawTorquePerThrust,
        double inertiaXY,
        double inertiaZ,
        double rotorLag,
        double linearDrag,
        double angularDrag,
        double gravity) {

    /** The drone of the Circle and Run tasks: mass from the gym, the rest sized for a 1.4 kg quadrotor. */
    public static final QuadrotorParameters DEFAULT =
            new QuadrotorParameters(1.42, 0.2, 0.016, 0.025, 0.045, 0.0, 0.5, 0.02, 9.81);

    /** Thrust of one rotor at the hover speed ω_h (N): the four together carry the weight. */
    public double hoverThrust() {
        return mass * gravity / 4.0;
    }
}
