package org.drcorl.env.mujoco.navigation;

import java.util.List;
import org.drcorl.env.mujoco.ffm.MujocoData;

/**
 * Safety-Gymnasium's Push task ({@code tasks/safe_navigation/push/push_level0.py}, {@code push_level1.py},
 * {@code push_level2.py} at v0.4.0; NAVIGATION.md §4, §5, §7): push the {@link PushBox} into the goal, a
 * disc of radius 0.3. Each step earns the agent's progress toward the box, (previous − current agent-box
 * distance) × {@value #REWARD_BOX_DIST}, plus the box's progress toward the goal, (previous − current
 * box-goal distance) × {@value #REWARD_BOX_GOAL}, plus {@value #REWARD_GOAL} when the box ends the step
 * within 0.3 of the goal. Both distances are 3-D between body positions (agent body, box body, goal
 * body), as upstream's {@code dist_box} and {@code dist_box_goal}. The agent-box term is gated on the
 * previous distance exceeding {@code null_dist × size}, which the Push tasks set to 0 ({@code PushBox(null_dist=0)}),
 * so it is always on. When the box reaches the goal, the goal is placed again clear of everything at its
 * position now and both distances are measured from there (the bonus is paid once); an episode ends early
 * only when no clear place is found. At reset the goal is drawn twice, as upstream.
 *
 * <p>Level 0: goal and box in [−1, 1]². Level 1: in [−1.5, 1.5]², with 2 hazards of radius 0.3 (keepout
 * 0.4; 1 per step inside one) and 1 {@link Pillars pillar} that costs nothing. Level 2: [−2, 2]², 4 hazards
 * and 4 pillars that cost when touched. Keepouts: agent 0.4, goal 0.4, pillars 0.3, box per robot
 * ({@link PushBox#forRobot}). The objects, in upstream's order (geoms goal, hazards, pillars, then the free
 * box), fix the lidar blocks: goal, hazards, pillars, push_box. One instance belongs to one environment.
 */
public final class PushTask implements NavigationTask {
    /** Reward per metre the agent comes closer to the box ({@code reward_box_dist}) and the box to the goal ({@code reward_box_goal}). */
    public static final double REWARD_BOX_DIST = 1, REWARD_BOX_GOAL = 1;
    /** Bonus when the box reaches the goal ({@code goal.reward_goal}). */
    public static final double REWARD_GOAL = 1;
    /** The agent-box term is paid while the previous distance exceeds this × the box size ({@code PushBox(null_dist=0)}). */
    public static final double NULL_DIST = 0;
    /** The goal's radius and keepout (upstream's {@code Goal()} defaults). */
    public static final double GOAL_SIZE = 0.3, GOAL_KEEPOUT = 0.4;
    public static final double AGENT_KEEPOUT = 0.4;
    /** The Push hazards: radius 0.3 ({@code Hazards(num=2, size=0.3)}), default keepout 0.4. */
    public static final double HAZARD_SIZE = 0.3, HAZARD_KEEPOUT = 0.4;
    /** Pillars' default keepout. */
    public static final double PILLAR_KEEPOUT = 0.3;
    /** Level 1's hazards and pillars; level 2's. */
    public static final int HAZARDS = 2, PILLARS = 1, HAZARDS_LEVEL2 = 4, PILLARS_LEVEL2 = 4;

    private final int level;
    private final double extent;
    private final Goal goal;
    private final Hazards hazards;
    private final Pillars pillars;
    private final PushBox box;
    private final List<NavigationObject> objects;
    private final double[] goalXy = new double[2];
    private double previousBoxDistance, previousBoxGoal;

