package org.drcorl.env.bullet.behavior;

/** The high-level part of a behaviour policy: the planar velocity it wants at a position. */
interface Guide {

    /** Target velocity (vx, vy) at position (x, y). */
    double[] targetVelocity(double x, double y);
}
