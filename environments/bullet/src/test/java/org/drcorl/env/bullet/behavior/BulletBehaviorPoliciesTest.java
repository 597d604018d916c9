package org.drcorl.env.bullet.behavior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.drcorl.env.bullet.BulletSafeEnv;
import org.drcorl.env.bullet.BulletTaskCatalog;
import org.drcorl.env.bullet.BulletTaskDefinition;
import org.drcorl.spi.BehaviorPolicyFamily;
import org.drcorl.spi.EpisodePolicy;
import org.drcorl.spi.StepResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The controllers solve the tasks they are meant to, and the families span the reward–cost plane. */
class BulletBehaviorPoliciesTest {

    private record Episode(double aggressiveness, double reward, double cost, int length) {}

    private static BulletTaskDefinition task(String id) {
        return BulletTaskCatalog.find(id).orElseThrow();
    }

    private static Episode run(BulletSafeEnv env, EpisodePolicy policy, long seed, double aggressiveness) {
        float[] obs = env.reset(seed);
        double reward = 0, cost = 0;
        int length = 0;
        while (true) {
            StepResult r = env.step(policy.act(obs));
            reward += r.reward();
            cost += r.cost();
            length++;
            obs = r.observation();
            if (r.done()) return new Episode(aggressiveness, reward, cost, length);
        }
    }

    private static VelocityController controller(String id) {
        return id.contains("Ball") ? new BallVelocityController()
                : id.contains("Car") ? new CarVelocityController() : new DroneVelocityController();
    }

