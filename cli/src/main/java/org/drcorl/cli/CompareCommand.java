package org.drcorl.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
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
        Table merged = null;
        Set<String> names = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Path dir : runs) {
            Path scores = new RunLayout(dir).scores();
            Table t;
            try {
                t = ResultsTables.readScores(scores);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                continue;
            }
            // the folder name, or the whole path when two runs share a folder name
            String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
            if (!names.add(name)) name = dir.toString();
            names.add(name);
            Table labelled = ResultsTables.withRun(t, name);
            merged = merged == null ? labelled : merged.append(labelled);
        }
        if (!problems.isEmpty()) throw new UserError(String.join("; ", problems));
        Table summary = ResultsTables.summary(merged);
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
