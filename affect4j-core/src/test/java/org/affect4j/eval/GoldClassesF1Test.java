package org.affect4j.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GoldClassesF1Test {
    @Test
    void averagesOnlyClassesPresentInGold() {
        // gold has classes 0 and 1 only; class 2 is predicted once (a false positive)
        Evaluation e = Evaluator.evaluate(new int[] {0, 0, 1, 1}, new int[] {0, 2, 1, 1});
        double f0 = 2.0 * 1 / (2 + 1), f1 = 1.0;
        assertEquals((f0 + f1) / 2, e.macroF1OverGoldClasses(), 1e-12);
        assertEquals((f0 + f1) / 8, e.macroF1(), 1e-12);
    }
}