    @ParameterizedTest
    @CsvSource({"OfflineBallCircle-v0", "OfflineCarCircle-v0", "OfflineDroneCircle-v0"})
    void circlingClockwiseInsideTheStripEarnsRewardWithoutCost(String id) {
        VelocityController c = controller(id);
        var guide = new CircleGuide(0.6 * c.cruiseSpeed(), 5.0 - c.overshoot());
        try (BulletSafeEnv env = new BulletSafeEnv(task(id))) {
            for (long seed = 0; seed < 3; seed++) {
                Episode e = run(env, new TrackingPolicy(guide, c, 0, new SplittableRandom(seed), "test"), seed, 0);
                assertEquals(0.0, e.cost, id + " seed " + seed);
                assertTrue(e.reward > 50, id + " seed " + seed + ": reward " + e.reward);
                assertEquals(env.spec().maxEpisodeSteps(), e.length, id + ": whole episode");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"OfflineBallCircle-v0", "OfflineCarCircle-v0", "OfflineDroneCircle-v0"})
    void followingTheWholeCircleLeavesTheStripAndPays(String id) {
        VelocityController c = controller(id);
        var guide = new CircleGuide(0.6 * c.cruiseSpeed(), 8.0);
        try (BulletSafeEnv env = new BulletSafeEnv(task(id))) {
            Episode e = run(env, new TrackingPolicy(guide, c, 0, new SplittableRandom(0), "test"), 0, 1);
            assertTrue(e.cost > 20, id + ": cost " + e.cost);
            assertTrue(e.reward > 50, id + ": reward " + e.reward);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "OfflineBallRun-v0, 0.7, 0, false", "OfflineBallRun-v0, 1.4, 0, true", "OfflineBallRun-v0, 0.7, 3.5, true",
        "OfflineCarRun-v0, 0.7, 0, false", "OfflineCarRun-v0, 1.4, 0, true", "OfflineCarRun-v0, 0.7, 3.5, true",
        "OfflineDroneRun-v0, 0.7, 0, false", "OfflineDroneRun-v0, 1.4, 0, true", "OfflineDroneRun-v0, 0.7, 3.5, true"
    })
    void runCostsExactlyWhenTooFastOrOffTheCorridor(String id, double speedFactor, double lane, boolean costly) {
        VelocityController c = controller(id);
        try (BulletSafeEnv env = new BulletSafeEnv(task(id))) {
            var guide = new RunGuide(speedFactor * env.agent().speedLimit(), lane);
            Episode e = run(env, new TrackingPolicy(guide, c, 0, new SplittableRandom(0), "test"), 1, 0);
            // within v_lim and the corridor nothing costs; too fast or off it costs from the step it
            // crosses (the drone first takes off from the ground, so it crosses a lane later)
            assertEquals(costly, e.cost > 0, id + ": cost " + e.cost);
            assertTrue(e.reward > 0, id + ": reward " + e.reward);
        }
    }

    @Test
    void carCircleFamilySpansTheRewardCostPlane() {
        BulletTaskDefinition def = task("OfflineCarCircle-v0");
        BehaviorPolicyFamily family = BulletBehaviorPolicies.forTask(def);
        SplittableRandom random = new SplittableRandom(2024);
        int n = 30;
        List<Episode> episodes = new ArrayList<>();
        try (BulletSafeEnv env = new BulletSafeEnv(def)) {
            for (int i = 0; i < n; i++) {
                EpisodePolicy policy = family.policyFor(i, n, random);
                String label = policy.label();
                double alpha = Double.parseDouble(label.substring(label.indexOf('(') + 1, label.indexOf(')')));
                episodes.add(run(env, policy, random.nextLong(), alpha));
            }
        }
        StringBuilder report = new StringBuilder("CarCircle behaviour family, 30 episodes:");
        for (double kappa : def.spec().costThresholds()) {
            long safe = episodes.stream().filter(e -> e.cost <= kappa).count();
            report.append(String.format(Locale.ROOT, " κ=%.0f safe %d unsafe %d;", kappa, safe, n - safe));
            assertTrue(safe > 0 && safe < n, "κ = " + kappa + ": " + safe + " of " + n + " safe");
        }
        double minR = episodes.stream().mapToDouble(Episode::reward).min().orElseThrow();
        double maxR = episodes.stream().mapToDouble(Episode::reward).max().orElseThrow();
        double maxC = episodes.stream().mapToDouble(Episode::cost).max().orElseThrow();
        double[] thirds = new double[3];
        for (Episode e : episodes) thirds[Math.min(2, (int) (e.aggressiveness * 3))] += e.reward / (n / 3.0);
        report.append(String.format(Locale.ROOT, " reward %.1f..%.1f, max cost %.0f; mean reward by aggressiveness third %.1f / %.1f / %.1f",
                minR, maxR, maxC, thirds[0], thirds[1], thirds[2]));
        System.out.println(report);
        assertTrue(thirds[0] < thirds[1] && thirds[1] < thirds[2], report.toString());
    }

    @Test
    void familiesAreReproducibleFromTheirRandomSource() {
        for (BulletTaskDefinition def : BulletTaskCatalog.ALL) {
            BehaviorPolicyFamily family = BulletBehaviorPolicies.forTask(def);
            EpisodePolicy a = family.policyFor(3, 10, new SplittableRandom(5));
            EpisodePolicy b = family.policyFor(3, 10, new SplittableRandom(5));
            assertEquals(a.label(), b.label(), def.id());
            assertTrue(a.label().matches("(careful|frontier|reckless)\\(0\\.3\\d\\)"), a.label());
            try (BulletSafeEnv env = new BulletSafeEnv(def)) {
                float[] obs = env.reset(1);
                for (int t = 0; t < 5; t++) assertEquals(List.of(box(a.act(obs))), List.of(box(b.act(obs))), def.id());
            }
        }
    }

    @Test
    void episodeIndexOutsideTheRunIsRejected() {
        BehaviorPolicyFamily family = BulletBehaviorPolicies.forTask(task("OfflineBallRun-v0"));
        assertThrows(IllegalArgumentException.class, () -> family.policyFor(10, 10, new SplittableRandom(0)));
    }

    private static List<Float> box(float[] a) {
        List<Float> out = new ArrayList<>();
        for (float v : a) out.add(v);
        return out;
    }
}
