package org.drcorl.env.mujoco.examples;

import java.util.List;
import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.navigation.AgentFrame;
import org.drcorl.env.mujoco.navigation.Circle;
import org.drcorl.env.mujoco.navigation.CircleTask;
import org.drcorl.env.mujoco.navigation.Hazards;
import org.drcorl.env.mujoco.navigation.NavigationObject;
import org.drcorl.env.mujoco.navigation.NavigationTask;
import org.drcorl.env.mujoco.navigation.Placement;
import org.drcorl.env.mujoco.navigation.PseudoLidar;

/**
 * A navigation layout that is not upstream's, written the way a user would from a plugin of their own
 * (public API only; the mujoco README and notebook 05 quote it): the Circle task's reward, with
 * {@value #HAZARDS} hazards drawn in the square band 1 ≤ max(|x|, |y|) ≤ 2 round the circle instead of the
 * sigwalls, so the best lap weaves between them. The robot, the
 * lidar, the layout with its keepouts, the 0/1 cost and the episode loop all come from the shared pieces:
 * the class only lists its objects and says where the agent starts and what a step earns.
 */
public final class HazardCircleTask implements NavigationTask {
    /** How many hazards, their radius and keepout (the Goal tasks' hazards). */
    public static final int HAZARDS = 6;
    public static final double HAZARD_SIZE = 0.2, HAZARD_KEEPOUT = 0.18;

    // Hazards hold their scene's body ids, so every environment gets a task (and hazards) of its own.
    private final Hazards hazards = new Hazards(HAZARDS, HAZARD_SIZE, new Placement(List.of(
            new double[] {-2, 1, 2, 2}, new double[] {-2, -2, 2, -1},     // above and below the start square
            new double[] {-2, -1, -1, 1}, new double[] {1, -1, 2, 1}),    // left and right of it
            HAZARD_KEEPOUT), true);

    /** The hazards (tests move them). */
    public Hazards hazards() {
        return hazards;
    }

    @Override
    public String name() {
        return "HazardCircle";
    }

    @Override
    public List<NavigationObject> objects() {
        return List.of(Circle.DEFAULT, hazards); // lidar blocks in this order: circle, then hazards
    }

    @Override
    public PseudoLidar lidar() {
        return PseudoLidar.CIRCLE;
    }

    @Override
    public Placement agentPlacement() {
        return Placement.of(-0.8, -0.8, 0.8, 0.8, 0.4); // the keepout keeps hazards off the start
    }

    @Override
    public double reward(MujocoData data, AgentFrame agent) {
        return CircleTask.reward(agent.x(), agent.y(), agent.velocityX(), agent.velocityY());
    }
}
