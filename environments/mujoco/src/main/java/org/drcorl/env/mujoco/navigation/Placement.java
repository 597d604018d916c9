package org.drcorl.env.mujoco.navigation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where the layout may put a thing: rectangles (xmin, ymin, xmax, ymax) and the thing's keepout
 * radius. A draw follows {@code draw_placement} ({@code utils/random_generator.py:89-127}): shrink
 * every rectangle by the keepout, drop those left empty, pick one with probability proportional
 * to its area (no pick when there is only one) and draw x, then y, uniformly in it. The random
 * source is the episode's; NumPy's stream is not reproduced (DSRL's seeds are unknown anyway).
 *
 * @param rectangles each {xmin, ymin, xmax, ymax}
 * @param keepout    the thing's keepout radius, kept clear of the rectangles' edges
 */
public record Placement(List<double[]> rectangles, double keepout) {

    public Placement {
        rectangles = rectangles.stream().map(double[]::clone).toList();
        if (rectangles.isEmpty()) throw new IllegalArgumentException("a placement needs at least one rectangle");
        for (double[] r : rectangles) {
            if (r.length != 4) throw new IllegalArgumentException("a placement rectangle is {xmin, ymin, xmax, ymax}, got " + r.length + " values");
        }
        if (!(keepout >= 0)) throw new IllegalArgumentException("keepout must be >= 0, got " + keepout);
    }

    /** One rectangle. */
    public static Placement of(double xmin, double ymin, double xmax, double ymax, double keepout) {
        return new Placement(List.<double[]>of(new double[] {xmin, ymin, xmax, ymax}), keepout);
    }

    /** The square [−half, half]² (the navigation tasks' {@code placements_conf.extents}). */
    public static Placement square(double half, double keepout) {
        return of(-half, -half, half, half, keepout);
    }

    /**
     * Draws a point; returns {x, y}.
     *
     * @throws IllegalStateException if the keepout leaves no room in any rectangle
     */
    public double[] draw(SplittableRandom random) {
        List<double[]> usable = new ArrayList<>();
        for (double[] r : rectangles) {
            double[] s = {r[0] + keepout, r[1] + keepout, r[2] - keepout, r[3] - keepout};
            if (s[0] <= s[2] && s[1] <= s[3]) usable.add(s);
        }
        if (usable.isEmpty()) throw new IllegalStateException("keepout " + keepout + " leaves no room in the placement rectangles");
        double[] chosen = usable.getFirst();
        if (usable.size() > 1) {
            double total = 0;
            for (double[] s : usable) total += area(s);
            double pick = random.nextDouble() * total;
            for (double[] s : usable) {
                chosen = s;
                pick -= area(s);
                if (pick < 0) break;
            }
        }
        double x = uniform(random, chosen[0], chosen[2]);
        double y = uniform(random, chosen[1], chosen[3]);
        return new double[] {x, y};
    }

    private static double area(double[] r) {
        return (r[2] - r[0]) * (r[3] - r[1]);
    }

    private static double uniform(SplittableRandom random, double low, double high) {
        return low == high ? low : random.nextDouble(low, high);
    }
}
