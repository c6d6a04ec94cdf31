package org.affect4j.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class LabelFillTest {
    @Test
    void nearestLabelledFrameEarlierOnATie() {
        // frame 2 is 1 from frame 1 (Anger) and 1 from frame 3 (Fear): the earlier wins; frame 0 only has a later one
        LabelFill f = LabelFill.of(FramePredictions.ofLabels(new int[] {-1, 1, -1, 3, -1, -1, -1, 6, -1}));
        assertArrayEquals(new int[] {1, 1, 1, 3, 3, 3, 6, 6, 6}, f.predictions().labels());
        assertEquals(6, f.filledFrames());
        assertFalse(f.fallback());
        assertTrue(f.note("clip.txt").startsWith("6 frames without a label"), f.note("clip.txt"));
    }

    @Test
    void fullyLabelledIsUnchanged() {
        FramePredictions p = FramePredictions.ofProbabilities(new double[][] {{0, 1, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 1}});
        LabelFill f = LabelFill.of(p);
        assertArrayEquals(p.labels(), f.predictions().labels());
        assertEquals(0, f.filledFrames());
        assertEquals("", f.note("x.txt"));
    }

    @Test
    void noLabelledFrameAtAllFallsBackToNeutral() {
        LabelFill f = LabelFill.of(FramePredictions.ofProbabilities(new double[][] {null, null, null}));
        assertArrayEquals(new int[] {0, 0, 0}, f.predictions().labels());
        assertEquals(LabelFill.FALLBACK, 0);
        assertTrue(f.fallback());
        assertEquals(3, f.filledFrames());
        assertTrue(f.note("a.txt").contains("fallback label 0 (Neutral)"), f.note("a.txt"));
        LabelFill empty = LabelFill.of(FramePredictions.ofLabels(new int[0]));
        assertFalse(empty.fallback(), "no frames: nothing to fill");
    }
}
