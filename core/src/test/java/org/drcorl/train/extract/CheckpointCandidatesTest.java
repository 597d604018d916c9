package org.drcorl.train.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CheckpointCandidatesTest {

    @Test
    void keepsTheBestRewardsWithinTheBudgetAndTheSafestAndCopiesOnlyWhatItKeeps() {
        CheckpointCandidates c = new CheckpointCandidates(2);
        AtomicInteger copies = new AtomicInteger();
        double[][] seen = { // step: reward, Ĉ
                {10, 1.5}, {50, 0.9}, {40, 0.2}, {60, 2.0}, {30, 0.8}, {70, 1.0}, {20, 0.1}};
        for (int step = 0; step < seen.length; step++) {
            int s = step;
            c.offer(step, () -> { copies.incrementAndGet(); return new float[] {s}; }, seen[step][0], seen[step][1]);
        }
        List<Long> steps = c.all().stream().map(CheckpointCandidates.Candidate::step).toList();
        // best rewards within Ĉ ≤ 1: 70 (step 5), 50 (step 1); then the safest, Ĉ 0.1 (step 6)
        assertEquals(List.of(5L, 1L, 6L), steps);
        assertArrayEquals(new float[] {5}, c.all().getFirst().weights());
        // 60 at Ĉ 2 and 30 (neither among the two best within the budget, nor the safest) were never copied
        assertEquals(5, copies.get());
    }

    @Test
    void withNothingWithinTheBudgetTheSafestIsTheOnlyCandidate() {
        CheckpointCandidates c = new CheckpointCandidates(3);
        c.offer(0, () -> new float[] {0}, 100, 3.0);
        c.offer(1, () -> new float[] {1}, 10, 1.4);
        c.offer(2, () -> new float[] {2}, 90, 2.0);
        assertEquals(List.of(1L), c.all().stream().map(CheckpointCandidates.Candidate::step).toList());
    }
}
