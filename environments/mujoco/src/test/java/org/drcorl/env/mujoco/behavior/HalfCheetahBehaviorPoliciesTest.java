package org.drcorl.env.mujoco.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.drcorl.data.DatasetCollector;
import org.drcorl.data.OfflineDataset;
import org.drcorl.env.mujoco.MujocoTaskProvider;
import org.drcorl.env.mujoco.TaskTests;
import org.drcorl.env.mujoco.task.HalfCheetahVelocity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HalfCheetah behaviour policies run forward and spread over the reward–cost plane. */
class HalfCheetahBehaviorPoliciesTest {
    private static final int EPISODES = 9;

    @BeforeEach
    void needsMujoco() {
        TaskTests.assumeMujoco();
    }

    @Test
    void collectedEpisodesRunForwardAndSpanSafeAndUnsafe() {
        OfflineDataset data = DatasetCollector.collect(new MujocoTaskProvider(), HalfCheetahVelocity.ID, EPISODES, 3, n -> {});
        double[] rewards = data.episodeRewardReturns(), costs = data.episodeCostReturns();
        System.out.println("HalfCheetah behaviour episodes: rewards " + Arrays.toString(rewards) + ", costs " + Arrays.toString(costs));
        assertEquals(EPISODES, data.episodeCount());
        for (double r : rewards) assertTrue(r > 200, "every behaviour runs forward: reward return " + r);
        long safe = Arrays.stream(costs).filter(c -> c <= 20).count();
        long unsafe = Arrays.stream(costs).filter(c -> c > 80).count();
        assertTrue(safe >= 2, "some episodes are safe at κ = 20: costs " + Arrays.toString(costs));
        assertTrue(unsafe >= 2, "some episodes are unsafe at κ = 80: costs " + Arrays.toString(costs));
        // reckless (the last third) earns more than careful (the first third), and pays more
        double carefulReward = (rewards[0] + rewards[1] + rewards[2]) / 3, recklessReward = (rewards[6] + rewards[7] + rewards[8]) / 3;
        double carefulCost = (costs[0] + costs[1] + costs[2]) / 3, recklessCost = (costs[6] + costs[7] + costs[8]) / 3;
        assertTrue(recklessReward > carefulReward + 300, "reckless " + recklessReward + " vs careful " + carefulReward);
        assertTrue(recklessCost > carefulCost, "reckless cost " + recklessCost + " vs careful " + carefulCost);
        assertTrue(data.episodeLabels().orElseThrow().getFirst().startsWith("careful("));
    }
}
