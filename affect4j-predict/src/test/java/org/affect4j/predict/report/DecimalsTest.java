package org.affect4j.predict.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DecimalsTest {
    @Test
    void fixedPointWithoutScientificNotationOrNegativeZero() {
        assertEquals("0.000010", Decimals.format(1e-5, 6));
        assertEquals("1.000000", Decimals.format(0.9999996, 6));
        assertEquals("11.960", Decimals.format(299 / 25.0, 3));
        assertEquals("-3.5", Decimals.format(-3.5f, 1));
        assertEquals("0.000", Decimals.format(-0.0001, 3));
        assertEquals("3", Decimals.format(2.5, 0));
        assertEquals("", Decimals.format(Double.NaN, 2));
    }
}
