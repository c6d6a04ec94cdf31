package org.affect4j.features.audio;

import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.store.FeatureMatrix;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameAlignmentTest {
    /** Row r holds the value r, so the output tells which row each frame took. */
    private static FeatureMatrix ramp(int rows) {
        float[] d = new float[rows];
        for (int r = 0; r < rows; r++) d[r] = r;
        return FeatureMatrix.of(rows, 1, d);
    }

    @Test
    void nearestRowAtFrameTimes() {
        FeatureMatrix m = FrameAlignment.toVideoFrames(ramp(100), 100, 30, 30); // 1 s of audio, 1 s of video
        assertEquals(30, m.rows());
        for (int i = 0; i < 30; i++) {
            assertEquals(Math.round(i * 100 / 30.0), m.get(i, 0), 0, "frame " + i);
            assertTrue(m.isValid(i));
        }
    }

    @Test
    void offsetShiftsRows() {
        // rows centred at 12.5 ms + 10 ms r: the frame at 0.5 s takes row round(48.75) = 49
        FeatureMatrix m = FrameAlignment.toVideoFrames(ramp(100), 100, 0.0125, 26, 50);
        assertEquals(49, m.get(25, 0), 0);
        assertEquals(0, m.get(0, 0), 0, "before the first centre: row 0");
    }

    @Test
    void framesBeyondTheAudioAreInvalid() {
        FeatureMatrix m = FrameAlignment.toVideoFrames(ramp(50), 100, 60, 25); // 0.5 s audio, 2.4 s video
        assertEquals(60, m.rows());
        for (int i = 0; i < 60; i++) assertEquals(i / 25.0 < 0.5, m.isValid(i), "frame " + i);
        assertEquals(0, m.get(59, 0), 0);
    }

    @Test
    void invalidNativeRowsStayInvalid() {
        FeatureMatrix n = ramp(10);
        n.valid()[5] = false;
        FeatureMatrix m = FrameAlignment.toVideoFrames(n, 100, 10, 100);
        assertFalse(m.isValid(5));
        assertTrue(m.isValid(4));
    }

    @Test
    void emptyAudioGivesAllInvalidRows() {
        FeatureMatrix m = FrameAlignment.toVideoFrames(new FeatureMatrix(0, 3, new float[0], new boolean[0]), 100, 7, 30);
        assertEquals(7, m.rows());
        assertEquals(0, m.validCount());
    }

    @Test
    void usesTheExtractorsRowTiming() {
        AudioFeatureExtractor fbank = new KaldiFbank();
        FeatureMatrix n = fbank.extract(TestAudio.sine(300, 0.3, 1.0));
        FeatureMatrix m = FrameAlignment.toVideoFrames(n, fbank, 25, 25);
        assertEquals(25, m.rows());
        assertEquals(25, m.validCount());
        assertEquals(n.get(39, 7), m.get(10, 7), 0, "frame 10 at 0.4 s takes row round(38.75) = 39");
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> FrameAlignment.toVideoFrames(ramp(3), 0, 3, 30));
        assertThrows(IllegalArgumentException.class, () -> FrameAlignment.toVideoFrames(ramp(3), 100, 3, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> FrameAlignment.toVideoFrames(ramp(3), 100, -1, 30));
        assertThrows(IllegalArgumentException.class, () -> FrameAlignment.toVideoFrames(null, 100, 3, 30));
    }

    @Test
    void blocksGiveTheRowsOfOneMatrix() {
        java.util.Random rnd = new java.util.Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int rows = rnd.nextInt(300);
            double rate = new double[] {100, 31.25, 50}[rnd.nextInt(3)];
            double fps = 10 + rnd.nextDouble() * 50;
            double offset = rnd.nextDouble() * 0.03;
            int frames = rnd.nextInt(200);
            FeatureMatrix n = ramp(rows);
            for (int r = 0; r < rows; r++) n.valid()[r] = rnd.nextInt(10) > 0;
            FeatureMatrix whole = FrameAlignment.toVideoFrames(n, rate, offset, frames, fps);
            java.util.List<float[]> got = new java.util.ArrayList<>();
            java.util.List<Boolean> ok = new java.util.ArrayList<>();
            FrameAligner a = new FrameAligner(1, rate, offset, fps, (row, v) -> {
                got.add(row);
                ok.add(v);
            });
            for (int from = 0; from < rows; ) {
                int to = Math.min(rows, from + rnd.nextInt(20));
                float[] d = java.util.Arrays.copyOfRange(n.data(), from, to);
                boolean[] v = java.util.Arrays.copyOfRange(n.valid(), from, to);
                a.accept(new FeatureMatrix(to - from, 1, d, v), frames);
                from = to;
            }
            a.finish(frames);
            assertEquals(frames, got.size(), "trial " + trial);
            for (int i = 0; i < frames; i++) {
                assertEquals(whole.isValid(i), ok.get(i), "trial " + trial + " frame " + i);
                assertEquals(whole.get(i, 0), got.get(i)[0], 0, "trial " + trial + " frame " + i);
            }
        }
    }
}
