package org.drcorl.env.bullet;

import java.util.SplittableRandom;
import org.drcorl.env.bullet.agent.Agent;
import org.drcorl.env.bullet.task.BulletTask;
import org.drcorl.spi.AbstractSafeEnv;
import org.drcorl.spi.StepResult;

/**
 * A running Bullet task: an {@link Agent} doing a {@link BulletTask}. One environment step
 * integrates the agent over the task's step duration in equal sub-steps no longer than the
 * agent's {@link Agent#maxSubstep()}, holding the action, with the arena enforced after
 * each sub-step; then it scores the step. The observation is the agent part followed by the
 * task part.
 */
public final class BulletSafeEnv extends AbstractSafeEnv {
    private final Agent agent;
    private final BulletTask task;
    private final int substeps;
    private final double substep;

    public BulletSafeEnv(BulletTaskDefinition definition) {
        super(definition.spec());
        this.agent = definition.agents().get();
        this.task = definition.tasks().get();
        this.substeps = (int) Math.ceil(definition.stepSeconds() / agent.maxSubstep() - 1e-9);
        this.substep = definition.stepSeconds() / substeps;
    }

    /** The simulated agent, for tests and controllers that need its true state. */
    public Agent agent() {
        return agent;
    }

    @Override
    protected float[] resetState(SplittableRandom random) {
        task.place(agent, random);
        return observation();
    }

    @Override
    protected StepResult simulate(float[] action) {
        task.beginStep(agent);
        agent.beginStep();
        for (int i = 0; i < substeps; i++) {
            agent.integrate(action, substep);
            task.arena().constrain(agent);
        }
        double reward = task.reward(agent, agent.specificReward(action));
        double cost = task.cost(agent);
        return new StepResult(observation(), reward, cost, !agent.alive(), false);
    }

    private float[] observation() {
        float[] obs = new float[spec().observationDim()];
        agent.writeObservation(obs, 0);
        task.writeObservation(agent, obs, agent.observationDim());
        return obs;
    }
}
