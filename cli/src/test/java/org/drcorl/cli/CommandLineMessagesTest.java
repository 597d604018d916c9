package org.drcorl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line's own messages: typos, progress in a log, interruption, memory. */
class CommandLineMessagesTest {

    @Test
    void aMistypedCommandOrOptionIsOneLineWithTheNearestWord() {
        CliRunner command = CliRunner.run("rnu");
        assertEquals(2, command.exitCode());
        assertEquals("drcorl: error: unknown command 'rnu'; did you mean 'run'? (drcorl --help lists the commands and options)",
                command.err().strip());
        CliRunner option = CliRunner.run("run", "--tresholds", "10");
        assertEquals(2, option.exitCode());
        assertEquals("drcorl: error: unknown option '--tresholds' of drcorl run; did you mean '--thresholds'?"
                + " (drcorl run --help lists the options)", option.err().strip());
        CliRunner far = CliRunner.run("dataset", "--frobnicate=3");
        assertEquals(2, far.exitCode());
        assertEquals(1, far.err().strip().lines().count(), far.err());
        assertFalse(far.err().contains("did you mean"), "nothing near: no guess " + far.err());
        assertFalse(far.err().contains("Usage:"), far.err());
    }

    @Test
    void nearestWordsAllowSwapsAndFewEdits() {
        assertEquals(1, UsageErrorReporter.distance("rnu", "run"));
        assertEquals(List.of("evaluate"), UsageErrorReporter.nearest("evalute", List.of("run", "evaluate", "compare")));
        assertEquals(List.of(), UsageErrorReporter.nearest("xyz", List.of("run", "evaluate")));
    }

    @Test
    void progressOffATerminalIsPlainLinesWithRateAndEta() {
        StringWriter text = new StringWriter();
        ConsoleProgress progress = new ConsoleProgress(false, new PrintWriter(text, true), false);
        progress.start("a stage with a rather long name, longer than a bar's label", 1000);
        for (int i = 0; i < 1000; i++) progress.advance(1);
        progress.finish();
        String log = text.toString();
        assertFalse(log.contains("\r"), "no carriage returns in a log: " + log);
        List<String> lines = log.lines().toList();
        assertEquals(10, lines.size(), "one line per tenth, the last when finished: " + log);
        assertTrue(lines.getFirst().matches("a stage with .*: 10% \\(100/1000 steps, [0-9.]+ steps/s, ETA [0-9:?]+\\)"), lines.getFirst());
        assertTrue(lines.getLast().matches(".*: 100% \\(1000/1000 steps, [0-9.]+ steps/s, took [0-9:]+\\)"), lines.getLast());
        assertEquals(ConsoleProgress.LABEL_WIDTH, ConsoleProgress.label("x".repeat(80)).length(), "a bar's label fits");
        StringWriter none = new StringWriter();
        ConsoleProgress quiet = new ConsoleProgress(true, new PrintWriter(none, true), false);
        quiet.start("s", 10);
        quiet.advance(10);
        quiet.finish();
        assertEquals("", none.toString());
    }

    @Test
    void anInterruptedRunSaysHowToResume() {
        assertTrue(Interruption.message(new String[] {"run", "--preset", "smoke"}).contains("run the same command again to resume"));
        assertTrue(Interruption.message(new String[] {"--verbose", "collect"}).contains("no dataset was written"));
    }

    @Test
    void outOfMemoryNamesTheHeapFlag() {
        String message = ErrorReporter.outOfMemory(new OutOfMemoryError("Java heap space"));
        assertTrue(message.startsWith("out of memory (Java heap space); this JVM may use "), message);
        assertTrue(message.contains("DRCORL_JAVA_OPTS=-Xmx"), message);
    }
}
