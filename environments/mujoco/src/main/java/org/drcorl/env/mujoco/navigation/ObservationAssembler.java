package org.drcorl.env.mujoco.navigation;

import java.util.List;
import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoModel;

/**
 * Builds a navigation observation in upstream's order (NAVIGATION.md §2; {@code base_task.py:214-256},
 * {@code base_agent.py:395-430}): the robot's sensor block (raw {@code sensordata}, a ball joint's
 * quaternion as its row-major matrix), then one lidar block per lidar-observed object in the
 * task's registration order. Sensor addresses are looked up once; writing allocates nothing.
 */
final class ObservationAssembler {
    private final int[] sensorAddress;
    private final List<AgentSensor> sensors;
    private final PseudoLidar lidar;
    private final List<NavigationObject> observed;
    private final double[] objectXy;
    private final double[] quaternion = new double[4];
    private final double[] matrix = new double[9];
    private final int width;

    ObservationAssembler(MujocoModel model, Robot robot, PseudoLidar lidar, List<? extends NavigationObject> objects) {
        this.sensors = robot.sensors();
        this.lidar = lidar;
        this.sensorAddress = new int[sensors.size()];
        for (int i = 0; i < sensors.size(); i++) sensorAddress[i] = model.sensorAddress(model.sensorId(sensors.get(i).name()));
        this.observed = objects.stream().filter(NavigationObject::lidarObserved).map(o -> (NavigationObject) o).toList();
        this.objectXy = new double[2 * observed.stream().mapToInt(NavigationObject::instances).max().orElse(0)];
        this.width = robot.observedWidth() + observed.size() * lidar.bins();
    }

    /** Observation size: the sensor block plus {@code bins} per lidar-observed object. */
    int width() {
        return width;
    }

    /** Writes the observation of the state of the last forward pass; {@code agent} must be current. */
    void write(MujocoData data, AgentFrame agent, float[] obs) {
        int at = 0;
        for (int i = 0; i < sensorAddress.length; i++) {
            AgentSensor s = sensors.get(i);
            int adr = sensorAddress[i];
            if (s.quaternionAsMatrix()) {
                for (int k = 0; k < 4; k++) quaternion[k] = data.sensor(adr + k);
                data.quaternionToMatrix(quaternion, 0, matrix, 0);
                for (int k = 0; k < 9; k++) obs[at++] = (float) matrix[k];
            } else {
                for (int k = 0; k < s.dimension(); k++) obs[at++] = (float) data.sensor(adr + k);
            }
        }
        for (NavigationObject o : observed) {
            int n = o.lidarPositions(data, objectXy);
            lidar.observe(agent.position, agent.rotation, objectXy, n, obs, at);
            at += lidar.bins();
        }
    }
}
