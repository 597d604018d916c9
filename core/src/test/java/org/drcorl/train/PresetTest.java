package org.drcorl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PresetTest {

    @Test
    void namedPresetsAndOverrides() {
        Preset quick = Preset.named("quick");
        Preset changed = quick.with(Map.of("beta-start", "0.05", "extract-steps", "10"));
        assertEquals(0.05, changed.betaStart());
        assertEquals(10, changed.extractSteps());
        assertEquals(quick.criticSteps(), changed.criticSteps());
        assertEquals(256, Preset.named("paper").behavior().hidden());
        var unknown = assertThrows(IllegalArgumentException.class, () -> quick.with(Map.of("bta", "1")));
        assertTrue(unknown.getMessage().contains("unknown setting 'bta'") && unknown.getMessage().contains("beta-start"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> quick.with(Map.of("extract-steps", "many")));
        assertThrows(IllegalArgumentException.class, () -> Preset.named("huge"));
    }
}
