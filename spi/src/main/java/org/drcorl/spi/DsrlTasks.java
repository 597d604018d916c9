package org.drcorl.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DSRL's built-in constants for its 23 tasks (8 Bullet-Safety-Gym, 15 Safety-Gymnasium), from
 * the benchmark's tables. Normalized scores are computed from them by
 * {@link org.drcorl.spi.NormalizationConstants}, never here.
 */
public final class DsrlTasks {
    private DsrlTasks() {}

    public static final String BULLET = "bullet";
    public static final String SAFETY_GYMNASIUM = "safety-gymnasium";

    /** The cost budgets κ DSRL evaluates its Bullet-Safety-Gym tasks at. */
    public static final List<Double> BULLET_THRESHOLDS = List.of(10.0, 20.0, 40.0);
    /** The cost budgets κ DSRL evaluates its Safety-Gymnasium tasks at. */
    public static final List<Double> GYMNASIUM_THRESHOLDS = List.of(20.0, 40.0, 80.0);

    private static final Map<String, DsrlTaskConstants> TASKS = new LinkedHashMap<>();

    static {
        bullet("AntCircle-v0", 0.0177, 460.709, 200, 500, 34, 8);
        bullet("AntRun-v0", 0.00177, 955.482, 150, 200, 33, 8);
        bullet("BallCircle-v0", 0.3831, 881.463, 80, 200, 8, 2);
        bullet("BallRun-v0", 26.340, 1327.446, 80, 100, 7, 2);
        bullet("CarCircle-v0", 3.4844, 534.306, 100, 300, 8, 2);
        bullet("CarRun-v0", 204.287, 574.653, 40, 200, 7, 2);
        bullet("DroneCircle-v0", 207.794, 996.389, 100, 300, 18, 4);
        bullet("DroneRun-v0", 10.557, 682.833, 140, 200, 17, 4);
        gymnasium("AntVelocityGymnasium-v1", 6.152, 2976.277, 250, 1000, 27, 8);
        gymnasium("HalfCheetahVelocityGymnasium-v1", 5.751, 2806.933, 250, 1000, 17, 6);
        gymnasium("HopperVelocityGymnasium-v1", 37.052, 1911.397, 250, 1000, 11, 3);
        gymnasium("SwimmerVelocityGymnasium-v1", 0.0711, 238.958, 200, 1000, 8, 2);
        gymnasium("Walker2dVelocityGymnasium-v1", 18.668, 3418.224, 300, 1000, 17, 6);
        gymnasium("PointGoal1Gymnasium-v0", 0.0120, 30.071, 100, 1000, 60, 2);
        gymnasium("PointGoal2Gymnasium-v0", 0.00262, 27.718, 200, 1000, 60, 2);
        gymnasium("PointButton1Gymnasium-v0", 0.00882, 41.193, 200, 1000, 76, 2);
        gymnasium("PointButton2Gymnasium-v0", 0.0141, 42.899, 250, 1000, 76, 2);
        gymnasium("PointPush1Gymnasium-v0", 0.00140, 16.519, 150, 1000, 76, 2);
        gymnasium("PointCircle1Gymnasium-v0", 20.068, 61.728, 200, 500, 28, 2);
        gymnasium("PointCircle2Gymnasium-v0", 20.478, 54.022, 299, 500, 28, 2);
        gymnasium("CarGoal1Gymnasium-v0", 0.0122, 39.908, 120, 1000, 72, 2);
        gymnasium("CarButton1Gymnasium-v0", 0.00289, 44.420, 250, 1000, 88, 2);
        gymnasium("CarCircle1Gymnasium-v0", 8.037, 24.942, 250, 500, 40, 2);
    }

    private static void bullet(String name, double rMin, double rMax, double cMax, int t, int obs, int act) {
        put(new DsrlTaskConstants("Offline" + name, BULLET, rMin, rMax, cMax, t, obs, act, BULLET_THRESHOLDS));
    }

    private static void gymnasium(String name, double rMin, double rMax, double cMax, int t, int obs, int act) {
        put(new DsrlTaskConstants("Offline" + name, SAFETY_GYMNASIUM, rMin, rMax, cMax, t, obs, act,
                GYMNASIUM_THRESHOLDS));
    }

    private static void put(DsrlTaskConstants constants) {
        TASKS.put(constants.id(), constants);
    }

    /** The constants of a DSRL task, or an error naming it: for plugins that implement DSRL's own tasks. */
    public static DsrlTaskConstants require(String taskId) {
        return find(taskId).orElseThrow(() -> new IllegalArgumentException("'" + taskId + "' is not one of DSRL's tasks"));
    }

    /**
     * The constants of a DSRL task. Accepts DSRL's id ({@code OfflineCarCircle-v0}) and the same
     * id without the {@code Offline} prefix ({@code CarCircle-v0}).
     */
    public static Optional<DsrlTaskConstants> find(String taskId) {
        if (taskId == null) return Optional.empty();
        DsrlTaskConstants exact = TASKS.get(taskId);
        return exact != null ? Optional.of(exact) : Optional.ofNullable(TASKS.get("Offline" + taskId));
    }

    /** All 23 tasks, Bullet first, in the order of DSRL's table. */
    public static List<DsrlTaskConstants> all() {
        return List.copyOf(TASKS.values());
    }
}
