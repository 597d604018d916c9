package org.drcorl.env.mujoco.navigation;

import java.util.List;
import org.drcorl.env.mujoco.ffm.MujocoData;

/**
 * Safety-Gymnasium's Button task ({@code tasks/button/button_level0.py}, {@code button_level1.py},
 * {@code button_level2.py} at v0.4.0; NAVIGATION.md §2-§7): press the goal button, one of
 * {@value #BUTTONS} {@link Buttons} chosen at random. Each step earns the progress toward it,
 * (previous distance − distance) × {@value #REWARD_DISTANCE}, measured to the goal marker (a
 * non-colliding {@link Goal} of radius 0.2 standing on the goal button), plus {@value #REWARD_GOAL}
 * when a robot geom touches the goal button. Then, after the buttons' timer ticks, a pressed goal
 * button makes a new goal button (the same one may come again), the marker moves onto it, the
 * progress is measured from there and the buttons rest for {@value Buttons#RESAMPLING_DELAY} steps
 * (their lidar blank, wrong presses free). The episode never ends early.
 *
 * <p>Level 0: 4 buttons in [−1, 1]², pressing a wrong one costs nothing. Level 1: [−1.5, 1.5]², wrong
 * presses cost, 4 hazards (radius 0.2, keepout 0.18) and 4 {@link Gremlins} (travel 0.35, keepout 0.4).
 * Level 2: [−1.8, 1.8]², 8 hazards, 6 gremlins. Keepouts: agent 0.4, buttons 0.2, goal 0.4. Lidar
 * blocks: buttons, goal, hazards, gremlins (standard lidar). At reset the goal button is drawn, then
 * the timer set to 0, so buttons are seen and wrong presses cost from the first step. One instance
 * belongs to one environment.
 */
public final class ButtonTask implements NavigationTask {
    public static final int BUTTONS = 4;
    /** Reward per metre toward the goal button, and the press bonus ({@code buttons.reward_distance}, {@code reward_goal}). */
    public static final double REWARD_DISTANCE = 1, REWARD_GOAL = 1;
    /** The goal marker's radius, twice a button's ({@code Goal(size=buttons.size * 2)}), and its default keepout. */
    public static final double GOAL_SIZE = 2 * Buttons.SIZE, GOAL_KEEPOUT = 0.4;
    public static final double BUTTON_KEEPOUT = 0.2, AGENT_KEEPOUT = 0.4, HAZARD_SIZE = 0.2, HAZARD_KEEPOUT = 0.18;
    public static final double GREMLIN_TRAVEL = 0.35, GREMLIN_KEEPOUT = 0.4;

    private final int level;
    private final double extent;
    private final Buttons buttons;
    private final Goal goal;
    private final Hazards hazards;
    private final Gremlins gremlins;
    private final List<NavigationObject> objects;
    private double previousDistance;

    /** @param level 0, 1 or 2 */
    public ButtonTask(int level) {
        if (level < 0 || level > 2) throw new IllegalArgumentException("Button levels are 0, 1 and 2, got " + level);
        this.level = level;
        this.extent = switch (level) {
            case 0 -> 1;
            case 1 -> 1.5;
            default -> 1.8;
        };
        this.buttons = new Buttons(BUTTONS, Placement.square(extent, BUTTON_KEEPOUT), level > 0);
        this.goal = new Goal(GOAL_SIZE, Placement.square(extent, GOAL_KEEPOUT));
        if (level == 0) {
            this.hazards = null;
            this.gremlins = null;
            this.objects = List.of(buttons, goal);
        } else {
            this.hazards = new Hazards(level == 1 ? 4 : 8, HAZARD_SIZE, Placement.square(extent, HAZARD_KEEPOUT), true);
            this.gremlins = new Gremlins(level == 1 ? 4 : 6, GREMLIN_TRAVEL, Placement.square(extent, GREMLIN_KEEPOUT));
            this.objects = List.of(buttons, goal, hazards, gremlins);
        }
    }

    public int level() {
        return level;
    }

    public double extent() {
        return extent;
    }

    public Buttons buttons() {
        return buttons;
    }

    /** The goal marker on the goal button. */
    public Goal goal() {
        return goal;
    }

    public Hazards hazards() {
        if (hazards == null) throw new IllegalStateException("Button" + level + " has no hazards");
        return hazards;
    }

    public Gremlins gremlins() {
        if (gremlins == null) throw new IllegalStateException("Button" + level + " has no gremlins");
        return gremlins;
    }

    @Override
    public String name() {
        return "Button" + level;
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
        return buttons.goalPressed(data, agent) ? reward + REWARD_GOAL : reward;
    }

    /** {@code update_world} (a goal button drawn) then {@code specific_reset} (timer 0). */
    @Override
    public void beginEpisode(MujocoData data, AgentFrame agent, Relayout relayout) {
        setGoalButton(relayout.choose(BUTTONS), data, relayout);
        buttons.setTimer(0);
        measureFrom(data, agent);
    }

    /**
     * Makes button {@code b} the goal button and moves the marker onto it (the timer is left as it is);
     * the caller measures the progress from there. Tests and tools use it to pick the goal by hand.
     */
    public void setGoalButton(int b, MujocoData data, Relayout relayout) {
        buttons.setGoalButton(b);
        double[] xy = new double[2 * BUTTONS];
        buttons.positions(data, xy);
        relayout.move(goal, 0, xy[2 * b], xy[2 * b + 1]);
    }

    @Override
    public void measureFrom(MujocoData data, AgentFrame agent) {
        previousDistance = goal.distance(data, agent);
    }

    /** The timer ticks ({@code specific_step}); a pressed goal button draws the next and rests the buttons ({@code update_world}). */
    @Override
    public boolean afterStep(MujocoData data, AgentFrame agent, Relayout relayout) {
        buttons.tick();
        if (buttons.goalPressed(data, agent)) {
            setGoalButton(relayout.choose(BUTTONS), data, relayout);
            measureFrom(data, agent);
            buttons.setTimer(Buttons.RESAMPLING_DELAY);
        }
        return false;
    }
}
