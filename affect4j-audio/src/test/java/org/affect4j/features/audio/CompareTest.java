package org.affect4j.features.audio;

import org.affect4j.store.FeatureMatrix;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompareTest {
    private final CompareExtractor compare = new CompareExtractor();

    @Test
    void shapeAndNames() {
        assertEquals(130, compare.dimension());
        assertEquals(65, CompareLlds.NAMES.size());
        assertEquals(65, new java.util.HashSet<>(CompareLlds.NAMES).size());
        assertEquals(98, compare.extract(new float[16_000]).rows());
    }

    @Test
    void sineDescriptors() {
        FeatureMatrix m = compare.extract(TestAudio.sine(1000, 0.5, 0.5));
        int r = 20;
        assertEquals(0.5 / Math.sqrt(2), m.get(r, 2), 0.01, "RMS of a 0.5-amplitude sine");
        assertEquals(2 * 1000.0 / 16_000, m.get(r, 3), 0.005, "zero-crossing rate");
        int centroid = CompareLlds.NAMES.indexOf("pcm_fftMag_spectralCentroid_sma");
        assertEquals(1000, m.get(r, centroid), 60, "centroid at the tone");
        int roll = CompareLlds.NAMES.indexOf("pcm_fftMag_spectralRollOff50.0_sma");
        assertEquals(1000, m.get(r, roll), 40);
        assertEquals(0, m.get(r, 65 + 2), 1e-4, "delta of a steady RMS is 0");
    }

    @Test
    void voicedVowel() {
        FeatureMatrix m = compare.extract(TestAudio.vowel(200, 0.6, 4));
        int f0 = CompareLlds.NAMES.indexOf("F0final_sma");
        assertEquals(200, m.get(30, f0), 2);
    }

    @Test
    void badInputGivesDefinedRows() {
        float[] clipped = TestAudio.sine(150, 5.0, 0.5);
        for (int i = 0; i < clipped.length; i++) clipped[i] = Math.max(-1f, Math.min(1f, clipped[i]));
        for (float[] x : new float[][] {new float[16_000], new float[1600], clipped, new float[10]}) {
            assertTrue(TestAudio.allFinite(compare.extract(x).data()), "finite for input of " + x.length);
        }
        assertThrows(IllegalArgumentException.class, () -> compare.extract(null));
    }

    @Test
    void factoryNames() {
        for (String n : AudioExtractors.NAMES) {
            if (n.equals("vad")) continue; // needs the model package; covered by SileroVadTest
            try (var e = AudioExtractors.create(n)) {
                assertEquals(n, e.id());
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AudioExtractors.create("mfcc"));
        assertTrue(e.getMessage().contains("fbank"), e.getMessage());
    }
}
