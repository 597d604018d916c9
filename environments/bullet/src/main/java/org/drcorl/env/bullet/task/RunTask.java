package org.drcorl.env.bullet.task;

import java.util.SplittableRandom;
import org.drcorl.env.bullet.agent.Agent;

/**
 * Bullet-Safety-Gym's Run task: run along +x on an open plane without leaving the corridor
 * |y| ≤ 2 and without exceeding the agent's speed limit v_lim.
 *
 * <ul>
 *   <li>reward = Φ(s′) − Φ(s) + agent-specific reward, Φ = −60·‖p_xy − (1000, 0)‖ (≈ 60·Δx);
 *   <li>cost = min(1, 1[|y| > 2] + 1[‖v_xy‖ > v_lim]);
 *   <li>no task observation;
 *   <li>reset: xy uniform in [−0.01, 0.01]², yawed to the agent's {@link Agent#initialYaw()
 *       initial yaw} (+x, but −x for the race car's base) (Bullet-Safety-Gym's
 *       {@code RunTask.specific_reset} in {@code bullet_safety_gym/envs/tasks.py}: {@code rng.uniform(-0.01, 0.01, 2)}
 *       for xy, the agent's initial orientation unchanged).
 * </ul>
 */
public final class RunTask implements BulletTask {
    /** The far goal that defines progress (m). */
    static final double GOAL_X = 1000.0;
    /** Reward per metre of progress toward the goal. */
    static final double PROGRESS_GAIN = 60.0;
    /** Half-width of the safe corridor (m). */
    public static final double CORRIDOR_HALF_WIDTH = 2.0;
    /** Half-width of the start's uniform xy noise around the origin (m), as in DSRL's data. */
    public static final double START_NOISE = 0.01;

    private double previousPotential;

    @Override
    public int observationDim() {
        return 0;
    }

    @Override
    public Arena arena() {
        return Arena.OPEN_PLANE;
    }

    @Override
    public void place(Agent agent, SplittableRandom random) {
        double x = random.nextDouble(-START_NOISE, START_NOISE);
        double y = random.nextDouble(-START_NOISE, START_NOISE);
        // The original leaves the model's initial orientation (tasks.py, RunTask.specific_reset).
        agent.reset(x, y, agent.initialYaw());
    }

    private static double potential(Agent agent) {
        double dx = agent.x() - GOAL_X, dy = agent.y();
        return -PROGRESS_GAIN * Math.sqrt(dx * dx + dy * dy);
    }

    @Override
    public void beginStep(Agent agent) {
        previousPotential = potential(agent);
    }

    @Override
    public double reward(Agent agent, double agentSpecificReward) {
        return potential(agent) - previousPotential + agentSpecificReward;
    }

    @Override
    public double cost(Agent agent) {
        boolean outside = Math.abs(agent.y()) > CORRIDOR_HALF_WIDTH;
        boolean tooFast = Math.sqrt(agent.vx() * agent.vx() + agent.vy() * agent.vy()) > agent.speedLimit();
        return outside || tooFast ? 1.0 : 0.0;
    }

    @Override
    public void writeObservation(Agent agent, float[] out, int offset) {}
}
