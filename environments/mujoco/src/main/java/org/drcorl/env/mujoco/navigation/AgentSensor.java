package org.drcorl.env.mujoco.navigation;

import java.util.Objects;

/**
 * One entry of a robot's sensor block in the observation: a named MuJoCo sensor, copied raw, or
 * (a ball joint's quaternion) turned into its 3×3 rotation matrix, row-major, as Safety-Gymnasium
 * does for {@code ballquat} sensors ({@code bases/base_agent.py:421-423}, {@code utils/task_utils.py:29-35}).
 *
 * @param name               the sensor's name in the robot's MJCF
 * @param dimension          values the sensor writes into {@code sensordata}
 * @param quaternionAsMatrix whether its 4 values are a quaternion observed as a 9-value matrix
 */
public record AgentSensor(String name, int dimension, boolean quaternionAsMatrix) {

    public AgentSensor {
        Objects.requireNonNull(name, "name");
        if (dimension <= 0) throw new IllegalArgumentException("sensor " + name + ": dimension must be positive, got " + dimension);
        if (quaternionAsMatrix && dimension != 4) {
            throw new IllegalArgumentException("sensor " + name + ": a quaternion has 4 values, got " + dimension);
        }
    }

    /** A sensor observed as its raw values. */
    public static AgentSensor raw(String name, int dimension) {
        return new AgentSensor(name, dimension, false);
    }

    /** A ball joint's quaternion sensor, observed as a rotation matrix. */
    public static AgentSensor quaternionMatrix(String name) {
        return new AgentSensor(name, 4, true);
    }

    /** Values this entry takes in the observation. */
    public int observedWidth() {
        return quaternionAsMatrix ? 9 : dimension;
    }
}
