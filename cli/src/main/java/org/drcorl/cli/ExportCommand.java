package org.drcorl.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.drcorl.experiment.UserError;
import org.drcorl.policy.TrainedPolicy;
import org.drcorl.policy.export.PolicyExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drcorl export}: a trained policy as ONNX or numpy npz. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a trained policy as an ONNX model (opset 13: Gemm, Relu, Tanh; input 'observation',"
                + " output 'action', the spec as metadata) or as numpy's npz (W0, b0, ... and spec_json)."})
final class ExportCommand implements Callable<Integer> {
    @Mixin
    PolicySource source;

    @Option(names = "--format", required = true, paramLabel = "onnx|npz", description = "onnx or npz.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write it.")
    Path out;

    @Option(names = "--force", description = "Overwrite FILE if it exists.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PolicyExport.Format f = PolicyExport.Format.named(format);
        if (Files.isDirectory(out)) throw new UserError("--out: " + out + " is a folder; give a file name such as " + out.resolve("policy" + f.extension()));
        if (Files.exists(out) && !force) throw new UserError(out + " exists; pass --force to overwrite it");
        TrainedPolicy policy = source.load();
        PolicyExport.write(policy, f, out);
        PrintWriter o = spec.commandLine().getOut();
        o.println("wrote " + out + " (" + f.name().toLowerCase(java.util.Locale.ROOT) + ", " + policy.spec().algorithm()
                + (Double.isNaN(policy.spec().threshold()) ? "" : " κ " + org.drcorl.report.Numbers.compact(policy.spec().threshold()))
                + " seed " + policy.spec().seed() + ", " + java.util.Arrays.toString(policy.spec().layerSizes()) + ")");
        o.flush();
        return 0;
    }
}
