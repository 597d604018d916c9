package org.drcorl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a stage's time goes, from JFR's execution and native-method samples of the benchmark
 * thread (every 10 ms): a sample in native code is charged to the libtorch call it waits in
 * ({@code torchMatmul}, {@code torchAdd}, ...) and to the drcorl method that made it
 * ({@code Linear.forward}, {@code Adam.preview}, ...); a sample in Java code to the drcorl
 * method it runs under. The engine's OpenMP worker threads are not sampled: they run only
 * inside calls the benchmark thread waits in, so the shares are those of the step's wall time.
 */
final class StageProfiler {
    private StageProfiler() {}

    /** Runs {@code body} under a recording and returns the largest shares, e.g. "torchMatmul@Linear.forward 41 %". */
    static String profile(Runnable body, int top) {
        Path file = null;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            body.run();
            recording.stop();
            file = Files.createTempFile("drcorl-bench", ".jfr");
            recording.dump(file);
            Thread me = Thread.currentThread();
            Map<String, Integer> counts = new HashMap<>();
            int total = 0;
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                var thread = e.getThread("sampledThread");
                if (thread == null || thread.getJavaThreadId() != me.threadId()) continue;
                counts.merge(label(e.getStackTrace()), 1, Integer::sum);
                total++;
            }
            if (total == 0) return "no samples";
            int n = total;
            return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                    .map(x -> String.format(Locale.ROOT, "%s %.0f%%", x.getKey(), 100.0 * x.getValue() / n))
                    .collect(Collectors.joining("; ")) + String.format(Locale.ROOT, " (%d samples)", n);
        } catch (IOException e) {
            return "profile failed: " + e.getMessage();
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /** "engineCall@Class.method" for a sample in the engine, "java@Class.method" otherwise. */
    private static String label(RecordedStackTrace trace) {
        if (trace == null) return "unknown";
        List<RecordedFrame> frames = trace.getFrames();
        String engine = null, caller = null;
        for (RecordedFrame f : frames) {
            String type = f.getMethod().getType().getName();
            if (engine == null && type.endsWith("PyTorchLibrary")) engine = f.getMethod().getName();
            if (type.startsWith("org.drcorl.") && !type.startsWith("org.drcorl.bench.")) {
                caller = type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
                break;
            }
        }
        if (caller == null && !frames.isEmpty()) {
            String type = frames.getFirst().getMethod().getType().getName();
            caller = type.substring(type.lastIndexOf('.') + 1) + "." + frames.getFirst().getMethod().getName();
        }
        return (engine != null ? engine : "java") + "@" + caller;
    }
}
