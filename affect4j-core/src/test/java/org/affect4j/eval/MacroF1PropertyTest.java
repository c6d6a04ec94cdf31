package org.affect4j.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Property: scoring directories of random gold and prediction files ({@link RandomScoringCase}: absent classes,
 * {@code -1} frames, left/right files, all prediction formats) gives the same macro-F1, per-class F1, accuracy,
 * frame count and confusion matrix as the independent {@link NaiveMacroF1}, to 1e-9.
 */
class MacroF1PropertyTest {
    private static final int TRIALS = 100;

    @TempDir
    Path tmp;

    @Test
    void directoryScoreAgreesWithNaiveMacroF1() {
        SplittableRandom rnd = new SplittableRandom(20230611);
        for (int trial = 0; trial < TRIALS; trial++) {
            NaiveMacroF1 expected = RandomScoringCase.write(rnd, tmp.resolve(trial + "/gold"), tmp.resolve(trial + "/pred"));
            Evaluation e = new DirectoryScorer(tmp.resolve(trial + "/gold"), tmp.resolve(trial + "/pred")).score();
            String where = "trial " + trial;
            assertEquals(expected.macroF1(), e.macroF1(), 1e-9, where);
            for (int c = 0; c < 8; c++) assertEquals(expected.f1(c), e.f1(c), 1e-9, where + " class " + c);
            assertArrayEquals(expected.confusion(), e.confusion().toArray(), where);
            assertEquals(expected.accuracy(), e.accuracy(), 1e-9, where);
            assertEquals(expected.gold().size(), e.frames(), where);
        }
    }
}
