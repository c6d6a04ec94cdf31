package org.affect4j.features.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VoiceQualityTest {
    @ParameterizedTest
    @ValueSource(strings = {"03-01-05-02-01-01-17", "03-01-02-01-02-02-18", "03-01-03-01-01-01-19",
            "03-01-04-02-02-01-20"})
    void utteranceJitterAndShimmerNearPraat(String name) {
        float[] x = TestAudio.ravdess(name + ".flac");
        PraatReference ref = PraatReference.load(name);
        PitchTracker.Track t = new PitchTracker().track(x);
        VoiceQuality.Result q = VoiceQuality.measure(x, t, 0.06);
        System.out.printf("voice quality vs Praat, %s: jitter %.4f vs %.4f, shimmer %.3f vs %.3f dB%n", name,
                q.utteranceJitterLocal(), ref.jitterLocal(), q.utteranceShimmerLocalDb(), ref.shimmerLocalDb());
        assertEquals(ref.jitterLocal(), q.utteranceJitterLocal(), JITTER_TOLERANCE * ref.jitterLocal());
        assertEquals(ref.shimmerLocalDb(), q.utteranceShimmerLocalDb(), SHIMMER_TOLERANCE_DB);
    }

    /** Relative: our marks are waveform peaks, Praat's cross-correlation marks differ by fractions of a sample. */
    static final double JITTER_TOLERANCE = 0.20; // measured: within 14 %
    /** Absolute, in dB. */
    static final double SHIMMER_TOLERANCE_DB = 0.15; // measured: within 0.10 dB

    @Test
    void perfectlyPeriodicVoiceHasNoJitter() {
        float[] x = TestAudio.vowel(125, 0.6, 5); // 128 samples per period exactly
        PitchTracker.Track t = new PitchTracker().track(x);
        VoiceQuality.Result q = VoiceQuality.measure(x, t, 0.06);
        assertTrue(q.utteranceJitterLocal() < 0.002, "jitter " + q.utteranceJitterLocal());
        assertTrue(q.utteranceShimmerLocalDb() < 0.1, "shimmer " + q.utteranceShimmerLocalDb());
        assertTrue(VoiceQuality.marks(x, t).size() > 60);
    }

    @Test
    void silenceHasNoMarks() {
        float[] x = new float[4000];
        VoiceQuality.Result q = VoiceQuality.measure(x, new PitchTracker().track(x), 0.06);
        assertEquals(0, q.utteranceJitterLocal());
        assertEquals(0, q.utteranceShimmerLocalDb());
    }
}
