package org.affect4j.ensemble;

import org.affect4j.data.FramePredictions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProbabilityAverageTest {
    private static FramePredictions probs(double[]... rows) {
        return FramePredictions.ofProbabilities(rows);
    }

    @Test
    void averagesAndTakesTheArgmax() {
        FramePredictions a = probs(new double[]{0.6, 0.4, 0, 0, 0, 0, 0, 0});
        FramePredictions b = probs(new double[]{0.0, 0.8, 0.2, 0, 0, 0, 0, 0});
        FramePredictions out = new ProbabilityAverage().combine(List.of(a, b));
        assertArrayEquals(new double[]{0.3, 0.6, 0.1, 0, 0, 0, 0, 0}, out.probabilities(0), 1e-12);
        assertArrayEquals(new int[]{1}, out.labels());
    }

    @Test
    void weightsAreNormalised() {
        FramePredictions a = probs(new double[]{1, 0, 0, 0, 0, 0, 0, 0});
        FramePredictions b = probs(new double[]{0, 1, 0, 0, 0, 0, 0, 0});
        FramePredictions out = new ProbabilityAverage().combine(List.of(a, b), new double[]{3, 1});
        assertEquals(0.75, out.probability(0, 0), 1e-12);
        assertEquals(0.25, out.probability(0, 1), 1e-12);
        assertArrayEquals(new int[]{0}, out.labels());
    }

    @Test
    void tiesGoToTheLowestClass() {
        FramePredictions a = probs(new double[]{0, 0, 0, 0, 0, 0, 1, 0});
        FramePredictions b = probs(new double[]{0, 0, 0, 1, 0, 0, 0, 0});
        assertArrayEquals(new int[]{3}, new ProbabilityAverage().combine(List.of(a, b)).labels());
    }

    @Test
    void labelOnlyMembersAreRefused() {
        FramePredictions a = probs(new double[]{1, 0, 0, 0, 0, 0, 0, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProbabilityAverage().combine(List.of(a, FramePredictions.ofLabels(new int[]{0}))));
        assertTrue(e.getMessage().contains("member 1 carries labels only"), e.getMessage());
    }
}
