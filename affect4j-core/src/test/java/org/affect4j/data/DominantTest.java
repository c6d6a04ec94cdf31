package org.affect4j.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DominantTest {
    @Test
    void oneClearWinnerOverTheLabelledFrames() {
        // 4 Happiness, 2 Neutral, 4 frames without label: 4 of 6 labelled frames
        Dominant d = Dominant.of(FramePredictions.ofLabels(new int[] {4, 4, -1, -1, 0, 4, -1, 0, 4, -1}));
        assertEquals(List.of(4), d.classes());
        assertFalse(d.isTie());
        assertEquals(4, d.label());
        assertEquals(6, d.labelledFrames());
        assertEquals(4.0 / 6, d.share(), 1e-12);
        assertEquals("Happiness, 67 %", d.describe());
    }

    @Test
    void aTieIsSaidAsATieAndScoresAsTheLowestIndex() {
        int[] counts = {8, 0, 0, 8, 5, 4, 0, 0};
        Dominant d = Dominant.of(counts);
        assertTrue(d.isTie());
        assertEquals(List.of(0, 3), d.classes());
        assertEquals(0, d.label());
        assertEquals("tie: Neutral / Fear, 32 % each", d.describe());
        assertEquals(Dominant.of(new int[] {0, 0, 0, 8, 5, 4, 0, 8}).label(), 3);
    }

    @Test
    void noLabelledFrame() {
        Dominant d = Dominant.of(FramePredictions.ofLabels(new int[] {-1, -1}));
        assertTrue(d.isEmpty());
        assertEquals(-1, d.label());
        assertEquals(0, d.share());
        assertEquals("none: no frame has a label", d.describe());
        assertThrows(IllegalArgumentException.class, () -> Dominant.of(new int[3]));
    }
}
