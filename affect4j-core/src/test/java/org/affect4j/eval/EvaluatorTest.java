package org.affect4j.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluatorTest {
    /** Worked by hand: see the comments for each class. */
    @Test
    void handWorkedExample() {
        // annotated pairs (gold, pred): (0,0) (0,1) (1,1) (1,1) (2,0); the -1 frame is skipped
        Evaluation e = Evaluator.evaluate(new int[]{0, 0, 1, 1, 2, -1}, new int[]{0, 1, 1, 1, 0, 5});
        assertEquals(0.5, e.f1(0), 1e-12);      // tp 1, fp 1, fn 1
        assertEquals(0.8, e.f1(1), 1e-12);      // tp 2, fp 1, fn 0
        assertEquals(0.0, e.f1(2), 1e-12);      // tp 0, fn 1
        assertEquals(1.3 / 8, e.macroF1(), 1e-12); // absent classes 3..7 count as 0
        assertEquals(0.6, e.accuracy(), 1e-12);
        assertEquals(5, e.frames());
        assertEquals(1, e.videos());
        assertEquals(2.0 / 3, e.precision(1), 1e-12);
        assertEquals(1.0, e.recall(1), 1e-12);
        assertEquals(0.0, e.precision(2), 1e-12);
        assertEquals(1, e.confusion().count(2, 0));
        // the property test's reference implementation agrees with the hand-worked numbers too
        NaiveMacroF1 naive = new NaiveMacroF1(java.util.List.of(0, 0, 1, 1, 2), java.util.List.of(0, 1, 1, 1, 0));
        assertEquals(1.3 / 8, naive.macroF1(), 1e-12);
        assertEquals(0.6, naive.accuracy(), 1e-12);
    }

    @Test
    void perfectPredictionOfAllClassesScoresOne() {
        int[] all = {0, 1, 2, 3, 4, 5, 6, 7};
        assertEquals(1.0, Evaluator.evaluate(all, all).macroF1(), 1e-12);
        // only 2 of 8 classes present: perfect prediction still scores 2/8, as sklearn with labels=range(8)
        assertEquals(0.25, Evaluator.evaluate(new int[]{4, 0}, new int[]{4, 0}).macroF1(), 1e-12);
    }

    @Test
    void videosArePooledNotAveraged() {
        Evaluator ev = new Evaluator();
        ev.add(new int[]{0, 0, 0}, new int[]{0, 0, 0});
        ev.add(new int[]{1}, new int[]{0});
        Evaluation pooled = ev.evaluate();
        Evaluation concatenated = Evaluator.evaluate(new int[]{0, 0, 0, 1}, new int[]{0, 0, 0, 0});
        assertEquals(concatenated.macroF1(), pooled.macroF1(), 0);
        assertEquals(concatenated.confusion(), pooled.confusion());
        assertEquals(2, pooled.videos());
    }

    @Test
    void nothingScoredGivesZeros() {
        Evaluation e = Evaluator.evaluate(new int[]{-1, -1}, new int[]{-1, 3});
        assertEquals(0, e.frames());
        assertEquals(0.0, e.macroF1());
        assertEquals(0.0, e.accuracy());
    }

    @Test
    void invalidInputIsRefusedAndLeavesCountsUntouched() {
        Evaluator ev = new Evaluator();
        assertThrows(IllegalArgumentException.class, () -> ev.add(new int[]{0, 1}, new int[]{0}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ev.add(new int[]{0, 1}, new int[]{0, -1}));
        assertTrue(e.getMessage().contains("frame 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ev.add(new int[]{8}, new int[]{0}));
        assertThrows(IllegalArgumentException.class, () -> ev.add(new int[]{0}, new int[]{8}));
        assertEquals(0, ev.evaluate().frames());
        assertEquals(0, ev.evaluate().videos());
    }

    @Test
    void evaluationIsASnapshot() {
        Evaluator ev = new Evaluator().add(new int[]{1}, new int[]{1});
        Evaluation first = ev.evaluate();
        ev.add(new int[]{1}, new int[]{2});
        assertEquals(1, first.frames());
        assertEquals(2, ev.evaluate().frames());
    }

    @Test
    void confusionMatrixChecksItsShape() {
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new long[7][8]));
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new long[8][7]));
        long[][] c = new long[8][8];
        c[3][4] = 2;
        ConfusionMatrix m = ConfusionMatrix.of(c);
        c[3][4] = 5;
        assertEquals(2, m.count(3, 4));
        assertArrayEquals(new long[]{0, 0, 0, 0, 2, 0, 0, 0}, m.toArray()[3]);
        assertThrows(IndexOutOfBoundsException.class, () -> m.count(8, 0));
    }

    @Test
    void jsonHasTheDocumentedKeys() throws Exception {
        Evaluation e = Evaluator.evaluate(new int[]{0, 0, 1, 1, 2, -1}, new int[]{0, 1, 1, 1, 0, 5});
        JsonNode j = new ObjectMapper().readTree(EvaluationReport.json(e));
        assertEquals(1.3 / 8, j.get("macro_f1").asDouble(), 1e-12);
        assertEquals(0.8, j.get("per_class_f1").get("Anger").asDouble(), 1e-12);
        assertEquals(8, j.get("per_class_f1").size());
        assertEquals(0.6, j.get("accuracy").asDouble(), 1e-12);
        assertEquals(5, j.get("frames").asLong());
        assertEquals(8, j.get("confusion").size());
        assertEquals(1, j.get("confusion").get(2).get(0).asLong());
        assertEquals(2, j.get("per_class_support").get("Neutral").asLong());
        String table = EvaluationReport.table(e);
        assertTrue(table.contains("macro-F1  0.1625"), table);
        assertTrue(table.contains("Happiness"), table);
    }
}
