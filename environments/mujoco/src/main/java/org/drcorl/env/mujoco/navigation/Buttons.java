package org.drcorl.env.mujoco.navigation;

import java.util.Locale;
import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoModel;

/**
 * Buttons ({@code assets/geoms/buttons.py:26-95}): {@code count} static, colliding spheres of radius
 * {@value #SIZE} resting on the floor (centre {@value #SIZE} up). One of them is the goal button; the
 * agent presses a button by touching it (a contact between the button's geom and a robot geom).
 * After a press the buttons rest for {@value #RESAMPLING_DELAY} steps ({@link #timer()}): while the
 * timer is not 0 the buttons' lidar reads nothing ({@code button_level0.py:91-92}: the observation
 * sees no instances) and pressing a wrong button costs nothing. When constrained, the cost term is
 * the number of contacts between a robot geom and a button other than the goal button, while the
 * timer is 0. Holds its scene's ids and the episode's goal button and timer, so one instance belongs
 * to one environment.
 */
public final class Buttons extends StaticBodies {
    /** Radius of a button ({@code size}). */
    public static final double SIZE = 0.1;
    /** Steps the buttons rest after a press ({@code resampling_delay}). */
    public static final int RESAMPLING_DELAY = 10;
    private final boolean constrained;
    private boolean[] goalMask = new boolean[0], wrongMask = new boolean[0];
    private int goalButton, timer;

    /**
     * @param count       how many ({@code num}: 4)
     * @param placement   where they are drawn (the task's extents) with their keepout (0.2)
     * @param constrained whether pressing a wrong button costs ({@code is_constrained}: level 0 false, levels 1, 2 true)
     */
    public Buttons(int count, Placement placement, boolean constrained) {
        super("buttons", count, placement, SIZE);
        this.constrained = constrained;
    }

    @Override
    protected String geom(String geomName) {
        return String.format(Locale.ROOT, "<geom name=\"%s\" type=\"sphere\" size=\"%s\" rgba=\"1 0.5 0 1\"/>", geomName, SIZE);
    }

    @Override
    public void bind(MujocoModel model) {
        super.bind(model);
        goalMask = new boolean[model.ngeom()];
        wrongMask = new boolean[model.ngeom()];
        setGoalButton(goalButton);
    }

    /** While the buttons rest ({@link #timer()} not 0) the lidar sees none of them: its block reads 0. */
    @Override
    public int lidarPositions(MujocoData data, double[] xy) {
        return timer != 0 ? 0 : positions(data, xy);
    }

    /** The goal button's index. */
    public int goalButton() {
        return goalButton;
    }

    /** Makes button {@code b} the goal button (the task moves the goal onto it). */
    public void setGoalButton(int b) {
        goalButton = java.util.Objects.checkIndex(b, count());
        if (goalMask.length == 0) return; // not bound yet
        java.util.Arrays.fill(goalMask, false);
        java.util.Arrays.fill(wrongMask, false);
        for (int i = 0; i < count(); i++) (i == b ? goalMask : wrongMask)[geoms[i]] = true;
    }

    /** Steps left of the rest after a press (0: buttons visible and wrong presses cost). */
    public int timer() {
        return timer;
    }

    /** Sets the timer: {@link #RESAMPLING_DELAY} after a press ({@code reset_timer}), 0 at reset ({@code specific_reset}). */
    public void setTimer(int steps) {
        if (steps < 0) throw new IllegalArgumentException("timer must be >= 0, got " + steps);
        timer = steps;
    }

    /** One step of the rest ({@code timer_tick}: max(0, timer − 1)). */
    public void tick() {
        timer = Math.max(0, timer - 1);
    }

    /** Whether a robot geom touches the goal button ({@code goal_achieved}; whatever the timer). */
    public boolean goalPressed(MujocoData data, AgentFrame agent) {
        return agent.contactsWith(data, goalMask) > 0;
    }

    @Override
    public double cost(MujocoData data, AgentFrame agent) {
        if (!constrained || timer != 0) return 0;
        return agent.contactsWith(data, wrongMask);
    }
}
