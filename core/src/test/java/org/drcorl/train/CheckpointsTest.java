package org.drcorl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.drcorl.nn.Mlp;
import org.drcorl.nn.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    @TempDir
    Path dir;

    private static CheckpointMetadata meta(Parameters p, String task, int obs, String lr) {
        return new CheckpointMetadata(CheckpointMetadata.FORMAT, "policy", task, obs, 2, 7, 100, "abc", Map.of("lr", lr),
                Checkpoints.tensorNames(p), Checkpoints.valueCount(p));
    }

    @Test
    void roundTripsAndRefusesAnotherTaskOrShape() throws Exception {
        try (NDManager m = NDManager.newBaseManager(); Parameters a = new Parameters(m); Parameters b = new Parameters(m)) {
            Mlp.create(a, "pi", new int[] {4, 8, 2}, true, new SplittableRandom(1));
            Mlp.create(b, "pi", new int[] {4, 8, 2}, true, new SplittableRandom(2));
            Checkpoints.save(dir, "policy", meta(a, "T-v0", 4, "0.001"), a);
            assertTrue(Files.exists(dir.resolve("policy.json")) && Files.exists(dir.resolve("policy.weights")));
            try (var files = Files.list(dir)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left");
            }
            // the mode any new file gets here (the umask's), not a temporary file's owner-only 0600
            var plain = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
            assertEquals(plain, Files.getPosixFilePermissions(dir.resolve("policy.weights")));
            assertEquals(plain, Files.getPosixFilePermissions(dir.resolve("policy.json")));

            assertFalse(Checkpoints.loadIfMatching(dir, "policy", meta(b, "T-v0", 4, "0.01"), b), "other settings: retrain");
            assertTrue(Checkpoints.loadIfMatching(dir, "policy", meta(b, "T-v0", 4, "0.001"), b));
            assertArrayEquals(a.flatten(), b.flatten());

            var other = assertThrows(IllegalStateException.class,
                    () -> Checkpoints.loadIfMatching(dir, "policy", meta(b, "U-v0", 4, "0.001"), b));
            assertTrue(other.getMessage().contains("for task T-v0") && other.getMessage().contains("this run is policy for U-v0"),
                    other.getMessage());
            assertThrows(IllegalStateException.class, () -> Checkpoints.loadIfMatching(dir, "policy", meta(b, "T-v0", 5, "0.001"), b));

            Files.write(dir.resolve("policy.weights"), new byte[10]);
            var truncated = assertThrows(IllegalStateException.class,
                    () -> Checkpoints.loadIfMatching(dir, "policy", meta(b, "T-v0", 4, "0.001"), b));
            assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
        }
    }

    @Test
    void aPipelineReusesItsStagesFromCheckpoints() throws Exception {
        Path dir2 = this.dir.resolve("ckpt");
        try (NDManager root = NDManager.newBaseManager()) {
            var data = OfflinePipelineTestData.pushDataset(this.dir);
            Preset smoke = Preset.named("smoke");
            int[] started = {0};
            TrainingProgress counting = new TrainingProgress() {
                public void start(String stage, long total) { started[0]++; }
                public void advance(long n) {}
                public void finish() {}
            };
            float[] first;
            try (OfflinePipeline p = new OfflinePipeline(data, smoke, 1, 10, root, "Push-v0", dir2)) {
                first = p.behaviorModel(counting, l -> {}).parameters().flatten();
                p.trainCritics(counting, l -> {});
            }
            assertTrue(started[0] == 2);
            try (OfflinePipeline p = new OfflinePipeline(data, smoke, 1, 10, root, "Push-v0", dir2)) {
                assertArrayEquals(first, p.behaviorModel(counting, l -> {}).parameters().flatten());
                p.trainCritics(counting, l -> {});
            }
            assertTrue(started[0] == 2, "the second pipeline trained nothing");
            try (OfflinePipeline p = new OfflinePipeline(data, smoke, 2, 10, root, "Push-v0", dir2)) {
                p.behaviorModel(counting, l -> {});
            }
            assertTrue(started[0] == 3, "another seed retrains");
            assertTrue(List.of("behavior-model.json", "critics.json").stream().allMatch(f -> Files.exists(dir2.resolve(f))));
        }
    }
}
