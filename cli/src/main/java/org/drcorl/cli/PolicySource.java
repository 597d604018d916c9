package org.drcorl.cli;

import java.nio.file.Path;
import org.drcorl.experiment.UserError;
import org.drcorl.policy.TrainedPolicy;
import picocli.CommandLine.Option;

/** Which saved policy a command works on: one of a run's (--run, --algo, --kappa, --seed) or a file (--policy). */
final class PolicySource {
    @Option(names = "--run", paramLabel = "DIR", description = "Run directory (written by drcorl run).")
    Path run;

    @Option(names = "--algo", paramLabel = "A", description = "Algorithm of the run's policy (e.g. drcorl).")
    String algorithm;

    @Option(names = "--kappa", paramLabel = "K", description = "Cost budget κ of the run's policy.")
    Double kappa;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the run's policy (default 0).")
    long seed;

    @Option(names = "--policy", paramLabel = "FILE", description = "A saved policy file (NAME.json or NAME.weights) instead of --run.")
    Path file;

    TrainedPolicy load() {
        if (file != null) {
            if (run != null || algorithm != null || kappa != null) {
                throw new UserError("--policy names the policy by itself; drop --run, --algo and --kappa");
            }
            return TrainedPolicy.load(file);
        }
        if (run == null || algorithm == null || kappa == null) {
            throw new UserError("name a policy: --run DIR --algo A --kappa K [--seed S], or --policy FILE");
        }
        return TrainedPolicy.fromRun(run, algorithm, kappa, seed);
    }
}
