package org.drcorl.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AlgorithmTest {

    @Test
    void presetsPairsAndNamedPairs() {
        Algorithm drcorl = Algorithm.named("DRCORL");
        assertEquals("diffusion", drcorl.regularizer());
        assertEquals("slack", drcorl.handler());
        assertEquals(Algorithm.Cloning.SAFE, Algorithm.named("bc-safe").cloning());

        Algorithm pair = Algorithm.named("bc+lagrangian");
        assertEquals("bc+lagrangian", pair.name());
        assertEquals("lagrangian", pair.handler());
        assertNull(pair.cloning());

        Algorithm named = Algorithm.named("fast-lag = bc×lagrangian");
        assertEquals("fast-lag", named.name());
        assertEquals("bc", named.regularizer());
        assertEquals("lagrangian", named.handler());
    }

    @Test
    void badNamesSayWhatIsAccepted() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> Algorithm.named("nope"));
        assertTrue(unknown.getMessage().contains("NAME=REGULARIZER+HANDLER"), unknown.getMessage());
        var taken = assertThrows(IllegalArgumentException.class, () -> Algorithm.named("drcorl=bc+slack"));
        assertTrue(taken.getMessage().contains("is a preset already"), taken.getMessage());
        var blank = assertThrows(IllegalArgumentException.class, () -> Algorithm.named("=bc+slack"));
        assertTrue(blank.getMessage().contains("the name before '='"), blank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Algorithm.named("x=bc"));
    }
}
