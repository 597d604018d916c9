package org.drcorl.spi;

/** A policy that acts for one episode; may keep per-episode state (a controller's integrator). */
public interface EpisodePolicy {

    /** The action for this observation; its length is the task's action dimension. */
    float[] act(float[] observation);

    /** A short label of what kind of behaviour this is, e.g. {@code careful(0.3)}; stored with the data. */
    String label();
}
