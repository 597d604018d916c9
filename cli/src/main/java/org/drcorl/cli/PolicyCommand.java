package org.drcorl.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.drcorl.experiment.UserError;
import org.drcorl.policy.TrainedPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drcorl policy info|act}: a trained policy outside its run. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Look at a trained policy or let it act, without the training engine.",
        subcommands = {PolicyCommand.Info.class, PolicyCommand.Act.class})
final class PolicyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The policy's spec: task, sizes, action bounds, network, how it was trained and normalized.")
    static final class Info implements Callable<Integer> {
        @Mixin
        PolicySource source;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.print(source.load().spec().describe());
            out.flush();
            return 0;
        }
    }

    @Command(name = "act", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Print the policy's action (comma separated) for one observation.")
    static final class Act implements Callable<Integer> {
        @Mixin
        PolicySource source;

        @Option(names = "--obs", required = true, paramLabel = "x1,…,xn", description = "The observation, comma separated.")
        String observation;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            TrainedPolicy policy = source.load();
            float[] obs = parse(observation, policy.spec().observationDim());
            float[] action = policy.act(obs);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < action.length; i++) line.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.7g", action[i]));
            PrintWriter out = spec.commandLine().getOut();
            out.println(line);
            out.flush();
            return 0;
        }

        static float[] parse(String text, int expected) {
            String[] parts = text.split(",", -1);
            if (parts.length != expected) {
                throw new UserError("--obs has " + parts.length + " values, the policy takes " + expected);
            }
            float[] obs = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    obs[i] = Float.parseFloat(parts[i].strip());
                } catch (NumberFormatException e) {
                    throw new UserError("--obs: value " + (i + 1) + ", '" + parts[i].strip() + "', is not a number");
                }
                if (!Float.isFinite(obs[i])) throw new UserError("--obs: value " + (i + 1) + " is not finite");
            }
            return obs;
        }
    }
}
