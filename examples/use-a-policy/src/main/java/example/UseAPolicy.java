package example;

import java.nio.file.Path;
import org.drcorl.env.bullet.BulletTaskProvider;
import org.drcorl.policy.TrainedPolicy;
import org.drcorl.spi.SafeEnv;
import org.drcorl.spi.StepResult;

/**
 * Loads a policy a {@code drcorl run} trained and drives its task with it for a few episodes.
 *
 * <pre>
 * mvn -q package exec:java -Dexec.args="RUN_DIR [ALGORITHM [KAPPA [SEED]]]"
 * </pre>
 */
public final class UseAPolicy {
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: UseAPolicy RUN_DIR [ALGORITHM (drcorl)] [KAPPA (20)] [SEED (0)]");
            System.exit(2);
        }
        Path run = Path.of(args[0]);
        String algorithm = args.length > 1 ? args[1] : "drcorl";
        double kappa = args.length > 2 ? Double.parseDouble(args[2]) : 20;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 0;

        TrainedPolicy policy = TrainedPolicy.fromRun(run, algorithm, kappa, seed);
        System.out.print(policy.spec().describe());

        float[] action = new float[policy.spec().actionDim()];
        try (SafeEnv env = new BulletTaskProvider().create(policy.spec().taskId())) {
            for (int episode = 0; episode < 3; episode++) {
                float[] observation = env.reset(1000 + episode);
                double reward = 0, cost = 0;
                int steps = 0;
                StepResult step;
                do {
                    policy.act(observation, action); // allocates nothing: fit for a control loop
                    step = env.step(action);
                    reward += step.reward();
                    cost += step.cost();
                    observation = step.observation();
                    steps++;
                } while (!step.terminated() && !step.truncated());
                System.out.printf("episode %d: %d steps, reward %.1f, cost %.0f (budget %s)%n", episode, steps, reward, cost, kappa);
            }
        }
    }
}
