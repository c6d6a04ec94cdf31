package org.affect4j.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TemporalSmoothingTest {
    private static double[] onehot(int c) {
        double[] p = new double[ExprClass.COUNT];
        p[c] = 1;
        return p;
    }

    @Test
    void centredBoxCutAtTheEndsAndLabelsFollow() {
        FramePredictions p = FramePredictions.ofProbabilities(new double[][] {onehot(4), onehot(4), onehot(1), onehot(4), onehot(5)});
        FramePredictions s = TemporalSmoothing.box(p, 3);
        assertEquals(1.0, s.probability(0, 4), 1e-12, "cut at the start: frame 0 averages frames 0 and 1 only");
        assertEquals(2.0 / 3, s.probability(1, 4), 1e-12);
        assertEquals(1.0 / 3, s.probability(1, 1), 1e-12);
        assertEquals(4, s.label(2), "the lone Anger frame is smoothed away");
        assertEquals(0.5, s.probability(4, 5), 1e-12);
        assertSame(p, TemporalSmoothing.box(p, 1), "window 1 is a no-op");
        assertThrows(IllegalArgumentException.class, () -> TemporalSmoothing.box(FramePredictions.ofLabels(new int[] {1, 2}), 3));
    }

    @Test
    void averagesLabelledFramesOnlyAndNeverLabelsAnUnlabelledFrame() {
        FramePredictions p = FramePredictions.ofProbabilities(new double[][] {onehot(4), null, null, onehot(1), null});
        FramePredictions s = TemporalSmoothing.box(p, 3);
        assertArrayEquals(new int[] {4, -1, -1, 1, -1}, s.labels());
        assertEquals(1.0, s.probability(0, 4), 1e-12, "frame 1 has no label, so frame 0 keeps its own");
        assertEquals(1.0, s.probability(3, 1), 1e-12, "frames 2 and 4 take no part in frame 3's mean");
        assertTrue(Double.isNaN(s.probability(1, 4)));
        FramePredictions wide = TemporalSmoothing.box(p, 7);
        assertArrayEquals(new int[] {1, -1, -1, 1, -1}, wide.labels(), "frame 0 ties Anger with Happiness: the lower index");
        assertEquals(0.5, wide.probability(0, 4), 1e-12, "the mean of frames 0 and 3, the labelled ones in the box");
        assertEquals(0.5, wide.probability(3, 1), 1e-12);
        FramePredictions none = FramePredictions.ofProbabilities(new double[][] {null, null});
        assertArrayEquals(new int[] {-1, -1}, TemporalSmoothing.box(none, 5).labels());
    }
}
