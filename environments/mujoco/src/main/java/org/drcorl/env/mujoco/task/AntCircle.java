package org.drcorl.env.mujoco.task;

import java.util.SplittableRandom;
import org.drcorl.env.mujoco.MujocoTaskEnv;
import org.drcorl.env.mujoco.VelocityTaskSpecs;
import org.drcorl.spi.TaskSpec;

/**
 * Bullet-Safety-Gym's AntCircle (DSRL's OfflineAntCircle-v0) with its ant ({@link BulletAntAgent})
 * in the Octagon world (8 walls, inner faces 11.9 m from the centre): circle clockwise at radius 7
 * while staying inside the strip |x| ≤ 6. Reward 0.1·(x·(−v_y) + y·v_x)/(1 + |‖p‖ − 7|) + 0.01 · the
 * agent's terms, with the torso's velocity at the end of the step ({@code CircleTask},
 * {@code envs/tasks.py:452-465}); cost 1[|x| > 6] ({@code tasks.py:440-450}); the episode ends when
 * the torso drops to 0.26 m. Environment step 0.1 s (10 RK4 steps of 0.01 s; Bullet: 6 of 1/60).
 * Observation: the 33 agent values of {@link BulletAntAgent}, then (‖p‖ − 7)/10
 * ({@code tasks.py:472-479}). Reset ({@code tasks.py:497-523}): xy uniform in [−4, 4]² until
 * 2 ≤ ‖p‖ ≤ 4, facing clockwise along the circle, Bullet's joint pose, then one passive step.
 */
public final class AntCircle extends MujocoTaskEnv {
    public static final String ID = "OfflineAntCircle-v0";
    public static final TaskSpec SPEC = VelocityTaskSpecs.dsrl(ID,
            "Ant circles clockwise at radius 7 inside the strip |x| <= 6");
    /** The circle's radius (m), where the reward peaks. */
    public static final double RADIUS = 7;
    /** Half-width of the safe strip: |x| beyond it costs (m). */
    public static final double SAFE_HALF_WIDTH = 6;
    /** Distance of the octagon walls' inner faces from the centre (m). */
    public static final double WALL_APOTHEM = 11.9;
    /** Observation index of 0.1·x (0.1·y follows), for policies that steer by position. */
    public static final int POSITION_INDEX = BulletAntAgent.POSITION;
    /** x = POSITION_SCALE · observation[POSITION_INDEX]. */
    public static final double POSITION_SCALE = 1 / BulletAntAgent.POSITION_SCALE;
    /** Observation index of the torso's orientation quaternion, in PyBullet's order (x, y, z, w). */
    public static final int ORIENTATION_INDEX = BulletAntAgent.ORIENTATION;

    private final BulletAntAgent agent;

    public AntCircle() {
        super(SPEC, BulletAntAgent.model(true), 10, Root.xy(0, 1));
        agent = new BulletAntAgent(model);
    }

    @Override
    protected void randomizeInitialState(SplittableRandom random) {
        double x, y, r;
        do {
            x = random.nextDouble(-4, 4);
            y = random.nextDouble(-4, 4);
            r = Math.hypot(x, y);
        } while (r < 2 || r > 4);
        agent.resetPose(data, random, x, y, Math.atan2(-y, -x) + Math.PI / 2); // the clockwise tangent (y, −x)/r
        agent.settle(data, frameSkip());
    }

    @Override
    protected void afterFrameSkip() {
        agent.stepped();
    }

    @Override
    protected void writeObservation(float[] obs) {
        agent.writeObservation(data, obs);
        obs[BulletAntAgent.OBSERVATION_DIM] = (float) ((Math.hypot(rootX(), rootY()) - RADIUS) / 10);
    }

    @Override
    protected double reward(float[] action) {
        double x = rootX(), y = rootY();
        double circle = 0.1 * (x * -data.qvel(1) + y * data.qvel(0)) / (1 + Math.abs(Math.hypot(x, y) - RADIUS));
        return circle + 0.01 * agent.specificReward(data, action);
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
