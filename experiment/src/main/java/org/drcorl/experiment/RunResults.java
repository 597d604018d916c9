package org.drcorl.experiment;

import java.nio.file.Path;
import java.util.List;
import org.drcorl.eval.Evaluation;
import tech.tablesaw.api.Table;

/**
 * What a run or re-evaluation produced, as data.
 *
 * @param evaluations one per (algorithm, κ, seed), with its episodes
 * @param scores      the same as a table, a row each ({@code results/scores.csv})
 * @param summary     mean ± std over seeds per algorithm and κ, and over κ ({@code results/summary.csv})
 * @param charts      the charts written, in the report's order
 * @param layout      the run directory
 */
public record RunResults(List<Evaluation> evaluations, Table scores, Table summary, List<Path> charts, RunLayout layout) {
    public RunResults {
        evaluations = List.copyOf(evaluations);
        charts = List.copyOf(charts);
    }
}
