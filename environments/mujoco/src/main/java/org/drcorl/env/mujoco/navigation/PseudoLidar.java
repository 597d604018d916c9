package org.drcorl.env.mujoco.navigation;

/**
 * Safety-Gymnasium's pseudo-lidar: what a navigation task's agent sees of one kind of object
 * (hazards, vases, the goal, …), as {@code bins} readings around it. Each object is placed by its
 * bearing in the agent's frame into one bin and read as its closeness,
 * {@code max(0, maxDistance − d) / maxDistance}; a bin keeps the closest object's reading. With
 * aliasing, an object also lights its two neighbouring bins, the next one by how far it sits into
 * its own bin ({@code alias = (angle − binStart) / binWidth}, reading {@code alias·closeness}) and the
 * previous one by the rest ({@code (1 − alias)·closeness}), so a reading moves smoothly from bin to
 * bin as the agent turns. An object straight ahead (bearing 0) lights bin 0 and, fully, the last bin.
 *
 * <p>The definition is safety-gymnasium's {@code BaseTask._obs_lidar_pseudo} and {@code _ego_xy}
 * ({@code safety_gymnasium/bases/base_task.py}; {@code LidarConf}: 16 bins, max distance 3, alias on;
 * the Circle tasks set max distance 6). The egocentric vector is the world vector from the agent's
 * body position to the object, taken at height 0 (the object's z is dropped, the agent's is not),
 * times the agent's rotation matrix ({@code xmat}, row-major as MuJoCo stores it), keeping x and y:
 * so a tilted agent sees a little of its own height in x and y, as upstream.
 *
 * @param bins        readings around the agent (16 in every DSRL task)
 * @param maxDistance distance at which an object stops being seen (3; the Circle tasks 6)
 * @param alias       whether objects also light their neighbouring bins (on in every DSRL task)
 */
public record PseudoLidar(int bins, double maxDistance, boolean alias) {

    /** The lidar of Safety-Gymnasium's Goal, Button and Push tasks (LidarConf's defaults). */
    public static final PseudoLidar STANDARD = new PseudoLidar(16, 3, true);
    /** The Circle tasks' lidar (their {@code lidar_conf.max_dist = 6}). */
    public static final PseudoLidar CIRCLE = new PseudoLidar(16, 6, true);

    public PseudoLidar {
        if (bins < 2) throw new IllegalArgumentException("a lidar needs at least 2 bins, got " + bins);
        if (!(maxDistance > 0) || !Double.isFinite(maxDistance)) {
            throw new IllegalArgumentException("lidar max distance must be > 0, got " + maxDistance);
        }
    }

    /**
     * Writes the readings of {@code count} objects into {@code out[offset, offset + bins)}
     * (overwriting them). No allocation: called every environment step for every object kind.
     *
     * @param agentPosition the agent body's world position (x, y, z), MuJoCo's {@code xpos}
     * @param agentRotation the agent body's rotation, 9 values row-major, MuJoCo's {@code xmat}
     * @param objectXy      the objects' world x and y, interleaved: x0, y0, x1, y1, …
     * @param count         how many objects of {@code objectXy} to read
     */
    public void observe(double[] agentPosition, double[] agentRotation, double[] objectXy, int count, float[] out, int offset) {
        if (objectXy.length < 2 * count) {
            throw new IllegalArgumentException(count + " objects need " + 2 * count + " coordinates, got " + objectXy.length);
        }
        java.util.Arrays.fill(out, offset, offset + bins, 0f);
        double binWidth = 2 * Math.PI / bins;
        for (int i = 0; i < count; i++) {
            double dx = objectXy[2 * i] - agentPosition[0];
            double dy = objectXy[2 * i + 1] - agentPosition[1];
            double dz = -agentPosition[2];
            // (p − a)ᵀ·R: the world vector in the agent's frame (R's columns are the agent's axes)
            double ex = dx * agentRotation[0] + dy * agentRotation[3] + dz * agentRotation[6];
            double ey = dx * agentRotation[1] + dy * agentRotation[4] + dz * agentRotation[7];
            double distance = Math.hypot(ex, ey);
            double angle = Math.atan2(ey, ex);
            if (angle < 0) angle += 2 * Math.PI; // numpy's angle % 2π
            // an angle a rounding short of 2π can land on bins: it is the last bin's end (upstream would index past the end)
            int bin = Math.min((int) (angle / binWidth), bins - 1);
            double reading = Math.max(0, maxDistance - distance) / maxDistance;
            raise(out, offset + bin, reading);
            if (alias) {
                double into = Math.min(1, (angle - bin * binWidth) / binWidth);
                raise(out, offset + (bin + 1) % bins, into * reading);
                raise(out, offset + (bin - 1 + bins) % bins, (1 - into) * reading);
            }
        }
    }

    private static void raise(float[] out, int at, double reading) {
        if (reading > out[at]) out[at] = (float) reading;
    }
}
