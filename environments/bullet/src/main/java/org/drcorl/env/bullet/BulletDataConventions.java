package org.drcorl.env.bullet;

import java.util.ArrayList;
import java.util.List;
import org.drcorl.env.bullet.agent.Agent;
import org.drcorl.env.bullet.agent.CarAgent;
import org.drcorl.env.bullet.agent.DroneAgent;
import org.drcorl.env.bullet.task.CircleTask;
import org.drcorl.env.bullet.task.RunTask;
import org.drcorl.spi.DataConvention;
import org.drcorl.spi.DataConvention.Rows;

/**
 * What every episode of DSRL's Bullet files shows at its first row, by construction of
 * Bullet-Safety-Gym's resets (bullet_safety_gym/envs/tasks.py and agents.py), whatever policy
 * recorded it: the statistics {@code drcorl dataset} checks a Car or Drone file against. They
 * catch the conventions that changed here on 2026-12-03/04 (the car's π yaw, the drone's start on
 * the ground and its rotor observation), so a file written before then, or by a simulator with
 * those conventions, is flagged. The Ball's conventions never differed, so it has none.
 */
final class BulletDataConventions {
    private BulletDataConventions() {}

    static List<DataConvention> of(BulletTaskDefinition task) {
        Agent agent = task.agents().get();
        boolean run = task.tasks().get() instanceof RunTask;
        boolean circle = task.tasks().get() instanceof CircleTask;
        List<DataConvention> conventions = new ArrayList<>();
        if (agent instanceof CarAgent && run) {
            conventions.add(new DataConvention("cos ψ (obs[5])", Rows.EPISODE_STARTS, o -> o[5], Double.NEGATIVE_INFINITY, -0.9,
                    "the race car is loaded yawed by π and RunTask.specific_reset keeps that yaw, so every episode starts"
                            + " at cos ψ = −1 (Bullet-Safety-Gym agents.py, RaceCar; tasks.py, RunTask)"));
        }
        if (agent instanceof CarAgent && circle) {
            conventions.add(new DataConvention("the base's heading along the clockwise tangent,"
                    + " (cos ψ·y − sin ψ·x)/‖(x, y)‖ (obs[5], obs[4], obs[1], obs[0])", Rows.EPISODE_STARTS,
                    o -> (o[5] * o[1] - o[4] * o[0]) / Math.max(1e-9, Math.hypot(o[0], o[1])), Double.NEGATIVE_INFINITY, -0.9,
                    "CircleTask.specific_reset yaws the car to the clockwise tangent plus the car's initial π, so every"
                            + " episode starts at −1 (Bullet-Safety-Gym tasks.py, CircleTask; agents.py, RaceCar)"));
        }
        if (agent instanceof DroneAgent) {
            conventions.add(new DataConvention("0.1·z (obs[2])", Rows.EPISODE_STARTS, o -> o[2], 0.0, 0.05,
                    "the drone starts standing on the ground, its centre 0.17 m up: 0.017 (Bullet-Safety-Gym agents.py, Drone)"));
            conventions.add(new DataConvention("rotor 0's speed, 2.5e-3·(ω_0 − ω_h) (obs[13])", Rows.EPISODE_STARTS, o -> o[13],
                    -1.3, -1.0, "the rotors stand still at the start: 2.5e-3·(0 − 461.5) = −1.154 (Bullet-Safety-Gym"
                            + " agents.py, Drone.agent_specific_observation)"));
        }
        return List.copyOf(conventions);
    }
}
