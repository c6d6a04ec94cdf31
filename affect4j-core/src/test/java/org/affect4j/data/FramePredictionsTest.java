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

    @Test
    void framesWithoutPredictionHaveLabelMinusOneAndNoProbabilities() {
        double[] flat = new double[3 * 8];
        flat[4] = 1;                 // frame 0: Happiness
        flat[8 + 2] = Double.NaN;    // frame 1: ignored, not labelled
        flat[16 + 6] = 0.9;          // frame 2: Surprise
        FramePredictions p = FramePredictions.ofFlatProbabilities(flat, new boolean[]{true, false, true});
        assertArrayEquals(new int[]{4, -1, 6}, p.labels());
        assertTrue(p.isLabelled(0));
        assertFalse(p.isLabelled(1));
        assertEquals(2, p.labelledFrames());
        assertTrue(Double.isNaN(p.probability(1, 0)));
        assertEquals(p, FramePredictions.ofProbabilities(new double[][]{p.probabilities(0), null, p.probabilities(2)}));
        assertThrows(IllegalArgumentException.class, () -> FramePredictions.ofFlatProbabilities(new double[16], new boolean[3]));
        double[] bad = new double[8];
        bad[0] = -1;
        assertThrows(IllegalArgumentException.class, () -> FramePredictions.ofFlatProbabilities(bad, new boolean[]{true}));
    }

    @Test
    void roundedLabelIsTheArgmaxOfTheRoundedValuesLowestIndexOnTies() {
        // raw arg-max is Fear (3), but Neutral and Fear both round to 0.300000: the lowest index, Neutral, wins
        double[] tie = {0.2999996, 0.1, 0.1, 0.3000004, 0.1, 0.1, 0.1, 0.0};
        // raw arg-max Anger by 4e-7, rounded Anger 0.400001 beats Other 0.400000
        double[] close = {0, 0.4000006, 0, 0, 0, 0, 0, 0.4000002};
        FramePredictions raw = FramePredictions.ofProbabilities(new double[][]{tie, close, null});
        assertArrayEquals(new int[]{3, 1, -1}, raw.labels());
        FramePredictions r = raw.rounded(Rounding.PROBABILITY_DECIMALS);
        assertArrayEquals(new int[]{0, 1, -1}, r.labels());
        assertEquals(0.3, r.probability(0, 0));
        assertEquals(0.3, r.probability(0, 3));
        assertEquals(0.400001, r.probability(1, 1));
        assertTrue(Double.isNaN(r.probability(2, 5)));
        assertEquals(r, r.rounded(Rounding.PROBABILITY_DECIMALS), "rounding twice changes nothing");
        FramePredictions labels = FramePredictions.ofLabels(new int[]{1, -1});
        assertEquals(labels, labels.rounded(6));
    }

    @Test
    void roundingIsHalfUpOnTheMagnitude() {
        assertEquals(123457, Rounding.units(0.1234567, 6));
        assertEquals(5, Rounding.units(0.5, 1));
        assertEquals(1, Rounding.units(-0.5, 0));
        assertEquals(-0.25, Rounding.round(-0.249, 2));
        assertThrows(IllegalArgumentException.class, () -> Rounding.units(Double.NaN, 6));
        assertThrows(IllegalArgumentException.class, () -> Rounding.units(1, 9));
    }
}
