package org.drcorl.eval;

import java.util.List;
import java.util.OptionalLong;

/**
 * One evaluated policy: its DSRL scores, the episodes behind them, and, when the online cost
 * estimate chose among the policies seen during training, the phase-2 step whose policy was kept.
 */
public record Evaluation(PolicyScore score, List<EpisodeStats> episodes, OptionalLong selectedStep) {
    public Evaluation {
        episodes = List.copyOf(episodes);
    }
}
