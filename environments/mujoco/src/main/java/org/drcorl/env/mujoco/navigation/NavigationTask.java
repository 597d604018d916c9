package org.drcorl.env.mujoco.navigation;

import java.util.List;
import org.drcorl.env.mujoco.ffm.MujocoData;

/**
 * What makes one Safety-Gymnasium navigation task (Goal, Button, Push, Circle at a level) apart
 * from the robot: its objects, its lidar, where the agent starts, what it earns and what happens
 * when it reaches a goal. The costs come from the objects ({@link NavigationObject#cost}), the
 * sensors from the robot, the layout from the objects' placements ({@link PlacedObject});
 * {@link NavigationEnv} puts them together. A task module is one short class.
 *
 * <p>A task whose objects hold their scene's ids or whose reward keeps state (the Goal task's
 * previous distance) belongs to one environment: make one per environment.
 */
public interface NavigationTask {

    /** Upstream's task and level, e.g. {@code Circle1}. */
    String name();

    /** The objects in upstream registration order (fixes the lidar blocks' order, NAVIGATION.md §2). */
    List<NavigationObject> objects();

    /** The lidar every lidar-observed object is seen with. */
    PseudoLidar lidar();

    /** Where the agent may start ({@code agent.placements}, {@code agent.keepout}). */
    Placement agentPlacement();

    /** The reward of the state reached ({@code calculate_reward}), before clipping; {@code agent} is current. */
    double reward(MujocoData data, AgentFrame agent);

    /**
     * Upstream's {@code update_world} at reset, once the layout is placed and forwarded: the Goal task
     * places its goal again and measures its distance. Default: {@link #measureFrom}.
     */
    default void beginEpisode(MujocoData data, AgentFrame agent, Relayout relayout) {
        measureFrom(data, agent);
    }

    /**
     * Takes the state now as the reference of a progress reward (the previous goal distance); called
     * by {@link #beginEpisode} and when a tool moves things by hand. Default: nothing.
     */
    default void measureFrom(MujocoData data, AgentFrame agent) {}

    /**
     * The goal handling after a step's reward and cost ({@code builder.py:217-235}); returns whether the
     * episode ends (a goal that could not be placed again). Default: nothing, never.
     */
    default boolean afterStep(MujocoData data, AgentFrame agent, Relayout relayout) {
        return false;
    }

    /** What a task may do to the layout during an episode. */
    interface Relayout {
        /**
         * {@code update_layout} (every layout entry takes its thing's current position), then instance
         * {@code i} of {@code object} drawn again clear of all others, moved there and forwarded; false
         * if no clear place was found (the object stays).
         */
        boolean replace(PlacedObject object, int i);

        /** Instance {@code i} of {@code object} moved to (x, y) (its yaw kept), in the layout and the scene, then forwarded. */
        void move(PlacedObject object, int i, double x, double y);

        /** A uniform draw from 0 … n − 1 from the episode's random stream (upstream's {@code random_generator.choice(n)}). */
        int choose(int n);
    }
}
