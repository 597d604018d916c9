package org.drcorl.experiment.sweep;

import java.util.ArrayList;
import java.util.List;
import org.drcorl.report.Charts;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/** The sweep's chart: every task × κ cell of every algorithm, normalized reward against cost. */
final class SweepChart {
    private SweepChart() {}

    static byte[] png(Table summary) {
        List<Charts.Point> cells = new ArrayList<>();
        for (Row r : summary) {
            cells.add(new Charts.Point(r.getString("algorithm"), 0, r.getDouble("reward_mean"), r.getDouble("cost_mean")));
        }
        return Charts.normalizedCells("sweep: one point per task × κ (mean over seeds)", cells);
    }
}
