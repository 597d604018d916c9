package org.drcorl.env.mujoco.navigation;

import java.util.List;
import java.util.Objects;
import org.drcorl.env.mujoco.ffm.MjLayout;
import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoModel;

/**
 * A Safety-Gymnasium navigation robot: its MJCF (which is the base of the whole scene: the
 * objects are added to its {@code worldbody}, so its {@code <option>} and {@code <default>} apply
 * to them too, as in {@code world.py}), the sensors its observation block reads, and how it is put
 * at a pose at reset. Both robots run {@value #FRAME_SKIP} {@code mj_step}s per environment step
 * ({@code frameskip_binom_n = 10} with {@code p = 1}, {@code bases/underlying.py:78-93}) and take
 * actions in [−1, 1]² (their actuators' {@code ctrlrange}), clipped before they reach MuJoCo.
 *
 * <p>The MJCF is re-authored from NAVIGATION.md §1 (upstream {@code assets/xmls/point.xml},
 * {@code car.xml} at safety-gymnasium v0.4.0): the same defaults, timestep, joints, geoms,
 * actuators, sensors and names; cameras and colours are left out (they change no physics).
 *
 * @param name        "Point" or "Car", as in the task ids
 * @param mjcf        the robot's MJCF with {@value #OBJECTS_MARKER} where the objects' bodies go
 * @param sensors     the observation's agent block, in upstream order (§2)
 * @param freeJoint   whether the agent body hangs on a free joint (its pose lives in qpos) rather
 *                    than planar joints in the body's frame (its pose is the body's {@code pos}/{@code quat})
 * @param forwardYaw  the direction the robot drives forward, as an angle in its body frame (Point 0 = +x, Car −π/2 = −y)
 */
public record Robot(String name, String mjcf, List<AgentSensor> sensors, boolean freeJoint, double forwardYaw) {

    /** Where {@link NavigationScene} inserts the objects' bodies into the robot's {@code worldbody}. */
    public static final String OBJECTS_MARKER = "<!-- objects -->";
    /** {@code mj_step}s per environment step, for both robots. */
    public static final int FRAME_SKIP = 10;
    /** The agent body's (and site's) name in both robots. */
    public static final String AGENT = "agent";
    /** Height of the agent body at reset (the robot XMLs' {@code pos="0 0 .1"}; {@code base_agent.py:191-192}). */
    public static final double AGENT_HEIGHT = 0.1;

    /** Safety-Gymnasium's four agent sensors, in {@code sensor_conf.sensors} order ({@code base_agent.py:49}). */
    private static final List<AgentSensor> BASIC_SENSORS = List.of(AgentSensor.raw("accelerometer", 3),
            AgentSensor.raw("velocimeter", 3), AgentSensor.raw("gyro", 3), AgentSensor.raw("magnetometer", 3));

