package org.drcorl.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import org.drcorl.eval.PlainMlpPolicy;
import org.drcorl.policy.MlpPolicy;
import org.drcorl.train.extract.DeterministicPolicy;

/**
 * The extracted policy (s → 256 → 256 → a, ReLU, tanh) acting: through DJL (a sub-manager, the
 * observation copied in, one forward pass, the action copied out: what a naive rollout pays) and
 * through {@link PlainMlpPolicy}, the plain-Java copy evaluation uses; at batch 1 (latency) and
 * batch 1024 (throughput). Also checks the two agree within 1e-5.
 */
final class PolicyInferenceBenchmark {
    private PolicyInferenceBenchmark() {}

    static void run(NDManager root, int obs, int act, Results results, int reps) {
        int hidden = 256, batch = 1024;
        try (NDManager m = root.newSubManager(); DeterministicPolicy policy = new DeterministicPolicy(m, obs, act, hidden,
                new SplittableRandom(12))) {
            PlainMlpPolicy fast = PlainMlpPolicy.of(policy.network(), true);
            SplittableRandom r = new SplittableRandom(13);
            float[] observations = new float[batch * obs];
            for (int i = 0; i < observations.length; i++) observations[i] = (float) r.nextGaussian();
            float[] one = java.util.Arrays.copyOf(observations, obs);
            float[] action = new float[act], actions = new float[batch * act];
            String setting = obs + " → " + hidden + " → " + hidden + " → " + act;

            // agreement, on the whole batch
            fast.actBatch(observations, batch, actions);
            float[] engine;
            try (NDManager s = m.newSubManager()) {
                engine = policy.act(s.create(observations, new Shape(batch, obs))).toFloatArray();
            }
            double worst = 0;
            for (int i = 0; i < engine.length; i++) worst = Math.max(worst, Math.abs(engine[i] - actions[i]));
            String agreement = String.format(Locale.ROOT, "max abs(plain − DJL) over %d rows: %.1e", batch, worst);
            // actBatch switches to the vector kernel once a daemon thread has compiled it and found it faster:
            // wait for that before timing anything, so that neither side is timed beside the warm-up
            long warm = System.nanoTime();
            String kernel = awaitBatchKernel();
            kernel += String.format(Locale.ROOT, " kernel (settled %.1f s after the first batch)", (System.nanoTime() - warm) / 1e9);

            Runnable djl1 = () -> {
                try (NDManager s = m.newSubManager()) {
                    NDArray a = policy.act(s.create(one, new Shape(1, obs)));
                    a.toFloatArray();
                }
            };
            Runnable plain1 = () -> fast.act(one, action);
            Runnable djlBatch = () -> {
                try (NDManager s = m.newSubManager()) {
                    policy.act(s.create(observations, new Shape(batch, obs))).toFloatArray();
                }
            };
            Runnable plainBatch = () -> fast.actBatch(observations, batch, actions);
            long macs = FlopCounts.mlpMacs(obs, hidden, hidden, act);

            Timing.Samples s = Timing.perCall(djl1, 2000, reps, Timing.callsFor(djl1, 0.3));
            results.add(row("policy inference, DJL", "batch 1, " + setting, s, 1, macs, "the engine's per-call overhead"));
            s = Timing.perCall(plain1, 50_000, reps, Timing.callsFor(plain1, 0.3));
            results.add(row("policy inference, plain Java", "batch 1, " + setting, s, 1, macs, agreement + "; no allocation per call"));
            s = Timing.perCall(djlBatch, 5, reps, Timing.callsFor(djlBatch, 0.3));
            results.add(row("policy inference, DJL", "batch " + batch + ", " + setting, s, batch, macs, ""));
            s = Timing.perCall(plainBatch, 50, reps, Timing.callsFor(plainBatch, 0.3));
            results.add(row("policy inference, plain Java", "batch " + batch + ", " + setting, s, batch, macs,
                    "one thread, " + kernel));
        }
    }

    private static String awaitBatchKernel() {
        try {
            return MlpPolicy.awaitBatchKernel(Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the batch kernel warmed up", e);
        }
    }

    private static Results.Row row(String name, String setting, Timing.Samples s, int batch, long macs, String note) {
        double wall = s.medianWall(), cpu = s.medianCpu();
        String cpuNote = String.format(Locale.ROOT, "CPU time %s µs/call", Results.number(cpu * 1e6));
        String text = note.isEmpty() ? cpuNote : note + "; " + cpuNote;
        if (batch == 1) {
            return new Results.Row(name, setting, wall * 1e6, "µs/call", FlopCounts.gflop(macs) / wall, Double.NaN, Timing.load(), text);
        }
        return new Results.Row(name, setting, batch / wall, "actions/s", FlopCounts.gflop((double) batch * macs) / wall, Double.NaN,
                Timing.load(), String.format(Locale.ROOT, "%s ms/batch; ", Results.number(wall * 1e3)) + text);
    }
}
