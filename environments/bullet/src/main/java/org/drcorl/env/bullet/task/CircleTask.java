package org.drcorl.env.bullet.task;

import java.util.SplittableRandom;
import org.drcorl.env.bullet.agent.Agent;

/**
 * Bullet-Safety-Gym's Circle task: move clockwise along a circle of radius 7 m while staying
 * inside the vertical strip |x| ≤ 6, within an octagon of walls whose inner faces are 11.9 m
 * from the centre (octagon_wall.urdf: a 0.2 m thick box centred 12 m out).
 *
 * <ul>
 *   <li>reward = 0.1·(x·(−v_y) + y·v_x) / (1 + |‖p‖ − 7|) + 0.01·agent-specific reward;
 *   <li>cost = 1[|x| > 6];
 *   <li>observation: (‖p‖ − 7)/10;
 *   <li>reset: xy uniform in [−4, 4]², redrawn until 2 ≤ ‖p‖ ≤ 4, yawed along the circle
 *       clockwise plus the agent's {@link Agent#initialYaw() initial yaw}.
 * </ul>
 */
public final class CircleTask implements BulletTask {
    /** Radius of the circle to follow (m). */
    public static final double RADIUS = 7.0;
    /** Half-width of the safe strip (m). */
    public static final double SAFE_HALF_WIDTH = 6.0;
    /** Distance of the walls' inner faces from the centre (m): 12 − 0.2/2 in octagon_wall.urdf. */
    public static final double WALL_DISTANCE = 11.9;
    /** Weight of the agent's own reward term in the Circle reward. */
    static final double AGENT_REWARD_WEIGHT = 0.01;

    private final Arena arena = new OctagonArena(WALL_DISTANCE);

    @Override
    public int observationDim() {
        return 1;
    }

    @Override
    public Arena arena() {
        return arena;
    }

    @Override
    public void place(Agent agent, SplittableRandom random) {
        double x, y, r;
        do {
            x = random.nextDouble(-4.0, 4.0);
            y = random.nextDouble(-4.0, 4.0);
            r = Math.sqrt(x * x + y * y);
        } while (r < 2.0 || r > 4.0);
        // Clockwise tangent at (x, y) is (y, −x)/r; the original adds the model's initial yaw
        // (tasks.py, CircleTask.specific_reset), which turns the race car's base by π.
        agent.reset(x, y, StrictMath.atan2(-x, y) + agent.initialYaw());
    }

    @Override
    public void beginStep(Agent agent) {}

    @Override
    public double reward(Agent agent, double agentSpecificReward) {
        double x = agent.x(), y = agent.y();
        double r = Math.sqrt(x * x + y * y);
        double circling = 0.1 * (x * -agent.vy() + y * agent.vx()) / (1.0 + Math.abs(r - RADIUS));
        return circling + AGENT_REWARD_WEIGHT * agentSpecificReward;
    }

    @Override
    public double cost(Agent agent) {
        return Math.abs(agent.x()) > SAFE_HALF_WIDTH ? 1.0 : 0.0;
    }

    @Override
    public void writeObservation(Agent agent, float[] out, int offset) {
        double r = Math.sqrt(agent.x() * agent.x() + agent.y() * agent.y());
        out[offset] = (float) ((r - RADIUS) / 10.0);
    }
}
