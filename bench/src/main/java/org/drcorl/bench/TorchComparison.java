package org.drcorl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.drcorl.nn.NativeHeap;

/**
 * {@code --vs-torch}: the same training steps written as a straightforward PyTorch eager program
 * ({@code bench/torch/steps.py}), run with the same shapes and thread count right after drcorl's own
 * rows, each put next to drcorl's row of the same step as a ratio. Needs Debian's
 * {@code python3-torch}; without it the comparison is skipped with a message, never failed.
 */
final class TorchComparison {
    /** steps.py's step name and batch → the benchmark name and setting prefix of drcorl's row. */
    private static final Map<String, String[]> ROWS = Map.of(
            "stage1/256", new String[] {"stage 1 step", "batch 256,"},
            "stage1/2048", new String[] {"stage 1 step", "batch 2048,"},
            "stage2/256", new String[] {"stage 2 step", "batch 256,"},
            "phase1/256", new String[] {"stage 3 step (phase 1)", "batch 256,"},
            "phase2/256", new String[] {"stage 3 step (phase 2)", "batch 256,"},
            "fqe/256", new String[] {"FQE ensemble update", "batch 256,"});

    /** steps.py's sections for bench's. */
    private static final Map<String, List<String>> SECTIONS = Map.of(
            "stage1", List.of("stage1"), "stage2", List.of("stage2"), "stage3", List.of("phase1", "phase2"), "fqe", List.of("fqe"));

    private final Path script;
    private final String python;
    private final int threads, obs, act, reps;
    private final Results results;

    /** Runs {@code script} with {@code python} at {@code threads} intra-op threads, adding its rows to {@code results}. */
    TorchComparison(Path script, String python, int threads, int obs, int act, int reps, Results results) {
        this.script = script;
        this.python = python;
        this.threads = threads;
        this.obs = obs;
        this.act = act;
        this.reps = reps;
        this.results = results;
    }

    /** The python3 that can import torch, or a line saying why the comparison is skipped. */
    static Optional<String> unavailable(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() == 0) return Optional.empty();
            return Optional.of("--vs-torch skipped: " + python + " cannot import torch (" + lastLine(out)
                    + "); on Debian: apt-get install python3-torch libopenblas0-pthread");
        } catch (IOException e) {
            return Optional.of("--vs-torch skipped: cannot run " + python + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("--vs-torch skipped: interrupted");
        }
    }

    private static String lastLine(String s) {
        String[] lines = s.split("\n");
        return lines[lines.length - 1];
    }

    /**
     * Runs steps.py for one of bench's sections and adds one row per step: PyTorch's time, with
     * drcorl's time of the same step and their ratio in the note.
     */
    void run(String section) {
        try {
            compare(section);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }

    private void compare(String section) throws IOException, InterruptedException {
        List<String> steps = SECTIONS.getOrDefault(section, List.of());
        if (steps.isEmpty()) return;
        if (!Files.isRegularFile(script)) throw new IOException("no " + script + " (run bench/run from the checkout)");
        ProcessBuilder command = new ProcessBuilder(python, script.toString(), "--threads", Integer.toString(threads), "--obs",
                Integer.toString(obs), "--act", Integer.toString(act), "--reps", Integer.toString(reps), "--only",
                String.join(",", steps)).redirectError(ProcessBuilder.Redirect.INHERIT);
        // the allocator settings drcorl runs with, unless the user chose others: without them
        // PyTorch's speed depended on which step its process ran first (NativeHeap.environment)
        NativeHeap.environment().forEach(command.environment()::putIfAbsent);
        Process p = command.start();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode r = json.readTree(line);
                String key = r.get("step").asText() + "/" + r.get("batch").asInt();
                double ms = r.get("ms").asDouble();
                String[] ours = ROWS.get(key);
                String th = threads + (threads == 1 ? " thread" : " threads");
                Optional<Results.Row> mine = ours == null ? Optional.empty() : results.rows().stream()
                        .filter(row -> row.benchmark().equals(ours[0]) && row.setting().startsWith(ours[1]) && row.setting().endsWith(th))
                        .findFirst();
                String note = mine.map(row -> String.format(Locale.ROOT, "drcorl %s ms: drcorl / PyTorch = %.2f",
                        Results.number(row.value()), row.value() / ms)).orElse("no drcorl row to compare");
                results.add(new Results.Row("PyTorch eager: " + (ours == null ? key : ours[0]),
                        (ours == null ? "" : ours[1] + " ") + th + ", torch " + r.get("torch").asText() + ", BLAS "
                                + r.get("blas").asText(), ms, "ms/step", Double.NaN, Double.NaN, Timing.load(), note));
            }
        }
        if (p.waitFor() != 0) throw new IOException(script + " exited with " + p.exitValue());
    }
}
