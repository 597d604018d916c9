package org.drcorl.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.drcorl.data.DatasetCollector;
import org.drcorl.data.OfflineDataset;
import org.drcorl.data.TransitionSampler;
import org.drcorl.nn.MklDispatch;
import org.drcorl.nn.NativeHeap;
import org.drcorl.env.bullet.BulletTaskProvider;

/**
 * Every benchmark of drcorl in one run, on the current machine: the GEMM ceiling through the
 * engine (per intra-op thread count), training steps of stages 1-3 as fractions of it, policy
 * inference (DJL and plain Java), environment steps per second per task and, optionally, the
 * end-to-end {@code quick} run. Prints a Markdown table as it goes and writes it, with a CSV,
 * to the output directory. Run it with {@code bench/run} (see bench/README.md).
 */
public final class Benchmarks {
    private Benchmarks() {}

    private static final String USAGE = """
            usage: Benchmarks [--out DIR] [--name NAME] [--reps N] [--threads N,N] [--profile] [--quick-run]
                              [--root DIR] [--quick-args "ARGS"] [--env-seconds S] [--only SECTIONS]
                              [--vs-torch] [--python PATH]
              --out DIR        where NAME.csv and NAME.md go (default bench/results)
              --name NAME      file name (default cpu-DATE, or gpu-DATE on a GPU)
              --reps N         timed repetitions per measurement, median reported (default 5)
              --threads N,N    intra-op thread counts to compare (default 2,1: the engine's default first)
              --profile        add a JFR profile of each training stage to its row
              --quick-run      also time `drcorl run --quiet` end to end (needs --root)
              --root DIR       the checkout, for --quick-run
              --quick-args A   extra arguments for the quick run, e.g. "--thresholds 20"
              --env-seconds S  seconds per task for env steps (default 2)
              --only LIST      comma list of sections: gemm,stage1,stage2,stage3,fqe,policy,env,quick (default all)
              --vs-torch       after drcorl's training rows, the same steps in PyTorch eager (bench/torch/steps.py),
                               same shapes and threads, with drcorl / PyTorch ratios (skipped if torch is missing)
              --python PATH    the Python with torch (default /usr/bin/python3, Debian's python3-torch)
            """;

