package org.drcorl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.drcorl.eval.EpisodeStats;
import org.drcorl.eval.Evaluation;
import org.drcorl.eval.PolicyScore;
import org.drcorl.spi.NormalizationConstants;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class PerSeedTableTest {
    private static final NormalizationConstants CONSTANTS = new NormalizationConstants(0, 300, 50);

    private static Evaluation eval(String algo, double kappa, long seed, double reward, double cost, OptionalLong step) {
        List<EpisodeStats> eps = List.of(new EpisodeStats(reward, cost, 300), new EpisodeStats(reward + 0.1, cost + 0.09, 300));
        return new Evaluation(PolicyScore.of(algo, kappa, seed, eps, CONSTANTS), eps, step);
    }

    private static Table scores() {
        // returns whose means have long binary expansions: 197.43810894808598, 10.9499999...
        return ResultsTables.scores(List.of(eval("drcorl", 10, 0, 197.3881089480859, 10.905, OptionalLong.of(1499)),
                eval("drcorl", 20, 0, 150.1 / 3, 7.7 / 3, OptionalLong.of(-1)), eval("bc-safe", 10, 0, 120.7, 4.8, OptionalLong.empty())));
    }

    @Test
    void numbersHaveThreeDecimalsAndHeadersAreWords() {
        Table t = PerSeedTable.of(scores(), Map.of());
        String html = new HtmlReport("r").table("Per seed", t).html();
        assertFalse(Pattern.compile("\\d\\.\\d{4,}").matcher(html).find(), "no raw doubles: " + html);
        assertTrue(html.contains(">197.438<"), html);
        for (String column : t.columnNames()) assertFalse(column.contains("_"), column);
        assertEquals(List.of("algorithm", "κ", "seed", "episodes", "reward return", "cost return", "normalized reward",
                "normalized cost", "safe", "kept snapshot"), t.columnNames());
        assertEquals("step 1499", t.stringColumn("kept snapshot").get(0), "from selected_step without a selection log");
        assertEquals("the phase-1 policy", t.stringColumn("kept snapshot").get(1));
        assertEquals("–", t.stringColumn("kept snapshot").get(2), "cloning: no selection");
        assertEquals("NO", t.stringColumn("safe").get(0));
        assertEquals("10", t.stringColumn("κ").get(0));
    }

    @Test
    void aFallbackIsNamedInItsRow() {
        Map<PerSeedTable.Policy, KeptSnapshot> kept = Map.of(new PerSeedTable.Policy("drcorl", 10, 0), new KeptSnapshot(1499, 5.281994));
        Table t = PerSeedTable.of(scores(), kept);
        assertEquals("step 1499 (fallback: no snapshot within budget, Ĉ bound 5.28)", t.stringColumn("kept snapshot").get(0));
    }

    @Test
    void decimalsNeverShowASignedZero() {
        assertEquals("0.000", PerSeedTable.decimal(-1e-9));
        assertEquals("-0.001", PerSeedTable.decimal(-0.0012));
        assertEquals("–", PerSeedTable.decimal(Double.NaN));
    }
}
