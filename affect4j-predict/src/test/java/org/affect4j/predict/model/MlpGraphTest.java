package org.affect4j.predict.model;

import org.affect4j.predict.ExpressionModels;
import org.affect4j.predict.LateFusionModel;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlpGraphTest {
    @Test
    void theShippedFaceHeadGivesTheSameProbabilitiesInOnnxRuntimeAsInJava() {
        LateFusionModel m = ExpressionModels.shipped();
        Head head = m.spec().visual().head();
        assertTrue(MlpGraph.runs(head), "the shipped face head is a mean of perceptrons");
        Head.Scorer java = head.scorer();
        SplittableRandom rng = new SplittableRandom(7);
        double worst = 0;
        int argmaxSame = 0, n = 200;
        try (MlpGraph graph = new MlpGraph(head)) {
            for (int i = 0; i < n; i++) {
                float[] row = new float[head.features()];
                // rows around the head's own input statistics, from confident to ambiguous
                MlpHead first = (MlpHead) ((MeanHead) head).members().get(0);
                double spread = 0.5 + 2.0 * i / n;
                for (int j = 0; j < row.length; j++) row[j] = (float) (first.mean()[j] + spread * first.std()[j] * rng.nextGaussian());
                double[] a = java.probabilities(row), b = graph.probabilities(row);
                assertEquals(a.length, b.length);
                for (int c = 0; c < a.length; c++) worst = Math.max(worst, Math.abs(a[c] - b[c]));
                if (argmax(a) == argmax(b)) argmaxSame++;
            }
            assertThrows(IllegalArgumentException.class, () -> graph.probabilities(new float[3]));
        }
        assertTrue(worst < 1e-5, "largest difference " + worst);
        assertEquals(n, argmaxSame);
    }

    @Test
    void aBatchGivesEachRowsOwnProbabilities() {
        Head head = ExpressionModels.shipped().spec().visual().head();
        MlpHead first = (MlpHead) ((MeanHead) head).members().get(0);
        SplittableRandom rng = new SplittableRandom(11);
        float[][] rows = new float[600][head.features()]; // more than one run's rows
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) row[j] = (float) (first.mean()[j] + 2 * first.std()[j] * rng.nextGaussian());
        }
        Head.Scorer java = head.scorer();
        try (MlpGraph graph = new MlpGraph(head)) {
            double[][] batch = graph.probabilities(rows);
            double[][] javaBatch = java.probabilities(rows);
            assertEquals(rows.length, batch.length);
            double worst = 0;
            for (int i = 0; i < rows.length; i++) {
                assertArrayEquals(graph.probabilities(rows[i]), batch[i], 1e-6, "row " + i + " alone and in a batch");
                assertArrayEquals(java.probabilities(rows[i]), javaBatch[i], 0, "the default batch is the row loop");
                for (int c = 0; c < batch[i].length; c++) worst = Math.max(worst, Math.abs(batch[i][c] - javaBatch[i][c]));
            }
            assertTrue(worst < 1e-5, "largest difference to Java " + worst);
            assertEquals(0, graph.probabilities(new float[0][]).length);
            float[][] bad = {rows[0], new float[3]};
            assertThrows(IllegalArgumentException.class, () -> graph.probabilities(bad));
        }
    }

    @Test
    void longInputsGetTheGraphShortOnesAndOtherHeadsJava() {
        LateFusionModel m = ExpressionModels.shipped();
        try {
            Head.Scorer shortInput = m.visualScorer(LateFusionModel.GRAPH_FROM_FRAMES - 1);
            Head.Scorer longInput = m.visualScorer(LateFusionModel.GRAPH_FROM_FRAMES);
            assertFalse(shortInput instanceof MlpGraph);
            assertTrue(longInput instanceof MlpGraph);
            assertSame(longInput, m.visualScorer(Long.MAX_VALUE), "one session per model");
        } finally {
            m.close();
        }
        assertFalse(MlpGraph.runs(new LinearHead(new int[] {0, 4}, new float[] {0, 0}, new float[] {1, 1},
                new double[][] {{1, 0}, {0, 1}}, new double[] {0, 0})));
    }

    private static int argmax(double[] p) {
        int k = 0;
        for (int c = 1; c < p.length; c++) if (p[c] > p[k]) k = c;
        return k;
    }
}
