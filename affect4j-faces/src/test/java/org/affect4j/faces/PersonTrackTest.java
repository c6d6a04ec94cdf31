package org.affect4j.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PersonTrackTest {
    @Test
    void framesBetweenKeyFramesAreInterpolatedHeldAfterTheLastAndLeftEmptyAfterAMiss() {
        // key frames 0, 3, 6, 9 of an 11-frame video: face at 0 and 3 (moving right), missed at 6, found at 9
        Face[] faces = new Face[11];
        faces[0] = FaceTrackerTest.at(100, 50, 40);
        faces[3] = FaceTrackerTest.at(130, 50, 40);
        faces[9] = FaceTrackerTest.at(200, 60, 40);
        PersonTrack t = new PersonTrack(faces).between(3);
        assertEquals(110, t.face(1).orElseThrow().box().centerX(), 1e-9);
        assertEquals(120, t.face(2).orElseThrow().box().centerX(), 1e-9);
        assertEquals(faces[3].keypoint(FaceKeypoint.values()[0]).x() - 10,
                t.face(2).orElseThrow().keypoint(FaceKeypoint.values()[0]).x(), 1e-9);
        // the next key frame (6) has no face: hold frame 3's face, then nothing until key frame 9 finds it again
        assertSame(faces[3], t.face(4).orElseThrow());
        assertSame(faces[3], t.face(5).orElseThrow());
        assertFalse(t.face(6).isPresent());
        assertFalse(t.face(7).isPresent());
        assertFalse(t.face(8).isPresent());
        // past the last key frame the face is held to the end of the video
        assertSame(faces[9], t.face(10).orElseThrow());
        assertEquals(8, t.foundCount()); // 0-5, 9, 10
    }

    @Test
    void keyFrameDetectionKeepsTheFollowedTrackAndLeavesTheFaceCountUnknownBetween() {
        FaceTracker tracker = new FaceTracker();
        tracker.update(0, java.util.List.of(FaceTrackerTest.at(100, 50, 40), FaceTrackerTest.at(300, 50, 40)));
        tracker.update(3, java.util.List.of(FaceTrackerTest.at(104, 50, 40)));
        int[] counts = tracker.faceCounts(5);
        assertEquals(java.util.List.of(2, -1, -1, 1, -1), java.util.Arrays.stream(counts).boxed().toList());
        PersonTrack t = new TrackSelector().select(tracker.tracks(), TrackSelection.MAIN, 5).withFaceCounts(counts).between(3);
        int id = t.trackId(0);
        assertEquals(id, t.trackId(1), "an interpolated frame follows the key frame's face");
        assertEquals(id, t.trackId(3));
        assertEquals(2, t.faceCount(0));
        assertEquals(-1, t.faceCount(1), "not detected: unknown");
        assertEquals(1, t.faceCount(3));
    }

    @Test
    void strideOneChangesNothing() {
        Face[] faces = new Face[4];
        faces[1] = FaceTrackerTest.at(100, 50, 40);
        PersonTrack t = new PersonTrack(faces).between(1);
        assertEquals(1, t.foundCount());
        assertFalse(t.face(2).isPresent());
    }
}
