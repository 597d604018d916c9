package org.drcorl.env.mujoco.navigation;

import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoModel;

/**
 * One kind of object of a navigation task (Safety-Gymnasium's {@code Geom}, {@code FreeGeom} or
 * {@code Mocap} classes under {@code assets/}): what it adds to the scene, what the lidar sees of
 * it and what it costs. A task lists its objects in upstream registration order, which fixes the
 * order of the lidar blocks in the observation (NAVIGATION.md §2). Circle and sigwalls stand at
 * fixed places; objects placed by the layout (hazards, vases, the goal, …) would take their
 * placement here too when those tasks are added.
 */
public interface NavigationObject {

    /** Upstream's name of the kind, e.g. {@code circle}, {@code sigwalls}, {@code hazards}. */
    String name();

    /** The MJCF bodies this object adds to the scene's {@code worldbody}. */
    String mjcf();

    /** What it adds to the scene's {@code <equality>} section (the gremlins' welds). Default: nothing. */
    default String equalityMjcf() {
        return "";
    }

    /** Whether it moves its mocap bodies before every substep ({@link #beforeSubstep}). Default: no. */
    default boolean movesMocaps() {
        return false;
    }

    /** Moves its mocap bodies before one {@code mj_step} (gremlins; {@code data.time} is the substep's start). Default: nothing. */
    default void beforeSubstep(MujocoData data) {}

    /** Whether the observation has a {@code <name>_lidar} block for it ({@code is_lidar_observed}). */
    boolean lidarObserved();

    /**
     * Called once the scene is compiled, before any lidar or cost call: look up the ids it needs.
     * Default: nothing (objects at constant places need no ids).
     */
    default void bind(MujocoModel model) {}

    /**
     * Writes the world (x, y) of every instance the lidar sees into {@code xy} (interleaved) and
     * returns how many there are. The observation calls it only for objects whose
     * {@link #lidarObserved()} is true, and those must override it; the default is for the others
     * (sigwalls), so reaching it means an object says it is observed without saying where it is.
     */
    default int lidarPositions(MujocoData data, double[] xy) {
        throw new IllegalStateException(name() + " reports lidarObserved() but does not override lidarPositions()");
    }

    /** Most instances {@link #lidarPositions} writes (to size the buffer once). */
    default int instances() {
        return 1;
    }

    /**
     * This object's cost term for the state reached ({@code cal_cost}); positive means violated.
     * The task sums the terms and turns the sum into the indicator 0/1 ({@code constrain_indicator},
     * {@code base_task.py:84-92, 200-212}). An unconstrained object returns 0.
     */
    default double cost(MujocoData data, AgentFrame agent) {
        return 0;
    }
}
