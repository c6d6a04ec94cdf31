package org.affect4j.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tracking and person selection on synthetic detections. */
class FaceTrackerTest {
    static Face at(double cx, double cy, double side) {
        return WeightedNmsTest.face(cx - side / 2, cy - side / 2, side, side, 0.9f);
    }

    /**
     * Two people in 100 frames: A at the left (x 100, side 80, drifting right slowly, always seen), B at the right
     * (x 500, side 100, missed in frames 40..69, longer than the tracker's gap, and back 20 px further right), and a
     * small background face glimpsed for 5 frames.
     */
    @Test
    void leftAndRightPickTheRightPeople() {
        FaceTracker tr = new FaceTracker();
        for (int f = 0; f < 100; f++) {
            List<Face> faces = new ArrayList<>();
            if (f < 40 || f >= 70) faces.add(at(500 + (f >= 70 ? 20 : 0), 200, 100)); // B, missed 40..69
            faces.add(at(100 + f * 0.5, 200, 80)); // A
            if (f >= 10 && f < 15) faces.add(at(300, 100, 30)); // background glimpse
            tr.update(f, faces);
        }
        assertEquals(4, tr.tracks().size(), "A, B before the miss, B after, the glimpse");
        TrackSelector sel = new TrackSelector();
        PersonTrack left = sel.select(tr.tracks(), TrackSelection.LEFT, 100);
        assertEquals(100, left.foundCount());
        assertEquals(100 + 99 * 0.5, left.face(99).orElseThrow().box().centerX(), 1e-3);
        PersonTrack right = sel.select(tr.tracks(), TrackSelection.RIGHT, 100);
        assertEquals(70, right.foundCount(), "both fragments of B, re-joined");
        assertTrue(right.face(39).isPresent());
        assertFalse(right.face(40).isPresent());
        assertEquals(520, right.face(80).orElseThrow().box().centerX(), 1e-3);
        int[] nearest = right.nearestFaceFrames();
        assertEquals(39, nearest[40]);
        assertEquals(39, nearest[54], "54 is 15 frames after 39, 16 before 70");
        assertEquals(70, nearest[55]);
        // A is seen in every frame, B larger but in 70: 100*80 > 70*100
        assertEquals(100, sel.select(tr.tracks(), TrackSelection.MAIN, 100).foundCount());
    }

    @Test
    void detectionOrderDoesNotSwapIdentities() {
        FaceTracker tr = new FaceTracker();
        for (int f = 0; f < 20; f++) {
            Face a = at(100 + f * 3, 100, 60), b = at(300 - f * 3, 100, 60);
            tr.update(f, f % 2 == 0 ? List.of(a, b) : List.of(b, a));
        }
        assertEquals(2, tr.tracks().size());
        FaceTrack first = tr.tracks().get(0);
        assertEquals(20, first.size());
        assertEquals(100 + 19 * 3, first.box(19).centerX(), 1e-3);
    }

    @Test
    void aFastMoveWithoutOverlapStillContinuesTheTrack() {
        FaceTracker tr = new FaceTracker();
        tr.update(0, List.of(at(100, 100, 100)));
        tr.update(1, List.of(at(140, 100, 100))); // IoU 60/140 = 0.43
        tr.update(2, List.of(at(180, 130, 100))); // IoU < 0.3, shift 0.5 box sides
        assertEquals(1, tr.tracks().size());
    }

    @Test
    void shortGapsKeepTheTrackLongGapsSplitIt() {
        FaceTracker tr = new FaceTracker(0.3, 0.5, 5);
        tr.update(0, List.of(at(100, 100, 50)));
        tr.update(6, List.of(at(100, 100, 50))); // 5 frames missed
        assertEquals(1, tr.tracks().size());
        tr.update(13, List.of(at(100, 100, 50))); // 6 frames missed
        assertEquals(2, tr.tracks().size());
    }

    @Test
    void noDetectionsGiveAnAllInvalidTrack() {
        FaceTracker tr = new FaceTracker();
        for (int f = 0; f < 10; f++) tr.update(f, List.of());
        PersonTrack p = new TrackSelector().select(tr.tracks(), TrackSelection.LEFT, 10);
        assertTrue(p.isEmpty());
        assertEquals(10, p.frameCount());
        assertTrue(p.summary().startsWith("no face found in any of the 10 frames"), p.summary());
        for (boolean v : p.validity()) assertFalse(v);
    }

    @Test
    void framesMustIncrease() {
        FaceTracker tr = new FaceTracker();
        tr.update(3, List.of());
        assertThrows(IllegalArgumentException.class, () -> tr.update(3, List.of()));
    }

    @Test
    void annotationNamesMapToSelections() {
        assertEquals(TrackSelection.LEFT, TrackSelection.forAnnotationName("10-60-1280x720_left.txt"));
        assertEquals(TrackSelection.RIGHT, TrackSelection.forAnnotationName("video59_right"));
        assertEquals(TrackSelection.MAIN, TrackSelection.forAnnotationName("118-30-640x480.txt"));
    }
}
