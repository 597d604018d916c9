package org.drcorl.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A termination rule: open healthy bounds per observation dimension, refused when empty or mis-sized. */
class TerminationRuleTest {

    @Test
    void anEpisodeGoesOnStrictlyInsideTheBoundsAndEndsOnThem() {
        TerminationRule rule = TerminationRule.over(3).within(0, 0.7, Double.POSITIVE_INFINITY).within(1, -0.2, 0.2).build("hopper-like");
        assertTrue(rule.healthy(new float[] {1.2f, 0f, 1e9f}), "obs[2] is unbounded");
        assertFalse(rule.healthy(new float[] {0.7f, 0f, 0f}), "on the bound ends it");
        assertFalse(rule.healthy(new float[] {1.2f, -0.25f, 0f}));
        assertFalse(rule.healthy(new float[] {Float.NaN, 0f, 0f}), "a state that is not a number is not healthy");
        assertFalse(rule.isNever());
        assertEquals("TerminationRule[0.7 < obs[0] < Infinity, -0.2 < obs[1] < 0.2]", rule.toString());
        assertTrue(TerminationRule.never(4, "none").isNever());
        assertTrue(TerminationRule.never(4, "none").healthy(new float[] {1e30f, -1e30f, 0, 0}));
        assertEquals(TerminationRule.over(3).within(0, 2, 0.7, 0.9).build("x"), TerminationRule.over(3).within(0, 0.7, 0.9).within(1, 0.7, 0.9).build("x"));
    }

    @Test
    void emptyOrMisSizedRulesAreRefused() {
        var empty = assertThrows(IllegalArgumentException.class, () -> TerminationRule.over(2).within(1, 0.5, 0.5).build("empty"));
        assertTrue(empty.getMessage().contains("obs[1]"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TerminationRule(new float[2], new float[3], "sizes"));
        assertThrows(IllegalArgumentException.class, () -> TerminationRule.over(0));
        assertThrows(IndexOutOfBoundsException.class, () -> TerminationRule.over(2).within(2, 0, 1));
        var size = assertThrows(IllegalArgumentException.class, () -> TerminationRule.never(2, "two").healthy(new float[3]));
        assertTrue(size.getMessage().contains("3"), size.getMessage());
    }

    @Test
    void theBoundsCannotBeChangedFromOutside() {
        float[] low = {0f}, high = {1f};
        TerminationRule rule = new TerminationRule(low, high, "copy");
        low[0] = 5;
        rule.low()[0] = 5;
        assertTrue(rule.healthy(new float[] {0.5f}));
    }
}
