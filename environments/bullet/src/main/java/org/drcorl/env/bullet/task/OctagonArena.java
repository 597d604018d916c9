package org.drcorl.env.bullet.task;

import org.drcorl.env.bullet.agent.Agent;

/**
 * A regular octagon of walls around the origin, as in Bullet-Safety-Gym's Circle task: eight
 * walls, each {@code apothem} metres from the centre, with outward normals at multiples of 45°.
 * An agent that reaches a wall stops against it (no bounce).
 */
public final class OctagonArena implements Arena {
    private final double apothem;
    private final double[] normalX = new double[8];
    private final double[] normalY = new double[8];

    public OctagonArena(double apothem) {
        this.apothem = apothem;
        for (int k = 0; k < 8; k++) {
            double angle = k * Math.PI / 4;
            normalX[k] = StrictMath.cos(angle);
            normalY[k] = StrictMath.sin(angle);
        }
    }

    @Override
    public void constrain(Agent agent) {
        for (int k = 0; k < 8; k++) agent.stopAtWall(normalX[k], normalY[k], apothem);
    }
}
