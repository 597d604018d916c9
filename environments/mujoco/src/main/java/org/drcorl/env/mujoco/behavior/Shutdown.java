package org.drcorl.env.mujoco.behavior;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.drcorl.env.mujoco.MujocoTaskEnv;

/** How a trainer that steps environments on a thread pool ends, normally or after a failure. */
final class Shutdown {
    private Shutdown() {}

    /**
     * Stops the pool, waits until no task runs any more, then closes every environment (each
     * even if an earlier one fails to close). The wait matters: after one rollout fails, others
     * may still be inside {@code mj_step}, and closing their data under them would free memory
     * MuJoCo is using.
     */
    static void stopThenClose(ExecutorService executor, List<? extends MujocoTaskEnv> envs) {
        executor.shutdownNow();
        boolean interrupted = false;
        try {
            while (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                // a rollout ignores interrupts until its episode step returns; keep waiting
            }
        } catch (InterruptedException e) {
            interrupted = true; // still close what no task can be using any more: nothing, if we cannot wait
        }
        RuntimeException failure = null;
        if (!interrupted) {
            for (MujocoTaskEnv env : envs) {
                try {
                    env.close();
                } catch (RuntimeException e) {
                    if (failure == null) failure = e;
                    else failure.addSuppressed(e);
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure != null) throw failure;
    }
}
