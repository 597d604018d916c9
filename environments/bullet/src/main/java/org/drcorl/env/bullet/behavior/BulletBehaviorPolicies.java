package org.drcorl.env.bullet.behavior;

import java.util.SplittableRandom;
import org.drcorl.env.bullet.BulletTaskDefinition;
import org.drcorl.env.bullet.agent.Agent;
import org.drcorl.env.bullet.agent.BallAgent;
import org.drcorl.env.bullet.agent.CarAgent;
import org.drcorl.env.bullet.agent.DroneAgent;
import org.drcorl.env.bullet.task.BulletTask;
import org.drcorl.env.bullet.task.CircleTask;
import org.drcorl.env.bullet.task.RunTask;
import org.drcorl.spi.BehaviorPolicyFamily;

/**
 * The data-collection policies of the Bullet tasks. Each episode gets an aggressiveness α,
 * stratified over [0, 1], that sets both how fast the policy goes and how much it respects
 * the constraint, plus per-episode noise:
 *
 * <ul>
 *   <li>Circle: speed from 45% to 100% of the agent's cruise speed; the x-band it keeps to
 *       grows from 5 m less the agent's overshoot (safe, with a margin) to 8 m (the full circle, costly a third of the time);
 *   <li>Run: speed from 0.6 to 1.5 times v_lim; a lateral lane that drifts up to 3.5 m off
 *       the centre line for the reckless ones.
 * </ul>
 */
public final class BulletBehaviorPolicies {
    private BulletBehaviorPolicies() {}

    /** The family for one task. */
    public static BehaviorPolicyFamily forTask(BulletTaskDefinition definition) {
        Agent agent = definition.agents().get();
        BulletTask task = definition.tasks().get();
        return (episode, episodes, random) -> {
            Aggressiveness aggressiveness = Aggressiveness.stratified(episode, episodes, random);
            double alpha = aggressiveness.value();
            VelocityController controller = controllerFor(agent);
            Guide guide = switch (task) {
                case CircleTask c -> new CircleGuide(
                        controller.cruiseSpeed() * (0.45 + 0.55 * alpha) * (0.9 + 0.2 * random.nextDouble()),
                        circleBand(alpha, controller.overshoot()));
                case RunTask r -> new RunGuide(
                        agent.speedLimit() * (0.6 + 0.9 * alpha) * (0.95 + 0.1 * random.nextDouble()),
                        (random.nextBoolean() ? 1 : -1) * 3.5 * alpha * random.nextDouble());
                default -> throw new IllegalArgumentException("no behaviour policies for " + task);
            };
            double noise = noiseScale(agent) * random.nextDouble();
            SplittableRandom episodeRandom = random.split();
            return new TrackingPolicy(guide, controller, noise, episodeRandom, aggressiveness.label());
        };
    }

    /**
     * The x-band a Circle policy keeps to: 5 m less the agent's overshoot when careful
     * (safe), 8 m when reckless (the full circle of radius 7).
     */
    private static double circleBand(double alpha, double overshoot) {
        double careful = 5.0 - overshoot;
        return careful + (8.0 - careful) * alpha;
    }

    private static VelocityController controllerFor(Agent agent) {
        return switch (agent) {
            case BallAgent b -> new BallVelocityController();
            case CarAgent c -> new CarVelocityController();
            case DroneAgent d -> new DroneVelocityController();
            default -> throw new IllegalArgumentException("no controller for " + agent);
        };
    }

    /** Largest action noise: a drone tolerates little before it tumbles. */
    private static double noiseScale(Agent agent) {
        return agent instanceof DroneAgent ? 0.05 : 0.2;
    }
}
