package org.affect4j.predict.model;

import org.affect4j.store.FeatureMatrix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowStatsTest {
    private static FeatureMatrix column(float... v) {
        return FeatureMatrix.of(v.length, 1, v);
    }

    @Test
    void meanStdDeltaSlopeOverAWholeSequenceByHand() {
        // 1 column, rate 10 rows/s, window covers everything
        FeatureMatrix m = column(1, 3, 2, 6);
        FeatureMatrix f = WindowStats.of(m, null, 10, 10, List.of("mean", "std", "delta", "slope"));
        assertEquals(4, f.dim());
        double mean = 3, std = Math.sqrt((4 + 0 + 1 + 9) / 4.0);
        double delta = Math.sqrt((4 + 1 + 16) / 3.0);
        // slope over t = 0..3: cov(t, x) / var(t) = (sum (t - 1.5)(x - 3)) / 4 / 1.25, per row, times 10 rows/s
        double slope = ((-1.5 * -2) + (-0.5 * 0) + (0.5 * -1) + (1.5 * 3)) / 4 / 1.25 * 10;
        for (int i = 0; i < 4; i++) {
            assertEquals(mean, f.get(i, 0), 1e-5);
            assertEquals(std, f.get(i, 1), 1e-5);
            assertEquals(delta, f.get(i, 2), 1e-5);
            assertEquals(slope, f.get(i, 3), 1e-4);
        }
    }

    @Test
    void gatedRowsAreSkippedAndBreakDeltaPairs() {
        FeatureMatrix m = column(1, 100, 3, 5);
        boolean[] gate = {true, false, true, true};
        FeatureMatrix f = WindowStats.of(m, gate, 10, 10, List.of("mean", "delta"));
        assertEquals(3, f.get(0, 0), 1e-5);          // (1 + 3 + 5) / 3
        assertEquals(2, f.get(0, 1), 1e-5);          // only the pair (3, 5) is consecutive
    }

    @Test
    void windowEdgesAndEmptyWindows() {
        FeatureMatrix m = column(0, 0, 0, 0, 0, 8, 8);
        boolean[] gate = {false, false, false, false, false, true, true};
        FeatureMatrix f = WindowStats.of(m, gate, 1, 1, List.of("mean", "std"));
        assertFalse(f.isValid(3), "no speech within one row of row 3");
        assertTrue(f.isValid(4));
        assertEquals(8, f.get(4, 0), 1e-6);
        assertEquals(0, f.get(6, 1), 1e-6);
    }

    @Test
    void deltaIsOnTheSameTimeScaleAtAudioAndVideoRowRates() {
        // the same ramp (1 unit per second) as 100 rows/s (an audio file) and as 25 rows/s (video frames)
        float[] audio = new float[300], video = new float[75];
        for (int i = 0; i < audio.length; i++) audio[i] = i / 100f;
        for (int i = 0; i < video.length; i++) video[i] = i / 25f;
        float a = WindowStats.of(column(audio), null, 100, 1, List.of("delta", "slope")).get(150, 0);
        float v = WindowStats.of(column(video), null, 25, 1, List.of("delta", "slope")).get(37, 0);
        assertEquals(WindowStats.DELTA_SECONDS, a, 1e-4);
        assertEquals(a, v, 1e-4);
        assertEquals(1, WindowStats.of(column(video), null, 25, 1, List.of("delta", "slope")).get(37, 1), 1e-4);
    }

    @Test
    void legacyMeanStdIsTheDefault() {
        FeatureMatrix m = FeatureMatrix.of(5, 2, new float[] {1, 2, 3, 5, 2, 2, 8, 1, 0, 4});
        assertArrayEquals(WindowStats.of(m, null, 100, 0.01, WindowStats.MEAN_STD).data(),
                WindowStats.of(m, null, 100, 0.01).data());
    }

    @Test
    void functionalsAreChecked() {
        FeatureMatrix m = column(1, 2);
        assertThrows(IllegalArgumentException.class, () -> WindowStats.of(m, null, 1, 1, List.of("median")));
        assertThrows(IllegalArgumentException.class, () -> WindowStats.of(m, null, 1, 1, List.of("mean", "mean")));
        assertThrows(IllegalArgumentException.class, () -> WindowStats.of(m, null, 1, 1, List.of()));
    }

    @Test
    void centringUsesOnlySpeechRowsAndKeepsSpread() {
        FeatureMatrix m = FeatureMatrix.of(3, 2, new float[] {1, 10, 3, 20, 100, 0});
        FeatureMatrix c = WindowStats.centred(m, new boolean[] {true, true, false});
        assertArrayEquals(new float[] {-1, -5, 1, 5, 98, -15}, c.data(), 1e-5f);
    }

    @Test
    void perRecordingNormalisationCancelsGainAndOffset() {
        // a log-energy track and the same track 12 dB louder (an offset) and scaled: standardised rows agree
        float[] a = {1, 4, 2, 7, 3, 5}, b = new float[a.length];
        for (int i = 0; i < a.length; i++) b[i] = 2.5f * a[i] + 12;
        boolean[] gate = {true, true, true, true, true, true};
        assertArrayEquals(WindowStats.standardised(column(a), gate).data(), WindowStats.standardised(column(b), gate).data(), 1e-5f);
        float[] c = new float[a.length];
        for (int i = 0; i < a.length; i++) c[i] = a[i] + 12;
        assertArrayEquals(WindowStats.centred(column(a), gate).data(), WindowStats.centred(column(c), gate).data(), 1e-5f);
    }
}
