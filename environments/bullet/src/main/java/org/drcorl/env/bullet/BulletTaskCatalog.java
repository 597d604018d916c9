package org.drcorl.env.bullet;

import java.util.List;
import java.util.Optional;
import org.drcorl.env.bullet.agent.BallAgent;
import org.drcorl.env.bullet.agent.CarAgent;
import org.drcorl.env.bullet.agent.DroneAgent;
import org.drcorl.env.bullet.task.CircleTask;
import org.drcorl.env.bullet.task.RunTask;
import org.drcorl.spi.NormalizationConstants;

/**
 * The six DSRL Bullet tasks. Episode lengths, step durations and normalization constants are
 * DSRL's (see the design notes' TASKS.md): Circle steps 0.1 s, Run 1/30 s (the drone 1/60 s).
 */
public final class BulletTaskCatalog {
    private static final double CIRCLE_STEP = 0.1;
    private static final double RUN_STEP = 1.0 / 30.0;
    private static final double DRONE_RUN_STEP = 1.0 / 60.0;

    /** All tasks, in display order. */
    public static final List<BulletTaskDefinition> ALL = List.of(
            new BulletTaskDefinition("OfflineBallCircle-v0",
                    "Ball circles clockwise at radius 7 inside the strip |x| <= 6",
                    BallAgent::new, CircleTask::new, 200, CIRCLE_STEP,
                    new NormalizationConstants(0.3831, 881.463, 80)),
            new BulletTaskDefinition("OfflineBallRun-v0",
                    "Ball runs along +x, |y| <= 2, speed <= 2.5 m/s",
                    BallAgent::new, RunTask::new, 100, RUN_STEP,
                    new NormalizationConstants(26.340, 1327.446, 80)),
            new BulletTaskDefinition("OfflineCarCircle-v0",
                    "Race car circles clockwise at radius 7 inside the strip |x| <= 6",
                    CarAgent::new, CircleTask::new, 300, CIRCLE_STEP,
                    new NormalizationConstants(3.4844, 534.306, 100)),
            new BulletTaskDefinition("OfflineCarRun-v0",
                    "Race car runs along +x, |y| <= 2, speed <= 1.5 m/s",
                    CarAgent::new, RunTask::new, 200, RUN_STEP,
                    new NormalizationConstants(204.287, 574.653, 40)),
            new BulletTaskDefinition("OfflineDroneCircle-v0",
                    "Quadrotor circles clockwise at radius 7 inside the strip |x| <= 6",
                    DroneAgent::new, CircleTask::new, 300, CIRCLE_STEP,
                    new NormalizationConstants(207.794, 996.389, 100)),
            new BulletTaskDefinition("OfflineDroneRun-v0",
                    "Quadrotor runs along +x, |y| <= 2, speed <= 1.5 m/s",
                    DroneAgent::new, RunTask::new, 200, DRONE_RUN_STEP,
                    new NormalizationConstants(10.557, 682.833, 140)));

    private BulletTaskCatalog() {}

    /** The task with this id, if it is one of the family's. */
    public static Optional<BulletTaskDefinition> find(String id) {
        return ALL.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
