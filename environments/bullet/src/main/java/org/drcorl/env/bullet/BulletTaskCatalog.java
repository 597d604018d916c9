package org.drcorl.env.bullet;

import java.util.List;
import java.util.Optional;
import org.drcorl.env.bullet.agent.BallAgent;
import org.drcorl.env.bullet.agent.CarAgent;
import org.drcorl.env.bullet.agent.DroneAgent;
import org.drcorl.env.bullet.task.CircleTask;
import org.drcorl.env.bullet.task.RunTask;

/**
 * Six of DSRL's eight Bullet-Safety-Gym tasks (Ball, Car and Drone × Circle and Run; the Ant
 * two live in the MuJoCo plugin). Episode lengths, budgets and normalization constants are
 * DSRL's, from {@link org.drcorl.spi.DsrlTasks}; step durations are Bullet-Safety-Gym's (see the
 * design notes' TASKS.md): Circle steps 0.1 s, Run 1/30 s (the drone 1/60 s).
 */
public final class BulletTaskCatalog {
    private static final double CIRCLE_STEP = 0.1;
    private static final double RUN_STEP = 1.0 / 30.0;
    private static final double DRONE_RUN_STEP = 1.0 / 60.0;

    /** All tasks, in display order. */
    public static final List<BulletTaskDefinition> ALL = List.of(
            new BulletTaskDefinition("OfflineBallCircle-v0",
                    "Ball circles clockwise at radius 7 inside the strip |x| <= 6",
                    BallAgent::new, CircleTask::new, CIRCLE_STEP),
            new BulletTaskDefinition("OfflineBallRun-v0",
                    "Ball runs along +x, |y| <= 2, speed <= 2.5 m/s",
                    BallAgent::new, RunTask::new, RUN_STEP),
            new BulletTaskDefinition("OfflineCarCircle-v0",
                    "Race car circles clockwise at radius 7 inside the strip |x| <= 6",
                    CarAgent::new, CircleTask::new, CIRCLE_STEP),
            new BulletTaskDefinition("OfflineCarRun-v0",
                    "Race car runs along +x, |y| <= 2, speed <= 1.5 m/s",
                    CarAgent::new, RunTask::new, RUN_STEP),
            new BulletTaskDefinition("OfflineDroneCircle-v0",
                    "Quadrotor circles clockwise at radius 7 inside the strip |x| <= 6",
                    DroneAgent::new, CircleTask::new, CIRCLE_STEP),
            new BulletTaskDefinition("OfflineDroneRun-v0",
                    "Quadrotor runs along +x, |y| <= 2, speed <= 1.5 m/s",
                    DroneAgent::new, RunTask::new, DRONE_RUN_STEP));

    private BulletTaskCatalog() {}

    /** The task with this id, if it is one of the family's. */
    public static Optional<BulletTaskDefinition> find(String id) {
        return ALL.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
