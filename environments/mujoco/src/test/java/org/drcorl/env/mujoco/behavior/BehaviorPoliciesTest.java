package org.drcorl.env.mujoco.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.drcorl.data.DatasetCollector;
import org.drcorl.data.OfflineDataset;
import org.drcorl.env.mujoco.MujocoTaskCatalog;
import org.drcorl.env.mujoco.MujocoTaskProvider;
import org.drcorl.env.mujoco.TaskTests;
import org.drcorl.spi.TaskSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every task of the family has behaviour policies that move, and a small collection spreads
 * over the reward–cost plane: some episodes within the smallest evaluation budget κ, some
 * above the largest, and the reckless third pays more cost than the careful third.
 */
class BehaviorPoliciesTest {
    private static final int EPISODES = 9;

    static List<String> tasks() {
        return MujocoTaskCatalog.ALL.stream().filter(d -> d.behaviorPolicies().isPresent()).map(d -> d.id()).toList();
    }

    @BeforeEach
    void needsMujoco() {
        TaskTests.assumeMujoco();
    }

    @ParameterizedTest
    @MethodSource("tasks")
    void collectedEpisodesMoveAndSpanSafeAndUnsafe(String task) {
        TaskSpec spec = MujocoTaskCatalog.find(task).orElseThrow().spec();
        OfflineDataset data = DatasetCollector.collect(new MujocoTaskProvider(), task, EPISODES, 3, n -> {});
        double[] rewards = data.episodeRewardReturns(), costs = data.episodeCostReturns();
        String seen = task + ": rewards " + Arrays.toString(rewards) + ", costs " + Arrays.toString(costs)
                + ", labels " + data.episodeLabels().orElseThrow();
        System.out.println(seen);
        assertEquals(EPISODES, data.episodeCount());
        double smallest = spec.costThresholds().getFirst(), largest = spec.costThresholds().getLast();
        assertTrue(Arrays.stream(costs).filter(c -> c <= smallest).count() >= 2, "safe episodes at κ = " + smallest + ": " + seen);
        assertTrue(Arrays.stream(costs).filter(c -> c > largest).count() >= 2, "unsafe episodes at κ = " + largest + ": " + seen);
        double careful = (costs[0] + costs[1] + costs[2]) / 3, reckless = (costs[6] + costs[7] + costs[8]) / 3;
        assertTrue(reckless > careful, "reckless episodes cost more than careful ones: " + seen);
        // moving: even careful episodes earn 5 % of DSRL's reward range above its worst episode
        var n = spec.normalization();
        double floor = n.rewardMin() + 0.05 * (n.rewardMax() - n.rewardMin());
        for (int i = 0; i < 3; i++) assertTrue(rewards[i] > floor, "careful episode " + i + " earns more than " + floor + ": " + seen);
        assertTrue(data.episodeLabels().orElseThrow().getFirst().startsWith("careful("), seen);
    }

    @ParameterizedTest
    @MethodSource("tasks")
    void sameSeedSamePolicies(String task) {
        var family = new MujocoTaskProvider().behaviorPolicies(task).orElseThrow();
        int obs = MujocoTaskCatalog.find(task).orElseThrow().spec().observationDim();
        var a = family.policyFor(6, 10, new SplittableRandom(9));
        var b = family.policyFor(6, 10, new SplittableRandom(9));
        float[] o = new float[obs];
        for (int t = 0; t < 120; t++) {
            o[t % obs] = 0.01f * t;
            assertTrue(Arrays.equals(a.act(o), b.act(o)), "step " + t);
        }
        assertEquals(a.label(), b.label());
    }
}
