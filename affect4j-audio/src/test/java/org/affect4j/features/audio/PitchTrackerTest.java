package org.affect4j.features.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PitchTrackerTest {
    /** The bound: relative F0 difference on rows both trackers call voiced. */
    static final double F0_TOLERANCE = 0.02;
    /**
     * Share of rows voiced in both that must be within {@link #F0_TOLERANCE}. Not 100 %: Praat's values are read
     * by linear interpolation between its own frames, which lie up to 5 ms from ours, and at fast F0 glides and
     * voicing edges that alone moves them by 2-4 %; in one angry clip Praat tracks a 550 Hz scream that our path
     * puts an octave-and-more lower. Measured on the four fixtures: 525 of 535 rows (98.1 %).
     */
    static final double MIN_SHARE_WITHIN = 0.95;
    /**
     * HNR: ours is read from the 40 ms Hann-window autocorrelation of the pitch track, Praat's "To Harmonicity
     * (ac)" uses 4.5 periods of the floor (60 ms) and a Gaussian window, so per-row values differ by design.
     */
    static final double HNR_MEDIAN_TOLERANCE_DB = 2.0; // measured 1.24-1.42 dB
    static final double HNR_MEAN_TOLERANCE_DB = 2.0; // measured 0.7-1.3 dB

    @ParameterizedTest
    @ValueSource(strings = {"03-01-05-02-01-01-17", "03-01-02-01-02-02-18", "03-01-03-01-01-01-19",
            "03-01-04-02-02-01-20"})
    void agreesWithPraatOnRealSpeech(String name) {
        float[] x = TestAudio.ravdess(name + ".flac");
        PraatReference ref = PraatReference.load(name);
        PitchTracker.Track t = new PitchTracker().track(x);
        assertEquals(ref.f0().length, t.rows());
        int both = 0;
        int within = 0;
        int voicingAgree = 0;
        double worst = 0;
        for (int i = 0; i < t.rows(); i++) {
            boolean pv = !Double.isNaN(ref.f0()[i]);
            if (pv == t.voiced(i)) voicingAgree++;
            if (pv && t.voiced(i)) {
                both++;
                double rel = Math.abs(t.f0()[i] - ref.f0()[i]) / ref.f0()[i];
                worst = Math.max(worst, rel);
                if (rel <= F0_TOLERANCE) within++;
            }
        }
        System.out.printf("pitch vs Praat, %s: voicing agrees on %d/%d rows; both voiced %d, within 2%% %d, worst %.3f%n",
                name, voicingAgree, t.rows(), both, within, worst);
        assertTrue(both > 50, "too few rows voiced in both: " + both);
        assertTrue(within >= MIN_SHARE_WITHIN * both, within + " of " + both + " rows within 2 % of Praat's F0");
        assertTrue(voicingAgree >= 0.9 * t.rows(), "voicing decisions agree on only " + voicingAgree + " of " + t.rows());
    }

    @ParameterizedTest
    @ValueSource(strings = {"03-01-05-02-01-01-17", "03-01-02-01-02-02-18", "03-01-03-01-01-01-19",
            "03-01-04-02-02-01-20"})
    void hnrNearPraat(String name) {
        float[] x = TestAudio.ravdess(name + ".flac");
        PraatReference ref = PraatReference.load(name);
        PitchTracker.Track t = new PitchTracker().track(x);
        java.util.List<Double> diffs = new java.util.ArrayList<>();
        double javaMean = 0;
        double praatMean = 0;
        for (int i = 0; i < t.rows(); i++) {
            double h = ref.hnr()[i];
            if (t.voiced(i) && !Double.isNaN(ref.f0()[i]) && !Double.isNaN(h) && h > -100) {
                diffs.add(Math.abs(t.hnrDb(i) - h));
                javaMean += t.hnrDb(i);
                praatMean += h;
            }
        }
        java.util.Collections.sort(diffs);
        double median = diffs.get(diffs.size() / 2);
        System.out.printf("HNR vs Praat, %s: %d rows, mean %.1f vs %.1f dB, median |diff| %.2f dB%n", name,
                diffs.size(), javaMean / diffs.size(), praatMean / diffs.size(), median);
        assertTrue(median <= HNR_MEDIAN_TOLERANCE_DB, "median |HNR diff| " + median + " dB");
        assertEquals(praatMean / diffs.size(), javaMean / diffs.size(), HNR_MEAN_TOLERANCE_DB, "mean HNR");
    }

    @Test
    void syntheticVowelPitch() {
        PitchTracker.Track t = new PitchTracker().track(TestAudio.vowel(180, 0.5, 1));
        for (int i = 3; i < t.rows() - 3; i++) {
            assertEquals(180, t.f0()[i], 180 * 0.005, "row " + i);
            assertTrue(t.hnrDb(i) > 15, "clean vowel HNR " + t.hnrDb(i));
        }
    }

    @Test
    void silenceAndNoiseAreUnvoiced() {
        PitchTracker.Track s = new PitchTracker().track(new float[8000]);
        for (int i = 0; i < s.rows(); i++) {
            assertEquals(0, s.f0()[i]);
            assertEquals(-20, s.hnrDb(i));
        }
        assertEquals(0, new PitchTracker().track(new float[100]).rows());
        assertThrows(IllegalArgumentException.class, () -> new PitchTracker(600, 75));
    }
}
