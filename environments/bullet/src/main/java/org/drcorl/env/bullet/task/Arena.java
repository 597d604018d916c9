package org.drcorl.env.bullet.task;

import org.drcorl.env.bullet.agent.Agent;

/** The physical boundary of a task's world, enforced after every integration sub-step. */
public interface Arena {

    /** Moves the agent back inside (and stops it) if it has left the arena. */
    void constrain(Agent agent);

    /** An unbounded plane (the Run task). */
    Arena OPEN_PLANE = agent -> {};
}
