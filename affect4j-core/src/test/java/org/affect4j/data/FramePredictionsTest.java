package org.affect4j.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FramePredictionsTest {
    @Test
    void labelsAreCopiedAndChecked() {
        int[] labels = {0, 7, -1};
        FramePredictions p = FramePredictions.ofLabels(labels);
        labels[0] = 3;
        assertArrayEquals(new int[]{0, 7, -1}, p.labels());
        assertFalse(p.hasProbabilities());
        assertThrows(IllegalStateException.class, () -> p.probability(0, 0));
        assertThrows(IllegalArgumentException.class, () -> FramePredictions.ofLabels(new int[]{8}));
        assertThrows(IllegalArgumentException.class, () -> FramePredictions.ofLabels(new int[]{-2}));
    }

    @Test
    void labelsAreArgmaxWithLowestIndexOnTies() {
        FramePredictions p = FramePredictions.ofProbabilities(new double[][]{
                {0, 0, 0.5, 0, 0, 0, 0, 0.5}, {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.3}, {0, 0, 0, 0, 0, 0, 0, 0}});
        assertArrayEquals(new int[]{2, 7, 0}, p.labels());
        assertTrue(p.hasProbabilities());
        assertEquals(0.3, p.probability(1, 7));
        assertArrayEquals(new double[]{0, 0, 0.5, 0, 0, 0, 0, 0.5}, p.probabilities(0));
    }

    @Test
    void badProbabilitiesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FramePredictions.ofProbabilities(new double[][]{{1, 0}}));
        assertThrows(IllegalArgumentException.class, () -> FramePredictions.ofFlatProbabilities(new double[9]));
        double[] nan = new double[8];
        nan[3] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> FramePredictions.ofFlatProbabilities(nan));
        double[] negative = new double[8];
        negative[0] = -0.1;
        assertThrows(IllegalArgumentException.class, () -> FramePredictions.ofFlatProbabilities(negative));
    }
}
