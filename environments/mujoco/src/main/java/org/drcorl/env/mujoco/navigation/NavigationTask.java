package org.drcorl.env.mujoco.navigation;

import java.util.List;

/**
 * What makes one Safety-Gymnasium navigation task (Goal, Button, Push, Circle at a level) apart
 * from the robot: its objects, its lidar, where the agent starts and what it earns. The costs come
 * from the objects ({@link NavigationObject#cost}), the sensors from the robot; {@link NavigationEnv}
 * puts them together. A task module is one short class.
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

    /** The reward of the state reached ({@code calculate_reward}); {@code agent} is current. */
    double reward(AgentFrame agent);
}
