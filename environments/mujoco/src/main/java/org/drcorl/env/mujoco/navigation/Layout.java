package org.drcorl.env.mujoco.navigation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.drcorl.env.mujoco.ffm.MujocoData;
import org.drcorl.env.mujoco.ffm.MujocoModel;

/**
 * An episode's layout: where the agent and every instance of every {@link PlacedObject} stand, as
 * upstream's placement table and {@code RandomGenerator} keep it (NAVIGATION.md §5). The table is
 * the agent, then each placed object's instances in registration order ({@code base_task.py:258-269}).
 *
 * <ul>
 *   <li>{@link #sample}: {@code sample_layout}/{@code build_layout} ({@code random_generator.py:82-156}):
 *       each entry in turn takes up to {@value #DRAWS_PER_ENTRY} draws from its placement and keeps
 *       the first whose distance to every entry placed before it is at least the two keepouts summed
 *       ({@code placements_margin} is 0); if an entry finds none the whole layout starts again, up to
 *       {@value #LAYOUT_TRIES} times. Then the agent's yaw and every object's yaw, uniform in [0, 2π).</li>
 *   <li>{@link #redraw}: {@code sample_goal_position} ({@code random_generator.py:158-168}, retried
 *       {@value #REDRAW_TRIES} times by {@code build_goal_position}): one entry drawn again, kept clear of
 *       every other entry; its yaw is kept.</li>
 *   <li>{@link #refresh}: {@code update_layout} ({@code underlying.py:355-367}): every entry takes its
 *       thing's current position (the agent and pushed vases move).</li>
 * </ul>
 */
final class Layout {
    /** Whole layouts tried before giving up ({@code build_layout}). */
    static final int LAYOUT_TRIES = 10_000;
    /** Draws per entry within one layout try ({@code sample_layout}). */
    static final int DRAWS_PER_ENTRY = 100;
    /** Draws of one entry when it is placed again ({@code build_goal_position}). */
    static final int REDRAW_TRIES = 10_000;

    private final Placement[] placements;
    private final PlacedObject[] owners; // null for the agent
    private final int[] instance;
    private final List<PlacedObject> objects;
    private final double[] xy, yaw, scratch;

    /** The table of an agent drawn from {@code agent} and the placed ones among {@code objects}, in order. */
    Layout(Placement agent, List<? extends NavigationObject> objects) {
        List<PlacedObject> placed = new ArrayList<>();
        for (NavigationObject o : objects) if (o instanceof PlacedObject p) placed.add(p);
        this.objects = List.copyOf(placed);
        int n = 1 + placed.stream().mapToInt(PlacedObject::count).sum();
        placements = new Placement[n];
        owners = new PlacedObject[n];
        instance = new int[n];
        placements[0] = agent;
        int e = 1;
        for (PlacedObject p : placed) {
            for (int i = 0; i < p.count(); i++, e++) {
                placements[e] = p.placement();
                owners[e] = p;
                instance[e] = i;
            }
        }
        xy = new double[2 * n];
        yaw = new double[n];
        scratch = new double[2 * placed.stream().mapToInt(PlacedObject::count).max().orElse(1)];
    }

    /** Entries: the agent plus every placed instance. */
    int entries() {
        return placements.length;
    }

    /** The entry of instance {@code i} of {@code object}. */
    int entry(PlacedObject object, int i) {
        for (int e = 1; e < owners.length; e++) if (owners[e] == object && instance[e] == i) return e;
        throw new IllegalArgumentException(object.name() + " instance " + i + " is not in this layout");
    }

    double x(int entry) {
        return xy[2 * entry];
    }

    double y(int entry) {
        return xy[2 * entry + 1];
    }

    double yaw(int entry) {
        return yaw[entry];
    }

    /** Keepout of an entry. */
    double keepout(int entry) {
        return placements[entry].keepout();
    }

    /**
     * Draws a layout, then the agent's and the objects' yaws.
     *
     * @throws IllegalStateException if {@value #LAYOUT_TRIES} layouts all fail (upstream's uncaught {@code ResamplingError})
     */
    void sample(SplittableRandom random) {
        boolean found = false;
        for (int t = 0; t < LAYOUT_TRIES && !found; t++) found = sampleOnce(random);
        if (!found) throw new IllegalStateException("failed to sample a layout of " + entries() + " things in " + LAYOUT_TRIES + " tries");
        for (int e = 0; e < yaw.length; e++) yaw[e] = random.nextDouble(0, 2 * Math.PI);
    }

    private boolean sampleOnce(SplittableRandom random) {
        for (int e = 0; e < placements.length; e++) {
            boolean placed = false;
            for (int d = 0; d < DRAWS_PER_ENTRY && !placed; d++) {
                double[] p = placements[e].draw(random);
                if (clear(e, p[0], p[1], e)) {
                    set(e, p[0], p[1]);
                    placed = true;
                }
            }
            if (!placed) return false;
        }
        return true;
    }

    /** Whether (x, y) for {@code entry} keeps the keepouts of entries [0, {@code upTo}) other than itself. */
    boolean clear(int entry, double x, double y, int upTo) {
        double own = placements[entry].keepout();
        for (int o = 0; o < upTo; o++) {
            if (o == entry) continue;
            if (Math.hypot(x - xy[2 * o], y - xy[2 * o + 1]) < placements[o].keepout() + own) return false;
        }
        return true;
    }

    /**
     * Draws {@code entry} again, clear of every other entry; returns false if {@value #REDRAW_TRIES} draws fail
     * (its old position then stays).
     */
    boolean redraw(int entry, SplittableRandom random) {
        for (int t = 0; t < REDRAW_TRIES; t++) {
            double[] p = placements[entry].draw(random);
            if (clear(entry, p[0], p[1], entries())) {
                set(entry, p[0], p[1]);
                return true;
            }
        }
        return false;
    }

    /** Sets an entry's position (tests and tools place things by hand). */
    void set(int entry, double x, double y) {
        xy[2 * entry] = x;
        xy[2 * entry + 1] = y;
    }

    /** Sets an entry's yaw. */
    void setYaw(int entry, double value) {
        yaw[entry] = value;
    }

    /** Every entry takes its thing's position now ({@code update_layout}); {@code agent} must be current. */
    void refresh(MujocoData data, AgentFrame agent) {
        set(0, agent.x(), agent.y());
        int e = 1;
        for (PlacedObject p : objects) {
            int n = p.positions(data, scratch);
            for (int i = 0; i < n; i++, e++) set(e, scratch[2 * i], scratch[2 * i + 1]);
        }
    }

    /** Puts the agent and every placed instance where the layout says; call after {@code mj_resetData}, then {@code mj_forward}. */
    void apply(Robot robot, MujocoModel model, MujocoData data) {
        robot.place(model, data, x(0), y(0), yaw(0));
        for (int e = 1; e < placements.length; e++) applyEntry(e, model, data);
    }

    /** Puts one placed instance where the layout says. */
    void applyEntry(int entry, MujocoModel model, MujocoData data) {
        owners[entry].place(model, data, instance[entry], x(entry), y(entry), yaw(entry));
    }
}
