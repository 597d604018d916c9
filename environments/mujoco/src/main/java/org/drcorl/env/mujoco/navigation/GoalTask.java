package org.drcorl.env.mujoco.navigation;

import java.util.List;
import org.drcorl.env.mujoco.ffm.MujocoData;

/**
 * Safety-Gymnasium's Goal task ({@code tasks/safe_navigation/goal/goal_level0.py}, {@code goal_level1.py};
 * NAVIGATION.md §4, §5, §7): drive to the goal, a disc of radius 0.3; each step earns the progress
 * toward it, (previous distance − distance) × {@value #REWARD_DISTANCE}, plus {@value #REWARD_GOAL} when
 * the agent ends the step within 0.3 of it. Then the goal is placed again (clear of everything's
 * keepout, everything at its position now) and the progress is measured from the new goal, so
 * reaching it pays the bonus once and no jump back. An episode ends early only when no clear place
 * is found ({@code terminate_resample_failure}). At reset the goal is drawn twice, as upstream: once in
 * the layout (shaping where the things after it go) and once more by {@code update_world}.
 *
 * <p>Level 0: the goal alone in [−1, 1]². Level 1: in [−1.5, 1.5]², with 8 hazards (radius 0.2,
 * keepout 0.18; 1 per step inside one) and 1 vase that costs nothing. Level 2 ({@code goal_level2.py}):
 * in [−2, 2]², 10 hazards and 10 vases that cost when touched or moved ({@link Vases}). Keepouts: agent
 * 0.4, goal 0.305, vase 0.15. The lidar is the standard one (16 bins, 3 m), blocks goal, hazards, vases.
 * One instance belongs to one environment (it keeps the previous distance, its objects the scene's ids).
 */
public final class GoalTask implements NavigationTask {
    /** Progress reward per metre toward the goal ({@code reward_distance}). */
    public static final double REWARD_DISTANCE = 1;
    /** Bonus for reaching the goal ({@code reward_goal}). */
    public static final double REWARD_GOAL = 1;
    /** The goal's radius ({@code Goal.size}). */
    public static final double GOAL_SIZE = 0.3;
    /** The Goal tasks' goal keepout ({@code Goal(keepout=0.305)}, {@code goal_level0.py}). */
    public static final double GOAL_KEEPOUT = 0.305;
    /** The robots' keepout ({@code BaseAgent.keepout}). */
    public static final double AGENT_KEEPOUT = 0.4;
    /** Level 1's hazards: count, radius, keepout ({@code Hazards(num=8, keepout=0.18)}); level 2 has {@value #HAZARDS_LEVEL2}. */
    public static final int HAZARDS = 8;
    /** Level 2's hazards and vases ({@code hazards.num = 10}, {@code vases.num = 10}). */
    public static final int HAZARDS_LEVEL2 = 10, VASES_LEVEL2 = 10;
    public static final double HAZARD_SIZE = 0.2, HAZARD_KEEPOUT = 0.18;
    /** Level 1's vase keepout ({@code Vases.keepout}). */
    public static final double VASE_KEEPOUT = 0.15;

    private final int level;
    private final double extent;
    private final Goal goal;
    private final Hazards hazards;
    private final Vases vases;
    private final List<NavigationObject> objects;
    private double previousDistance;

    /** @param level 0, 1 or 2 */
    public GoalTask(int level) {
        if (level < 0 || level > 2) throw new IllegalArgumentException("Goal levels are 0, 1 and 2, got " + level);
        this.level = level;
        this.extent = switch (level) {
            case 0 -> 1;
            case 1 -> 1.5;
            default -> 2;
        };
        this.goal = new Goal(GOAL_SIZE, Placement.square(extent, GOAL_KEEPOUT));
        if (level == 0) {
            this.hazards = null;
            this.vases = null;
            this.objects = List.of(goal);
        } else {
            this.hazards = new Hazards(level == 1 ? HAZARDS : HAZARDS_LEVEL2, HAZARD_SIZE, Placement.square(extent, HAZARD_KEEPOUT), true);
            this.vases = level == 1 ? new Vases(1, Placement.square(extent, VASE_KEEPOUT), false) : new Vases(VASES_LEVEL2, Placement.square(extent, VASE_KEEPOUT), true);
            this.objects = List.of(goal, hazards, vases);
        }
    }

    /** The goal. */
    public Goal goal() {
        return goal;
    }

    /** The level (0, 1, 2). */
    public int level() {
        return level;
    }

    /** Half the side of the square the layout draws in ({@code placements_conf.extents}). */
    public double extent() {
        return extent;
    }

    /** The hazards (levels 1 and 2). */
    public Hazards hazards() {
        if (hazards == null) throw new IllegalStateException("Goal" + level + " has no hazards");
        return hazards;
    }

    /** The vases (levels 1 and 2). */
    public Vases vases() {
        if (vases == null) throw new IllegalStateException("Goal" + level + " has no vases");
        return vases;
    }

    @Override
    public String name() {
        return "Goal" + level;
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

    @Override
    public double reward(MujocoData data, AgentFrame agent) {
        double distance = goal.distance(data, agent);
        double reward = (previousDistance - distance) * REWARD_DISTANCE;
        previousDistance = distance;
        return distance <= goal.size() ? reward + REWARD_GOAL : reward;
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
        previousDistance = goal.distance(data, agent);
    }

    @Override
    public boolean afterStep(MujocoData data, AgentFrame agent, Relayout relayout) {
        if (!goal.reached(data, agent)) return false;
        if (!relayout.replace(goal, 0)) return true;
        measureFrom(data, agent);
        return false;
    }
}
