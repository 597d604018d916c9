package org.drcorl.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.drcorl.contract.NumberOperands;
import org.junit.jupiter.api.Test;

/**
 * No class of the core multiplies, divides, clamps or raises an array by a plain number through
 * DJL's {@code Number} forms: inside a gradient computation that lends the backward pass a buffer a
 * garbage collection can free first (see {@link org.drcorl.spi.Constants}). Outside one it would be
 * safe, but one rule for every class is what keeps the next change from reintroducing it.
 */
class NumberOperandRuleTest {
    @Test
    void theCoreUsesConstantsForEveryNumberOperand() {
        assertEquals(List.of(), NumberOperands.under(Path.of("target", "classes")));
    }
}
