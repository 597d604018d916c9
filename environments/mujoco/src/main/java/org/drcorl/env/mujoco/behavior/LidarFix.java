package org.drcorl.env.mujoco.behavior;

import org.drcorl.env.mujoco.navigation.PseudoLidar;

/**
 * Where a single object is, in the agent's frame, decoded from its pseudo-lidar block
 * (NAVIGATION.md §3): the bin with the highest reading gives the coarse bearing, its neighbours'
 * alias readings the position within the bin, the reading the distance. Exact for one object in
 * range (the goal, the Circle's centre).
 *
 * @param distance metres to the object, NaN when it is out of the lidar's range
 * @param bearing  radians counter-clockwise from the body's +x, in [0, 2π)
 */
record LidarFix(double distance, double bearing) {

    /** Decodes the block at {@code offset}; a NaN distance when nothing is in range. */
    static LidarFix decode(float[] obs, int offset, PseudoLidar lidar) {
        int bins = lidar.bins(), best = 0;
        for (int b = 1; b < bins; b++) if (obs[offset + b] > obs[offset + best]) best = b;
        double reading = obs[offset + best];
        if (!(reading > 0)) return new LidarFix(Double.NaN, 0);
        // the next bin holds alias·reading, the previous (1 − alias)·reading; the larger of the two is the better measure
        double next = obs[offset + (best + 1) % bins] / reading, previous = obs[offset + (best - 1 + bins) % bins] / reading;
        double alias = lidar.alias() ? (next >= previous ? next : 1 - previous) : 0.5;
        alias = Math.max(0, Math.min(1, alias));
        double binWidth = 2 * Math.PI / bins;
        return new LidarFix(lidar.maxDistance() * (1 - reading), (best + alias) * binWidth);
    }

    /** Whether the object is in range. */
    boolean seen() {
        return !Double.isNaN(distance);
    }
}
