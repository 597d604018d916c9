package org.drcorl.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DSRL's built-in constants for all 38 of its tasks (8 Bullet-Safety-Gym, 5 Safety-Gymnasium
 * velocity, 16 Safety-Gymnasium navigation, 9 MetaDrive): reward range R_min/R_max, C_max and the
 * episode length T as dsrl/infos.py (liuzuxin/DSRL) records them (MIN/MAX_EPISODE_REWARD,
 * MAX_EPISODE_COST, DEFAULT_MAX_EPISODE_STEPS, rounded to six significant digits); observation and
 * action sizes of the simulators DSRL recorded. Normalized scores are computed from them by
 * {@link org.drcorl.spi.NormalizationConstants}, never here.
 */
public final class DsrlTasks {
    private DsrlTasks() {}

    public static final String BULLET = "bullet";
    public static final String SAFETY_GYMNASIUM = "safety-gymnasium";
    public static final String METADRIVE = "metadrive";

    /** The cost budgets κ DSRL evaluates its Bullet-Safety-Gym tasks at. */
    public static final List<Double> BULLET_THRESHOLDS = List.of(10.0, 20.0, 40.0);
    /** The cost budgets κ DSRL evaluates its Safety-Gymnasium tasks at. */
    public static final List<Double> GYMNASIUM_THRESHOLDS = List.of(20.0, 40.0, 80.0);
    /** The cost budgets κ DSRL evaluates its MetaDrive tasks at (as its Bullet tasks). */
    public static final List<Double> METADRIVE_THRESHOLDS = List.of(10.0, 20.0, 40.0);

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
        gymnasium("PointPush2Gymnasium-v0", 0.00124382, 14.6910, 200, 1000, 76, 2);
        gymnasium("CarGoal2Gymnasium-v0", 0.00103287, 28.9029, 200, 1000, 72, 2);
        gymnasium("CarButton2Gymnasium-v0", 0.00176739, 41.9951, 300, 1000, 88, 2);
        gymnasium("CarPush1Gymnasium-v0", 0.0137002, 16.3045, 200, 1000, 88, 2);
        gymnasium("CarPush2Gymnasium-v0", 0.000293911, 15.1416, 250, 1000, 88, 2);
        gymnasium("CarCircle2Gymnasium-v0", 5.11339, 25.9501, 398, 500, 40, 2);
        // MetaDrive (SafeMetaDrive as DSRL configures it): 259 observations (9 ego state, 10
        // navigation, 240 lidar), steering and throttle
        metadrive("easysparse", 20.0943, 425.801, 82.4242);
        metadrive("easymean", 22.1426, 425.824, 82.3860);
        metadrive("easydense", 19.7114, 425.817, 80.3636);
        metadrive("mediumsparse", 17.4466, 269.801, 46.4646);
        metadrive("mediummean", 17.0325, 269.822, 46.4615);
        metadrive("mediumdense", 15.1023, 269.781, 46.4586);
        metadrive("hardsparse", 17.2480, 486.805, 85.0100);
        metadrive("hardmean", 19.3880, 486.997, 84.3400);
        metadrive("harddense", 15.3869, 486.636, 84.7668);
    }

    private static void metadrive(String scenario, double rMin, double rMax, double cMax) {
        put(new DsrlTaskConstants("OfflineMetadrive-" + scenario + "-v0", METADRIVE, rMin, rMax, cMax, 1000, 259, 2,
                METADRIVE_THRESHOLDS));
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

    /**
     * The DSRL task a file's name names, for a file without a {@code task_id} attribute (DSRL's own
     * files have none). DSRL's downloads are named after the task's environment, then the data's
     * cost limit and size: {@code SafetyCarCircle-v0-100-1450.hdf5},
     * {@code SafetyHopperVelocityGymnasium-v1-250-2240.hdf5}, {@code SafeMetaDrive-easysparse-v0-85-1000.hdf5}
     * (dsrl/infos.py, DATASET_URLS). Also accepted: the task id itself ({@code OfflineCarCircle-v0.hdf5}).
     * Case is ignored (DSRL writes MetaDrive as "Metadrive" in ids, "MetaDrive" in file names).
     */
    public static Optional<DsrlTaskConstants> fromFileName(String fileName) {
        if (fileName == null) return Optional.empty();
        String stem = fileName.toLowerCase(java.util.Locale.ROOT);
        DsrlTaskConstants best = null;
        for (DsrlTaskConstants task : TASKS.values()) {
            String bare = task.id().substring("Offline".length()).toLowerCase(java.util.Locale.ROOT);
            for (String prefix : List.of("offline", "safety", "safe")) {
                String name = prefix + bare;
                if (!stem.startsWith(name)) continue;
                char next = stem.length() == name.length() ? '.' : stem.charAt(name.length());
                if (".-_".indexOf(next) < 0) continue; // SafetyCarCircle-v0… is not SafetyCarCircle2-v0…
                if (best == null || task.id().length() > best.id().length()) best = task;
            }
        }
        return Optional.ofNullable(best);
    }

    /** All 38 tasks: Bullet, Safety-Gymnasium (velocity, then navigation), MetaDrive. */
    public static List<DsrlTaskConstants> all() {
        return List.copyOf(TASKS.values());
    }
}