    public Robot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mjcf, "mjcf");
        sensors = List.copyOf(sensors);
        if (!mjcf.contains(OBJECTS_MARKER)) throw new IllegalArgumentException(name + ": the MJCF lacks the marker " + OBJECTS_MARKER);
    }

    /**
     * Point: a sphere on two slide joints and a hinge, pushed along its own x by a motor on its
     * site and turned by a velocity servo (NAVIGATION.md §1). Timestep 0.002 s, so an env step is
     * 0.02 s. Both actuators' forces are clamped to ±0.05 before their gear of 0.3.
     */
    public static final Robot POINT = new Robot("Point", """
            <mujoco model="point">
              <size njmax="3000" nconmax="1000"/>
              <option timestep="0.002"/>
              <default>
                <geom condim="6" density="1"/>
                <joint damping="0.001"/>
                <motor ctrlrange="-1 1" ctrllimited="true" forcerange="-0.05 0.05" forcelimited="true"/>
                <velocity ctrlrange="-1 1" ctrllimited="true" forcerange="-0.05 0.05" forcelimited="true"/>
                <site size="0.032" type="sphere"/>
              </default>
              <worldbody>
                <geom name="floor" size="3.5 3.5 0.1" type="plane" condim="6"/>
                <body name="agent" pos="0 0 0.1">
                  <joint name="x" type="slide" axis="1 0 0" damping="0.01"/>
                  <joint name="y" type="slide" axis="0 1 0" damping="0.01"/>
                  <joint name="z" type="hinge" axis="0 0 1" damping="0.005"/>
                  <geom name="agent" type="sphere" size="0.1" friction="1 0.01 0.01"/>
                  <geom name="pointarrow" type="box" pos="0.1 0 0" size="0.05 0.05 0.05"/>
                  <site name="agent"/>
                </body>
                <!-- objects -->
              </worldbody>
              <sensor>
                <accelerometer name="accelerometer" site="agent"/>
                <velocimeter name="velocimeter" site="agent"/>
                <gyro name="gyro" site="agent"/>
                <magnetometer name="magnetometer" site="agent"/>
                <subtreecom name="subtreecom" body="agent"/>
                <subtreelinvel name="subtreelinvel" body="agent"/>
                <subtreeangmom name="subtreeangmom" body="agent"/>
              </sensor>
              <actuator>
                <motor name="x" site="agent" gear="0.3 0 0 0 0 0"/>
                <velocity name="z" jointinparent="z" gear="0.3"/>
              </actuator>
            </mujoco>
            """, BASIC_SENSORS, false, 0);

    /**
     * Car: a box on a free joint with two driven wheels at the back and a ball caster at the front,
     * driving toward its body −y (NAVIGATION.md §1). Timestep 0.004 s, so an env step is 0.04 s.
     * Wheel torques are clamped to ±0.02. Its observation adds the caster's angular velocity and its
     * orientation matrix, in that order (the sensors are defined the other way round).
     */
    public static final Robot CAR = new Robot("Car", """
            <mujoco model="car">
              <size njmax="3000" nconmax="1000"/>
              <option timestep="0.004"/>
              <default>
                <geom condim="6" density="5" size="0.05" type="sphere"/>
                <joint damping="0.001"/>
                <motor ctrlrange="-1 1" ctrllimited="true" forcerange="-0.02 0.02" forcelimited="true"/>
                <site size="0.032" type="sphere"/>
              </default>
              <worldbody>
                <geom name="floor" size="3.5 3.5 0.1" type="plane" condim="6"/>
                <body name="agent" pos="0 0 0.1">
                  <site name="agent" pos="0 0 0"/>
                  <joint name="agent" type="free" damping="0"/>
                  <geom name="agent" type="box" size="0.1 0.1 0.05"/>
                  <geom name="back_bumper" type="box" pos="0 0.15 0" size="0.1 0.01 0.05"/>
                  <geom name="back_connector" type="box" pos="0 0.125 0" size="0.01 0.025 0.03"/>
                  <geom name="front_bumper" type="box" pos="0 -0.165 0" size="0.05 0.01 0.05"/>
                  <geom name="front_connector" type="box" pos="0 -0.13 0.04" size="0.05 0.03 0.01"/>
                  <body name="left" pos="-0.1 0.1 -0.05">
                    <joint name="left" type="hinge" axis="1 0 0"/>
                    <geom name="left" type="cylinder" fromto="-0.055 0 0 -0.005 0 0"/>
                  </body>
                  <body name="right" pos="0.1 0.1 -0.05">
                    <joint name="right" type="hinge" axis="1 0 0"/>
                    <geom name="right" type="cylinder" fromto="0.005 0 0 0.055 0 0"/>
                  </body>
                  <body name="rear" pos="0 -0.1 -0.05">
                    <joint name="rear" type="ball"/>
                    <geom name="rear"/>
                  </body>
                </body>
                <!-- objects -->
              </worldbody>
              <sensor>
                <ballquat name="ballquat_rear" joint="rear"/>
                <ballangvel name="ballangvel_rear" joint="rear"/>
                <accelerometer name="accelerometer" site="agent"/>
                <velocimeter name="velocimeter" site="agent"/>
                <gyro name="gyro" site="agent"/>
                <magnetometer name="magnetometer" site="agent"/>
                <subtreecom name="subtreecom" body="agent"/>
                <subtreelinvel name="subtreelinvel" body="agent"/>
                <subtreeangmom name="subtreeangmom" body="agent"/>
              </sensor>
              <actuator>
                <motor name="left" jointinparent="left" gear="1"/>
                <motor name="right" jointinparent="right" gear="1"/>
              </actuator>
            </mujoco>
            """, concat(BASIC_SENSORS, AgentSensor.raw("ballangvel_rear", 3), AgentSensor.quaternionMatrix("ballquat_rear")),
            true, -Math.PI / 2);

    private static List<AgentSensor> concat(List<AgentSensor> first, AgentSensor... more) {
        var all = new java.util.ArrayList<>(first);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    /**
     * The robot's own geoms, every geom its MJCF names except the floor: upstream's
     * {@code agent.body_info.geom_names} ({@code base_agent.py:221-225}), the geoms a contact cost
     * pairs with an object's (Point: agent, pointarrow; Car: the body, bumpers, connectors, wheels, caster).
     */
    public List<String> geomNames() {
        var names = new java.util.ArrayList<String>();
        var m = java.util.regex.Pattern.compile("<geom name=\"([^\"]+)\"").matcher(mjcf);
        while (m.find()) if (!m.group(1).equals("floor")) names.add(m.group(1));
        return List.copyOf(names);
    }

    /** Values of the agent block of the observation (Point 12, Car 24). */
    public int observedWidth() {
        return sensors.stream().mapToInt(AgentSensor::observedWidth).sum();
    }

    /**
     * Puts the robot at (x, y) on the floor facing yaw, at rest, as a freshly compiled upstream
     * scene would hold it ({@code world.py:132-137} writes the yaw into the agent body's
     * {@code quat}). Call after {@code mj_resetData} and before {@code mj_forward}. The Point's
     * planar joints are defined in the body's frame, so its pose is the body's {@code pos}/{@code quat}
     * in the model (its joints stay at 0, so its slide axes turn with it, as upstream); the Car's
     * free joint holds its pose in qpos.
     */
    public void place(MujocoModel model, MujocoData data, double x, double y, double yaw) {
        double w = Math.cos(yaw / 2), z = Math.sin(yaw / 2);
        int agent = model.bodyId(AGENT);
        if (freeJoint) {
            int joint = model.jointId(AGENT);
            if (model.jointType(joint) != MjLayout.JNT_FREE) throw new IllegalStateException(name + ": joint 'agent' is not free");
            int q = model.jointQposAddress(joint);
            double[] pose = {x, y, AGENT_HEIGHT, w, 0, 0, z};
            for (int k = 0; k < 7; k++) data.setQpos(q + k, pose[k]);
        } else {
            model.setBodyPose(agent, x, y, AGENT_HEIGHT, w, 0, 0, z);
        }
    }

    /**
     * Checks that a compiled scene is this robot's: two actuators with control range [−1, 1] (so
     * the task's action bounds are the controls' and clipping to them is upstream's
     * {@code apply_action}), and every observed sensor present with its dimension.
     */
    public void check(MujocoModel model) {
        if (model.nu() != 2) throw new IllegalArgumentException(name + ": expected 2 actuators, the scene has " + model.nu());
        for (int a = 0; a < model.nu(); a++) {
            if (model.actuatorControlRange(a, 0) != -1 || model.actuatorControlRange(a, 1) != 1) {
                throw new IllegalArgumentException(name + ": actuator " + a + " control range is not [-1, 1]");
            }
        }
        for (AgentSensor s : sensors) {
            int dim = model.sensorDimension(model.sensorId(s.name()));
            if (dim != s.dimension()) {
                throw new IllegalArgumentException(name + ": sensor " + s.name() + " has " + dim + " values, expected " + s.dimension());
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
