package org.drcorl.env.mujoco.task;

import java.util.SplittableRandom;
import org.drcorl.env.mujoco.MujocoModels;
import org.drcorl.env.mujoco.MujocoTaskEnv;
import org.drcorl.env.mujoco.VelocityTaskSpecs;
import org.drcorl.spi.TaskSpec;

/**
 * Bullet-Safety-Gym's AntCircle (DSRL's OfflineAntCircle-v0) on the MuJoCo ant: circle
 * clockwise at radius 7 while staying inside the strip |x| ≤ 6. Reward
 * 0.1·(x·(−v_y) + y·v_x)/(1 + |‖p‖ − 7|); cost 1[|x| > 6]; the episode ends when the torso
 * drops to 0.26 m. Environment step 0.1 s (10 RK4 steps of 0.01 s). Observation: the 33 agent
 * values of {@link BulletAntAgent}, then (‖p‖ − 7)/10. Reset: xy uniform in [−4, 4]² until
 * 2 ≤ ‖p‖ ≤ 4, facing clockwise along the circle.
 */
public final class AntCircle extends MujocoTaskEnv {
    public static final String ID = "OfflineAntCircle-v0";
    public static final TaskSpec SPEC = VelocityTaskSpecs.dsrl(ID,
            "Ant circles clockwise at radius 7 inside the strip |x| <= 6");
    /** The circle's radius (m), where the reward peaks. */
    public static final double RADIUS = 7;
    /** Half-width of the safe strip: |x| beyond it costs (m). */
    public static final double SAFE_HALF_WIDTH = 6;
    /** Observation index of 0.1·x (0.1·y follows), for policies that steer by position. */
    public static final int POSITION_INDEX = BulletAntAgent.POSITION;
    /** x = POSITION_SCALE · observation[POSITION_INDEX]. */
    public static final double POSITION_SCALE = 1 / BulletAntAgent.POSITION_SCALE;
    /** Observation index of the torso's orientation quaternion (w, x, y, z). */
    public static final int ORIENTATION_INDEX = BulletAntAgent.ORIENTATION;

    private final BulletAntAgent agent;

    public AntCircle() {
        super(SPEC, MujocoModels.shipped("ant.xml"), 10, Root.xy(0, 1));
        agent = new BulletAntAgent(model);
    }

    @Override
    protected void randomizeInitialState(SplittableRandom random) {
        perturbQposUniform(random, 0.1);
        perturbQvelGaussian(random, 0.1);
        double x, y, r;
        do {
            x = random.nextDouble(-4, 4);
            y = random.nextDouble(-4, 4);
            r = Math.hypot(x, y);
        } while (r < 2 || r > 4);
        data.setQpos(0, x);
        data.setQpos(1, y);
        data.setQpos(2, data.model().qpos0(2));
        BulletAntAgent.setHeading(data, Math.atan2(-x, y)); // clockwise tangent (y, −x)
    }

    @Override
    protected void writeObservation(float[] obs) {
        agent.writeObservation(data, obs);
        obs[BulletAntAgent.OBSERVATION_DIM] = (float) ((Math.hypot(rootX(), rootY()) - RADIUS) / 10);
    }

    @Override
    protected double reward(float[] action) {
        double x = rootX(), y = rootY();
        return 0.1 * (x * -velocityY() + y * velocityX()) / (1 + Math.abs(Math.hypot(x, y) - RADIUS));
    }

    @Override
    protected double cost() {
        return Math.abs(rootX()) > SAFE_HALF_WIDTH ? 1 : 0;
    }

    @Override
    protected boolean terminated() {
        return !BulletAntAgent.alive(data);
    }
}
