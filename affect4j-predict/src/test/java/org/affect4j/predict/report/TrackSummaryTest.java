package org.affect4j.predict.report;

import org.affect4j.data.Dominant;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TrackSummaryTest {
    private static final double[] NEUTRAL = {0.9, 0.1, 0, 0, 0, 0, 0, 0}, FEAR = {0.1, 0, 0, 0.9, 0, 0, 0, 0},
            HAPPY = {0, 0, 0, 0, 1, 0, 0, 0};

    @Test
    void sharesAndDominantLeaveUnlabelledFramesOut() {
        TrackSummary s = TrackSummary.of(Tracks.withSilence(100)); // 20 Anger frames, 80 without a label
        assertEquals(100, s.frames());
        assertEquals(20, s.labelled());
        assertEquals(80, s.unlabelled());
        assertEquals(1.0, s.share(1), 1e-12, "Anger is every labelled frame");
        assertEquals(0.8, s.unlabelledShare(), 1e-12, "of all frames");
        Dominant d = s.dominant();
        assertEquals(List.of(1), d.classes());
        assertEquals(1.0, d.share(), 1e-12);
        assertEquals("Anger, 100 %", d.describe());
    }

    @Test
    void aTieIsKept() {
        TrackSummary s = TrackSummary.of(Tracks.ofRows("tie", NEUTRAL, FEAR, null, HAPPY, FEAR, NEUTRAL, null));
        assertEquals(5, s.labelled());
        assertEquals(0.4, s.share(0), 1e-12);
        Dominant d = s.dominant();
        assertTrue(d.isTie());
        assertEquals(List.of(0, 3), d.classes());
        assertEquals("tie: Neutral / Fear, 40 % each", d.describe());
        assertEquals(0, d.label(), "one label for scoring: the lowest index");
    }

    @Test
    void noLabelAtAll() {
        TrackSummary s = TrackSummary.of(Tracks.ofRows("none", null, null));
        assertEquals(0, s.labelled());
        assertEquals(0, s.share(0));
        assertTrue(s.dominant().isEmpty());
    }
}
