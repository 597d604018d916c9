package org.drcorl.env.mujoco.behavior;

import org.drcorl.env.mujoco.MujocoTaskEnv;
import org.drcorl.spi.StepResult;

/**
 * What a behaviour trainer ({@link ArsTrainer}, {@link PpoTrainer}) maximizes: the per-step
 * training reward of a step just taken — not the task's own, because behaviour policies are
 * trained to hold a speed (below or above the cost threshold), not to run as fast as they can.
 */
@FunctionalInterface
public interface Objective {
    double reward(MujocoTaskEnv env, StepResult step, float[] action);

    /**
     * Hold {@code target} m/s along +x: {@code min(v_x, target) − ½·max(0, v_x − target) −
     * ctrl·‖a‖²}, v the velocity over the step. No alive bonus (ARS's "shift"):
     * standing still earns 0, so it is no optimum (with a bonus of even a third of a step at
     * the target, ARS learned to stand still). The gentle slope above the target keeps a
     * step's reward positive up to three times the target, so a policy that overshoots is
     * better off slowing down than falling (a steeper penalty taught ARS to throw the hopper
     * to the ground); a reward clipped to the target's neighbourhood gave too little signal
     * to learn to hop at all.
     */
    static Objective speed(double target, double controlWeight) {
        return (env, step, action) -> {
            double v = env.velocityX();
            return Math.min(v, target) - 0.5 * Math.max(0, v - target) - controlWeight * squaredNorm(action);
        };
    }

    /** The task's own reward less {@code shift} per step (ARS removes an alive bonus this way). */
    static Objective task(double shift) {
        return penalized(shift, 0);
    }

    /**
     * The task's reward less {@code shift} and less {@code lambda} per step of cost: a policy
     * that goes as fast as it can without crossing the threshold often (a swimmer whose head
     * swings past the threshold within every stroke learns smoother strokes this way).
     */
    static Objective penalized(double shift, double lambda) {
        return (env, step, action) -> step.reward() - shift - lambda * step.cost();
    }

    /**
     * Walk at {@code target}: 1 per step alive + min(v_x, target) − max(0, v_x − target) −
     * {@code control}·‖a‖². The alive bonus makes falling expensive (ARS's speed objective has
     * none, because ARS then learned to stand still; PPO learns to walk for the extra reward); the
     * slope above the target teaches a smooth gait whose speed within a stride stays near it.
     */
    static Objective hold(double target, double control) {
        return (env, step, action) -> {
            double v = env.velocityX();
            return 1 + Math.min(v, target) - Math.max(0, v - target) - control * squaredNorm(action);
        };
    }

    /** One per step alive + v_x − {@code control}·‖a‖²: the locomotion reward with a control weight of one's own. */
    static Objective run(double control) {
        return (env, step, action) -> 1 + env.velocityX() - control * squaredNorm(action);
    }

    private static double squaredNorm(float[] action) {
        double s = 0;
        for (float a : action) s += (double) a * a;
        return s;
    }
}
