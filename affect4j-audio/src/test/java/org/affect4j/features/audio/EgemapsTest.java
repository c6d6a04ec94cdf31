package org.affect4j.features.audio;

import org.affect4j.store.FeatureMatrix;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EgemapsTest {
    private final EgemapsExtractor egemaps = new EgemapsExtractor();

    @Test
    void shapeNamesAndGrid() {
        assertEquals(25, egemaps.dimension());
        assertEquals(25, EgemapsLlds.NAMES.size());
        assertEquals(88, EgemapsFunctionals.NAMES.size());
        assertEquals(88, new java.util.HashSet<>(EgemapsFunctionals.NAMES).size(), "functional names are unique");
        FeatureMatrix m = egemaps.extract(TestAudio.vowel(180, 1.0, 2));
        assertEquals(new KaldiFbank().extract(TestAudio.vowel(180, 1.0, 2)).rows(), m.rows(), "same grid as fbank");
    }

    @Test
    void syntheticVowel() {
        FeatureMatrix m = egemaps.extract(TestAudio.vowel(180, 1.0, 2));
        double semitones = 12 * Math.log(180 / 27.5) / Math.log(2);
        for (int r = 5; r < m.rows() - 5; r++) {
            assertEquals(semitones, m.get(r, EgemapsLlds.F0), 0.1, "F0 row " + r);
            assertTrue(m.get(r, EgemapsLlds.HNR) > 10, "HNR of a clean vowel, row " + r);
            assertTrue(m.get(r, EgemapsLlds.JITTER) < 0.01, "jitter row " + r);
            // harmonics fall 12 dB per octave by construction: H1-H2 = 20 log10(4) = 12 dB
            assertEquals(12.0, m.get(r, EgemapsLlds.H1H2), 2.0, "H1-H2 row " + r);
            assertTrue(m.get(r, EgemapsLlds.LOUDNESS) > 0);
        }
    }

    @Test
    void realSpeechF0AgreesWithPraatOnAverage() {
        String name = "03-01-02-01-02-02-18";
        float[] x = TestAudio.ravdess(name + ".flac");
        PraatReference ref = PraatReference.load(name);
        double[] f = new EgemapsFunctionals().compute(x);
        double sum = 0;
        int n = 0;
        for (double v : ref.f0()) {
            if (!Double.isNaN(v)) {
                sum += 12 * Math.log(v / 27.5) / Math.log(2);
                n++;
            }
        }
        assertEquals(sum / n, f[0], 0.5, "mean F0 in semitones (after 3-row smoothing) within 0.5 st of Praat's");
        for (double v : f) assertTrue(Double.isFinite(v));
    }

    @Test
    void badInputGivesDefinedRows() {
        float[] clipped = TestAudio.sine(150, 5.0, 0.5);
        for (int i = 0; i < clipped.length; i++) clipped[i] = Math.max(-1f, Math.min(1f, clipped[i]));
        float[] nan = TestAudio.vowel(150, 0.5, 1);
        nan[3000] = Float.NaN;
        for (float[] x : new float[][] {new float[16_000], new float[1600], clipped, nan, new float[100]}) {
            FeatureMatrix m = egemaps.extract(x);
            assertTrue(TestAudio.allFinite(m.data()), "finite for input of " + x.length);
            double[] f = new EgemapsFunctionals().compute(x);
            assertEquals(88, f.length);
            for (double v : f) assertTrue(Double.isFinite(v));
        }
        assertEquals(8, egemaps.extract(new float[1600]).rows());
        FeatureMatrix m = egemaps.extract(nan);
        assertTrue(!m.isValid(17) && m.isValid(0), "row holding the NaN sample is invalid");
        FeatureMatrix silent = egemaps.extract(new float[16_000]);
        assertEquals(0, silent.get(50, EgemapsLlds.F0), 0, "silence is unvoiced");
    }
}
