package org.drcorl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.drcorl.report.KeptSnapshot;
import org.drcorl.report.PerSeedTable;
import org.junit.jupiter.api.Test;

/** The HTML report's lines that RunReport words itself: the reproduce command and the fallback note. */
class RunReportTest {
    /** The words of a command line as a POSIX shell splits them (single quotes and backslashes: all that shellWord writes). */
    private static java.util.List<String> words(String command) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false, any = false, escaped = false;
        for (char c : command.toCharArray()) {
            if (escaped) {
                w.append(c);
                escaped = false;
            } else if (c == '\\' && !quoted) {
                escaped = true;
                any = true;
            } else if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) out.add(w.toString());
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) out.add(w.toString());
        return out;
    }

    @Test
    void reproducingWritesToAnotherFolderThanTheRun() {
        RunLayout layout = new RunLayout(Path.of("runs", "carcircle"));
        String command = RunReport.reproduceCommand(layout);
        assertEquals("drcorl run --config runs/carcircle/config.json --out runs/carcircle-reproduced", command);
        var w = words(command);
        String out = w.get(w.indexOf("--out") + 1);
        assertNotEquals(layout.root().toString(), out, "the same --out is a resume, not a reproduction");
        assertEquals(layout.config().toString(), w.get(w.indexOf("--config") + 1));
        assertEquals(layout.root().getParent(), Path.of(out).getParent(), "next to the run");
    }

    @Test
    void pathsWithSpacesOrQuotesStayOneWord() {
        RunLayout layout = new RunLayout(Path.of("/tmp/my runs/it's here"));
        var w = words(RunReport.reproduceCommand(layout));
        assertEquals(6, w.size(), w.toString());
        assertEquals("/tmp/my runs/it's here/config.json", w.get(3));
        assertEquals("/tmp/my runs/it's here-reproduced", w.get(5));
        assertEquals("plain/path-1.0", RunReport.shellWord("plain/path-1.0"));
        assertEquals("''", RunReport.shellWord(""));
    }

    @Test
    void aFallbackIsNamedAndAKeepWithinBudgetIsNot() {
        Map<PerSeedTable.Policy, KeptSnapshot> kept = new LinkedHashMap<>();
        kept.put(new PerSeedTable.Policy("drcorl", 20, 0), new KeptSnapshot(2499, 0.754));
        assertEquals(Optional.empty(), RunReport.fallbackNote(kept));
        kept.put(new PerSeedTable.Policy("drcorl", 10, 0), new KeptSnapshot(1499, 5.281994));
        String note = RunReport.fallbackNote(kept).orElseThrow();
        assertTrue(note.contains("drcorl at κ = 10, seed 0 (Ĉ bound 5.28)"), note);
        assertFalse(note.contains("κ = 20"), note);
    }
}
