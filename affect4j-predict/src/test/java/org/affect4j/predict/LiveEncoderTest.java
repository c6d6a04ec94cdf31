package org.affect4j.predict;

import org.affect4j.predict.model.VoiceEncoder;
import org.affect4j.store.FeatureMatrix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live voice encoder hands each frame on a bounded time after it arrives, read from the last segment heard at that
 * moment, centred on the speech heard so far.
 */
class LiveEncoderTest {
    private static final int DIM = 12;
    private static final double FPS = 25;

    private static LateFusionModel.Audio audio(String normalise, int segment) {
        return new LateFusionModel.Audio(List.of("x"), "vad", 0.5, 0.75, normalise, null, null, "speech",
                new VoiceEncoder(List.of(VoiceEncoderTest.net(5, DIM), VoiceEncoderTest.net(6, DIM)), 25, segment,
                        VoiceEncoderTest.SEVEN));
    }

    @Test
    void eachFrameIsReadFromTheLastSegmentWhenItIsHandedOn() {
        for (String normalise : List.of("none", "centre")) {
            int segment = 50, frames = 230;
            LateFusionModel.Audio a = audio(normalise, segment);
            LiveEncoder live = new LiveEncoder(a, FPS, DIM);
            Random r = new Random(11);
            List<float[]> rows = new ArrayList<>();
            List<Boolean> gates = new ArrayList<>();
            List<double[]> got = new ArrayList<>();
            int lookahead = (int) Math.round(LiveEncoder.LOOKAHEAD_SECONDS * FPS), hop = (int) Math.round(LiveEncoder.HOP_SECONDS * FPS);
            for (int t = 1; t <= frames; t++) {
                float[] row = null;
                if (t % 17 != 0) { // now and then an invalid row
                    row = new float[DIM];
                    for (int k = 0; k < DIM; k++) row[k] = (float) (r.nextGaussian() + (t / 40) % 3);
                }
                boolean gate = (t / 30) % 4 != 3; // a pause every fourth second or so
                rows.add(row);
                gates.add(gate);
                live.add(row, gate);
                int before = got.size();
                while (live.ready()) got.add(live.take());
                if (got.size() > before) {
                    // handed on from the segment ending at frame t: check every frame just handed
                    for (int f = before; f < got.size(); f++) {
                        double[] want = expected(a, rows, gates, t, segment, f);
                        if (want == null) assertNull(got.get(f), normalise + " frame " + f);
                        else assertArrayEquals(want, got.get(f), 1e-5, normalise + " frame " + f); // live: ONNX Runtime, want: Java
                    }
                }
                assertTrue(got.size() <= Math.max(0, t - lookahead), "a frame waits for the sound after it");
                assertTrue(got.size() >= t - lookahead - hop, "no frame waits longer than the lookahead and a hop: " + t);
            }
            live.end();
            int before = got.size();
            while (live.ready()) got.add(live.take());
            for (int f = before; f < frames; f++) {
                double[] want = expected(a, rows, gates, frames, segment, f);
                if (want == null) assertNull(got.get(f));
                else assertArrayEquals(want, got.get(f), 1e-5);
            }
            assertEquals(frames, got.size(), "every frame is handed on once the sound ends");
            long speech = 0;
            for (int f = 0; f < frames; f++) {
                boolean usable = rows.get(f) != null && gates.get(f);
                assertEquals(usable, got.get(f) != null, "probabilities exactly on speech rows: frame " + f);
                if (usable) speech++;
            }
            assertTrue(speech > frames / 2);
        }
    }

    /** The encoder on the frames of the last segment ending at frame {@code t}, centred on the speech up to t. */
    private static double[] expected(LateFusionModel.Audio a, List<float[]> rows, List<Boolean> gates, int t, int segment, int f) {
        int window = (segment - 1) + 1; // 25 frames/s at 25 steps/s: one frame a step
        int from = Math.max(0, t - window), n = t - from;
        double[] mean = new double[DIM];
        int count = 0;
        for (int i = 0; i < t; i++) {
            if (rows.get(i) == null || !gates.get(i)) continue;
            count++;
            for (int k = 0; k < DIM; k++) mean[k] += rows.get(i)[k];
        }
        boolean centre = "centre".equals(a.normalise());
        float[] v = new float[n * DIM];
        boolean[] valid = new boolean[n], gate = new boolean[n];
        for (int i = 0; i < n; i++) {
            float[] row = rows.get(from + i);
            gate[i] = gates.get(from + i);
            if (row == null) continue;
            valid[i] = true;
            for (int k = 0; k < DIM; k++) v[i * DIM + k] = centre ? (float) (row[k] - mean[k] / count) : row[k];
        }
        double[][] p = a.encoder().probabilities(new FeatureMatrix(n, DIM, v, valid), gate, FPS);
        return p[f - from];
    }

    @Test
    void normalisationsThatNeedTheWholeRecordingAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LiveEncoder(audio("standardise", 50), FPS, DIM));
        assertTrue(LiveEncoder.supports(audio("centre", 50)));
        assertThrows(IllegalArgumentException.class, () -> new LiveEncoder(audio("none", 20), FPS, DIM),
                "a segment shorter than the lookahead and a hop cannot run live");
        assertNotNull(new LiveEncoder(audio("none", 50), FPS, DIM));
    }
}