    public static void main(String[] args) throws Exception {
        Path out = Path.of("bench", "results");
        String name = null;
        int reps = 5;
        List<Integer> threads = new ArrayList<>();
        boolean profile = false, quick = false;
        Path root = null;
        List<String> quickArgs = List.of();
        double envSeconds = 2;
        List<String> only = List.of("gemm", "stage1", "stage2", "stage3", "fqe", "policy", "env", "quick");
        boolean vsTorch = false;
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> out = Path.of(args[++i]);
                    case "--name" -> name = args[++i];
                    case "--reps" -> reps = positive("--reps", args[++i]);
                    case "--threads" -> Arrays.stream(args[++i].split(",")).forEach(t -> threads.add(positive("--threads", t)));
                    case "--profile" -> profile = true;
                    case "--quick-run" -> quick = true;
                    case "--root" -> root = Path.of(args[++i]);
                    case "--quick-args" -> quickArgs = Arrays.stream(args[++i].trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
                    case "--env-seconds" -> envSeconds = Double.parseDouble(args[++i]);
                    case "--only" -> only = List.of(args[++i].split(","));
                    case "--vs-torch" -> vsTorch = true;
                    case "--python" -> python = args[++i];
                    case "--help", "-h" -> {
                        System.out.print(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (quick && root == null) throw new IllegalArgumentException("--quick-run needs --root (the checkout)");
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            System.err.println("Benchmarks: " + (e instanceof ArrayIndexOutOfBoundsException ? "an option lacks its value" : e.getMessage()));
            System.err.print(USAGE);
            System.exit(2);
        }

        Engine engine = Engine.getInstance();
        String mkl = MklDispatch.ensureApplied(), heap = NativeHeap.ensureTuned(); // before the first product
        boolean gpu = engine.getGpuCount() > 0;
        if (threads.isEmpty()) {
            int engineDefault = JniUtils.getNumThreads();
            threads.add(engineDefault);
            if (engineDefault != 1) threads.add(1);
        }
        if (name == null) name = (gpu ? "gpu-" : "cpu-") + LocalDate.now();
        String machine = machineLine(engine, gpu) + "; MKL dispatch: " + mkl + "; native heap: " + heap;
        System.out.println(machine);
        System.out.println();
        System.out.println(Results.header());
        Results results = new Results();
        double load0 = Timing.load();
        long t0 = System.nanoTime();

        java.util.Optional<String> noTorch = vsTorch ? TorchComparison.unavailable(python) : java.util.Optional.empty();
        noTorch.ifPresent(System.out::println);
        boolean torch = vsTorch && noTorch.isEmpty();
        try (NDManager base = NDManager.newBaseManager()) {
            OfflineDataset data = DatasetCollector.collect(new BulletTaskProvider(), "OfflineCarCircle-v0", 40, 0, n -> {});
            TransitionSampler sampler = new TransitionSampler(data, 0);
            try (GemmCeiling ceiling = new GemmCeiling(base, 1024, 1024, 1024)) {
                TrainingBenchmarks training = new TrainingBenchmarks(base, sampler, ceiling, results, reps, profile);
                for (int t : threads) {
                    JniUtils.setNumThreads(t);
                    String th = t + (t == 1 ? " thread" : " threads");
                    if (only.contains("gemm")) {
                        gemm(base, ceiling, results, reps, th);
                    }
                    // each section's PyTorch steps run right after drcorl's, so that a machine whose speed
                    // drifts (a shared VM) moves both sides of a ratio alike
                    TorchComparison vs = torch ? new TorchComparison(
                            (root == null ? Path.of("") : root).resolve("bench/torch/steps.py"), python, t,
                            data.obsDim(), data.actDim(), reps, results) : null;
                    if (only.contains("stage1")) {
                        training.stage1(256, th);
                        training.stage1(2048, th);
                        if (vs != null) vs.run("stage1");
                    }
                    if (only.contains("stage2")) {
                        training.stage2(256, th);
                        if (vs != null) vs.run("stage2");
                    }
                    if (only.contains("stage3")) {
                        training.stage3(256, th);
                        if (vs != null) vs.run("stage3");
                    }
                    if (only.contains("fqe")) {
                        training.fqe(256, th);
                        if (vs != null) vs.run("fqe");
                    }
                }
                JniUtils.setNumThreads(threads.getFirst());
            }
            if (only.contains("policy")) PolicyInferenceBenchmark.run(base, data.obsDim(), data.actDim(), results, reps);
        }
        if (only.contains("env")) {
            for (EnvStepBenchmark.Result r : EnvStepBenchmark.all(envSeconds, 0.5)) {
                results.add(new Results.Row("env steps", r.spec().id() + " (obs " + r.spec().observationDim() + ", act "
                        + r.spec().actionDim() + ")", r.perSecond() / 1e6, "M steps/s", Double.NaN, Double.NaN, Timing.load(),
                        String.format(Locale.ROOT, "%.2f µs/step, one thread, random actions", 1e6 / r.perSecond())));
            }
        }
        if (quick && only.contains("quick")) QuickRunBenchmark.run(root, quickArgs, results);

        String summary = machine + String.format(Locale.ROOT, "; load %.1f at start, %.1f at end; %.1f min", load0, Timing.load(),
                (System.nanoTime() - t0) / 60e9);
        results.write(out, name, summary);
        System.out.println();
        System.out.println(summary);
        System.out.println("wrote " + out.resolve(name + ".csv") + " and " + out.resolve(name + ".md"));
    }

    private static int positive(String option, String value) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v > 0) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs positive integers, got '" + value + "'");
    }

    /** The ceiling's shape and two shapes the training steps are made of. */
    private static void gemm(NDManager base, GemmCeiling ceiling, Results results, int reps, String threads) {
        double[] g = ceiling.samples(reps);
        results.add(new Results.Row("GEMM ceiling", ceiling.shape() + " float32, " + threads, Timing.median(g), "GFLOP/s",
                Timing.median(g), Timing.median(g), Timing.load(), String.format(Locale.ROOT, "median of %d; min %.1f, max %.1f",
                reps, Arrays.stream(g).min().orElseThrow(), Arrays.stream(g).max().orElseThrow())));
        int[][] shapes = {{2048, 256, 1024}, {256, 256, 256}};
        for (int[] s : shapes) {
            double[] before = ceiling.samples(3);
            try (GemmCeiling shaped = new GemmCeiling(base, s[0], s[1], s[2])) {
                double v = Timing.median(shaped.samples(reps));
                double[] after = ceiling.samples(3);
                double[] all = Arrays.copyOf(before, 6);
                System.arraycopy(after, 0, all, 3, 3);
                results.add(new Results.Row("GEMM", shaped.shape() + " float32, " + threads, v, "GFLOP/s", v, Timing.median(all),
                        Timing.load(), s[0] == 2048 ? "stage 1's block expansion at batch 2048" : "a 256-wide layer at batch 256"));
            }
        }
    }

    private static String machineLine(Engine engine, boolean gpu) {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (java.io.IOException ignored) {
            // not Linux: the JVM's view below is still printed
        }
        return String.format(Locale.ROOT, "Machine: %s, %d cores visible to the JVM, %s; Java %s; %s %s%s; intra-op threads %d (default), inter-op %d",
                cpu, Runtime.getRuntime().availableProcessors(), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version"), engine.getEngineName(), engine.getVersion(),
                gpu ? ", GPUs " + engine.getGpuCount() : ", CPU build", JniUtils.getNumThreads(), JniUtils.getNumInteropThreads());
    }
}
