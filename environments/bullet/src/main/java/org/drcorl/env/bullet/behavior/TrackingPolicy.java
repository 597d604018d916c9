package org.drcorl.env.bullet.behavior;

import java.util.SplittableRandom;
import org.drcorl.spi.EpisodePolicy;

/** A guide flown by a velocity controller, with Gaussian action noise of its own seeded source. */
final class TrackingPolicy implements EpisodePolicy {
    private final Guide guide;
    private final VelocityController controller;
    private final double noise;
    private final SplittableRandom random;
    private final String label;

    TrackingPolicy(Guide guide, VelocityController controller, double noise, SplittableRandom random, String label) {
        this.guide = guide;
        this.controller = controller;
        this.noise = noise;
        this.random = random;
        this.label = label;
    }

    @Override
    public float[] act(float[] observation) {
        double[] v = guide.targetVelocity(controller.x(observation), controller.y(observation));
        float[] action = controller.act(observation, v[0], v[1]);
        for (int i = 0; i < action.length; i++) {
            action[i] = VelocityController.clip(action[i] + noise * random.nextGaussian());
        }
        return action;
    }

    @Override
    public String label() {
        return label;
    }
}
