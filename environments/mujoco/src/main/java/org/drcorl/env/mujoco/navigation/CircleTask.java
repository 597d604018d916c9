package org.drcorl.env.mujoco.navigation;

import java.util.List;
import org.drcorl.env.mujoco.ffm.MujocoData;

/**
 * Safety-Gymnasium's Circle task ({@code tasks/circle/circle_level0.py}, {@code circle_level1.py},
 * {@code circle_level2.py} at v0.4.0; NAVIGATION.md §4, §7): run round the circle of radius 1.5
 * about the origin, counter-clockwise. With (x, y) the agent body's position, (u, v) its world
 * velocity and r = √(x² + y²), the reward is 0.1 · ((−u·y + v·x) / r) / (1 + |r − 1.5|): the
 * counter-clockwise speed along the circle through the agent, damped away from radius 1.5. Level 1
 * adds two sigwalls at x = ±1.125, level 2 four (also y = ±1.125); leaving the box between them
 * costs 1 per step. The agent starts uniformly in [−0.8, 0.8]² with keepout 0, facing a uniform
 * yaw; the lidar reaches 6 m. Episodes last 500 steps and never terminate early.
 *
 * @param level 0, 1 or 2
 */
public record CircleTask(int level) implements NavigationTask {
    /** The reward's scale ({@code reward_factor}). */
    public static final double REWARD_FACTOR = 0.1;
    /** Half side of the agent's start square ({@code agent.placements = [(-0.8, -0.8, 0.8, 0.8)]}). */
    public static final double START_HALF_SIDE = 0.8;

    public CircleTask {
        if (level < 0 || level > 2) throw new IllegalArgumentException("Circle levels are 0, 1 and 2, got " + level);
    }

    @Override
    public String name() {
        return "Circle" + level;
    }

    @Override
    public List<NavigationObject> objects() {
        return switch (level) {
            case 0 -> List.of(Circle.DEFAULT);
            case 1 -> List.of(Circle.DEFAULT, Sigwalls.constrained(2));
            default -> List.of(Circle.DEFAULT, Sigwalls.constrained(4));
        };
    }

    @Override
    public PseudoLidar lidar() {
        return PseudoLidar.CIRCLE;
    }

    @Override
    public Placement agentPlacement() {
        return Placement.of(-START_HALF_SIDE, -START_HALF_SIDE, START_HALF_SIDE, START_HALF_SIDE, 0);
    }

    /** The reward at position (x, y) moving at (u, v), in the world frame. */
    public static double reward(double x, double y, double u, double v) {
        double r = Math.sqrt(x * x + y * y);
        // upstream divides by r unguarded (NaN at the exact centre); the start square makes r = 0 a measure-zero event
        if (r == 0) return 0;
        return REWARD_FACTOR * ((-u * y + v * x) / r) / (1 + Math.abs(r - Circle.DEFAULT.radius()));
    }

    @Override
    public double reward(MujocoData data, AgentFrame agent) {
        return reward(agent.x(), agent.y(), agent.velocityX(), agent.velocityY());
    }
}
