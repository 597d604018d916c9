package org.drcorl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.drcorl.experiment.RunComparison;
import org.drcorl.report.ResultsTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/** {@code drcorl compare DIR...}: one results table for several runs. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Merge the results of several run directories into one table (a 'run' column names each) and print it.")
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Run directories (each with results/scores.csv).")
    List<Path> runs;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also save the merged summary as CSV.")
    Path csv;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Table summary = RunComparison.summary(runs);
        PrintWriter err = spec.commandLine().getErr();
        for (String difference : RunComparison.differences(runs)) {
            err.println("drcorl: warning: " + difference + "; compare such numbers with care");
        }
        err.flush();
        out.println(ResultsTables.text(summary));
        if (csv != null) {
            ResultsTables.writeCsv(summary, csv);
            out.println();
            out.println("wrote " + csv);
        }
        out.flush();
        return 0;
    }
}
