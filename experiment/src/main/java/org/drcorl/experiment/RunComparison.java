package org.drcorl.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.drcorl.report.ResultsTables;
import tech.tablesaw.api.Table;

/** Several runs' results in one table: what {@code drcorl compare} prints. */
public final class RunComparison {
    private RunComparison() {}

    /**
     * The per-seed scores of the runs, with a {@code run} column naming each (its folder name, or
     * the whole path when two runs share a folder name), summarized as mean ± std over seeds.
     *
     * @throws UserError naming every run directory without readable scores
     */
    public static Table summary(List<Path> runs) {
        Table merged = null;
        Set<String> names = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Path dir : runs) {
            Table t;
            try {
                t = ResultsTables.readScores(new RunLayout(dir).scores());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                continue;
            }
            String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
            if (!names.add(name)) name = dir.toString();
            names.add(name);
            Table labelled = ResultsTables.withRun(t, name);
            merged = merged == null ? labelled : merged.append(labelled);
        }
        if (!problems.isEmpty()) throw new UserError(String.join("; ", problems));
        if (merged == null) throw new UserError("no run directory given");
        return ResultsTables.summary(merged);
    }
}
