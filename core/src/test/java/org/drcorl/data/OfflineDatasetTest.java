package org.drcorl.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.drcorl.spi.NormalizationConstants;
import org.junit.jupiter.api.Test;

class OfflineDatasetTest {

    private static OfflineDataset flagged(boolean[] terminals, boolean[] timeouts, float[] rewards, float[] costs) {
        int n = rewards.length;
        return OfflineDataset.of(1, 1, new float[n], new float[n], new float[n], rewards, costs, terminals, timeouts,
                null, DatasetMetadata.NONE);
    }

    @Test
    void episodesEndOnTerminalsOrTimeoutsAndATrailingRunIsATruncatedEpisode() {
        boolean[] term = {false, true, false, false, false, false, false};
        boolean[] tout = {false, false, false, true, false, false, false};
        float[] r = {1, 2, 3, 4, 5, 6, 7};
        float[] c = {0, 1, 1, 1, 0, 0, 1};
        OfflineDataset d = flagged(term, tout, r, c);
        assertEquals(7, d.size());
        assertEquals(3, d.episodeCount());
        assertEquals(new EpisodeInfo(0, 0, 2, 3, 1, false), d.episode(0));
        assertEquals(new EpisodeInfo(1, 2, 2, 7, 2, true), d.episode(1));
        assertEquals(new EpisodeInfo(2, 4, 3, 18, 1, true), d.episode(2));
        assertArrayEquals(new double[] {3, 7, 18}, d.episodeRewardReturns());
        assertArrayEquals(new double[] {1, 2, 1}, d.episodeCostReturns());
    }

    @Test
    void aTransitionWithBothFlagsEndsOneNonTruncatedEpisode() {
        OfflineDataset d = flagged(new boolean[] {true, true}, new boolean[] {true, false}, new float[] {1, 1},
                new float[] {0, 0});
        assertEquals(2, d.episodeCount());
        assertFalse(d.episode(0).truncated());
    }

    @Test
    void builderClosesUnflaggedEpisodesWithATimeoutAndKeepsLabels() {
        OfflineDataset d = Datasets.sample(4, true);
        assertEquals(3 + 4 + 5 + 6, d.size());
        assertEquals(4, d.episodeCount());
        assertEquals(List.of("policy-0", "policy-1", "policy-2", "policy-0"), d.episodeLabels().orElseThrow());
        assertTrue(d.terminal(2));
        assertTrue(d.timeout(6));
        assertArrayEquals(new float[] {1, 2, 3}, d.observation(5));   // episode 1, t = 2
        assertArrayEquals(new float[] {1, 3, 4}, d.nextObservation(5));
        assertArrayEquals(new float[] {0.2f, -0.1f}, d.action(5));

        OfflineDataset.Builder b = OfflineDataset.builder(1, 1);
        b.add(new float[] {0}, new float[] {0}, 1, 0, new float[] {0}, false, false).endEpisode(null);
        b.add(new float[] {0}, new float[] {0}, 1, 0, new float[] {0}, false, false).endEpisode(null);
        OfflineDataset two = b.build();
        assertEquals(2, two.episodeCount(), "endEpisode must mark the boundary with a timeout");
        assertTrue(two.timeout(0));
        assertTrue(two.episodeLabels().isEmpty(), "no label given, so no labels");
    }

    @Test
    void builderRefusesLabelsWhenAnEpisodeWasNotClosed() {
        OfflineDataset.Builder b = OfflineDataset.builder(1, 1);
        b.add(new float[] {0}, new float[] {0}, 1, 0, new float[] {0}, true, false).endEpisode("a");
        b.add(new float[] {0}, new float[] {0}, 1, 0, new float[] {0}, false, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertTrue(e.getMessage().contains("endEpisode"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> b.add(new float[] {0, 1}, new float[] {0}, 1, 0, new float[] {0}, false, false));
    }

    @Test
    void safeEpisodesKeepsWholeEpisodesWithCostReturnWithinTheBudget() {
        OfflineDataset d = Datasets.sample(5, true);   // cost returns: 1, 2, 2, 3, 3
        assertArrayEquals(new double[] {1, 2, 2, 3, 3}, d.episodeCostReturns());
        OfflineDataset safe = d.safeEpisodes(2);
        assertEquals(3, safe.episodeCount());
        assertEquals(3 + 4 + 5, safe.size());
        assertEquals(List.of("policy-0", "policy-1", "policy-2"), safe.episodeLabels().orElseThrow());
        assertArrayEquals(d.observation(7), safe.observation(7));
        assertEquals(d.metadata(), safe.metadata());

        OfflineDataset odd = d.filterEpisodes(i -> i % 2 == 1);
        assertEquals(List.of(4, 6), odd.episodes().stream().map(EpisodeInfo::length).toList());
        assertArrayEquals(new float[] {1, 0, 1}, odd.observation(0));
        assertArrayEquals(new float[] {3, 0, 3}, odd.observation(4));
        assertEquals(0, d.safeEpisodes(0.5).episodeCount());
        assertEquals(0, d.safeEpisodes(0.5).size());
    }

    @Test
    void normalizationFromReturnsUsesTheEpisodeReturnRangeAndNormalizationConstants() {
        OfflineDataset d = Datasets.sample(3, false);  // reward returns 3*1, 4*2, 5*3
        NormalizationConstants n = d.normalizationFromReturns(80);
        assertEquals(new NormalizationConstants(3, 15, 80), n);
        assertEquals(0.5, n.normalizedReward(9), 1e-12);
        assertEquals(1.0, n.normalizedReward(d.episodeRewardReturns()[2]), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> d.filterEpisodes(i -> false).normalizationFromReturns(10));
    }

    @Test
    void contentHashDependsOnTheTransitionsOnly() {
        OfflineDataset a = Datasets.sample(4, true);
        OfflineDataset b = Datasets.sample(4, false);
        assertEquals(64, a.contentHash().length());
        assertEquals(a.contentHash(), b.contentHash());
        assertEquals(a.contentHash(), a.withMetadata(DatasetMetadata.NONE).contentHash());
        assertNotEquals(a.contentHash(), a.filterEpisodes(i -> i > 0).contentHash());
        float[] rewards = a.rewards();
        rewards[5] += 1e-3f;
        OfflineDataset changed = OfflineDataset.of(3, 2, a.observations(), a.nextObservations(), a.actions(), rewards,
                a.costs(), a.terminals(), a.timeouts(), null, a.metadata());
        assertNotEquals(a.contentHash(), changed.contentHash());
    }

    @Test
    void columnsCannotBeChangedFromOutside() {
        OfflineDataset d = Datasets.sample(2, false);
        d.rewards()[0] = 99;
        d.observations()[0] = 99;
        assertEquals(1, d.reward(0));
        assertEquals(0, d.observation(0)[0]);
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> d.observationsView().put(0, 1f));
    }

    @Test
    void aSamplerReadsTheDatasetInPlaceInsteadOfHoldingASecondCopy() throws Exception {
        OfflineDataset d = flagged(new boolean[] {false, true}, new boolean[2], new float[] {1, 2}, new float[] {0, 1});
        TransitionSampler sampler = new TransitionSampler(d, 1);
        for (String column : List.of("observations", "nextObservations", "actions", "costs")) {
            var field = TransitionSampler.class.getDeclaredField(column);
            field.setAccessible(true);
            var own = OfflineDataset.class.getDeclaredField(column);
            own.setAccessible(true);
            assertSame(own.get(d), field.get(sampler), column + " copied: a large dataset would be held twice");
        }
    }
}