    /**
     * @param level 0, 1 or 2
     * @param robot the robot (the box's size, density and keepout are the robot's)
     */
    public PushTask(int level, Robot robot) {
        if (level < 0 || level > 2) throw new IllegalArgumentException("Push levels are 0, 1 and 2, got " + level);
        this.level = level;
        this.extent = switch (level) {
            case 0 -> 1;
            case 1 -> 1.5;
            default -> 2;
        };
        this.goal = new Goal(GOAL_SIZE, Placement.square(extent, GOAL_KEEPOUT));
        this.box = PushBox.forRobot(robot, extent);
        if (level == 0) {
            this.hazards = null;
            this.pillars = null;
            this.objects = List.of(goal, box);
        } else {
            this.hazards = new Hazards(level == 1 ? HAZARDS : HAZARDS_LEVEL2, HAZARD_SIZE, Placement.square(extent, HAZARD_KEEPOUT), true);
            this.pillars = new Pillars(level == 1 ? PILLARS : PILLARS_LEVEL2, Placement.square(extent, PILLAR_KEEPOUT), level == 2);
            this.objects = List.of(goal, hazards, pillars, box);
        }
    }

    public int level() {
        return level;
    }

    /** Half the side of the square the layout draws in. */
    public double extent() {
        return extent;
    }

    public Goal goal() {
        return goal;
    }

    public PushBox box() {
        return box;
    }

    public Hazards hazards() {
        if (hazards == null) throw new IllegalStateException("Push" + level + " has no hazards");
        return hazards;
    }

    public Pillars pillars() {
        if (pillars == null) throw new IllegalStateException("Push" + level + " has no pillars");
        return pillars;
    }

    @Override
    public String name() {
        return "Push" + level;
    }

    @Override
    public List<NavigationObject> objects() {
        return objects;
    }

    @Override
    public PseudoLidar lidar() {
        return PseudoLidar.STANDARD;
    }

    @Override
    public Placement agentPlacement() {
        return Placement.square(extent, AGENT_KEEPOUT);
    }

    /** The 3-D distance from the agent body to the box body ({@code dist_box}). */
    public double boxDistance(MujocoData data, AgentFrame agent) {
        return box.distance(data, agent.position[0], agent.position[1], agent.position[2]);
    }

    /** The 3-D distance from the box body to the goal body ({@code dist_box_goal}). */
    public double boxGoalDistance(MujocoData data) {
        goal.positions(data, goalXy);
        return box.distance(data, goalXy[0], goalXy[1], goal.height());
    }

    /** Whether the box is within the goal's radius of it ({@code goal_achieved}). */
    public boolean boxAtGoal(MujocoData data) {
        return boxGoalDistance(data) <= goal.size();
    }

    @Override
    public double reward(MujocoData data, AgentFrame agent) {
        double toBox = boxDistance(data, agent);
        double gate = previousBoxDistance > NULL_DIST * box.size() ? 1 : 0;
        double reward = (previousBoxDistance - toBox) * REWARD_BOX_DIST * gate;
        previousBoxDistance = toBox;
        double toGoal = boxGoalDistance(data);
        reward += (previousBoxGoal - toGoal) * REWARD_BOX_GOAL;
        previousBoxGoal = toGoal;
        return toGoal <= goal.size() ? reward + REWARD_GOAL : reward;
    }

    /**
     * @throws IllegalStateException if the goal finds no clear place (upstream raises an uncaught
     *                               {@code ResamplingError} at reset)
     */
    @Override
    public void beginEpisode(MujocoData data, AgentFrame agent, Relayout relayout) {
        if (!relayout.replace(goal, 0)) throw new IllegalStateException(name() + ": failed to place the goal at reset");
        measureFrom(data, agent);
    }

    @Override
    public void measureFrom(MujocoData data, AgentFrame agent) {
        previousBoxDistance = boxDistance(data, agent);
        previousBoxGoal = boxGoalDistance(data);
    }

    @Override
    public boolean afterStep(MujocoData data, AgentFrame agent, Relayout relayout) {
        if (!boxAtGoal(data)) return false;
        if (!relayout.replace(goal, 0)) return true;
        measureFrom(data, agent);
        return false;
    }
}
