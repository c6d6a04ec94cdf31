package org.affect4j.features.audio;

import org.affect4j.store.FeatureMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KaldiFbankTest {
    /** The bound: max absolute difference to torchaudio.compliance.kaldi.fbank on real speech. */
    static final double TOLERANCE = 1e-2;

    @ParameterizedTest
    @ValueSource(strings = {"03-01-05-02-01-01-17", "03-01-02-01-02-02-18"})
    void matchesTorchaudioOnRealSpeech(String name) {
        float[] x = TestAudio.ravdess(name + ".flac");
        int[] shape = new int[2];
        float[] ref = TestAudio.fixture("fbank-" + name + ".npy", shape);
        FeatureMatrix m = new KaldiFbank().extract(x);
        int stride = 3; // the fixture script keeps every third frame
        assertEquals(shape[0], (m.rows() + stride - 1) / stride, "frame count differs from torchaudio's");
        double worst = 0;
        for (int i = 0; i < shape[0]; i++) {
            for (int b = 0; b < 80; b++) {
                worst = Math.max(worst, Math.abs(m.get(i * stride, b) - ref[i * 80 + b]));
            }
        }
        System.out.printf("fbank vs torchaudio, %s: max abs diff %.2e over %d x 80 values%n", name, worst, shape[0]);
        assertTrue(worst <= TOLERANCE, "max abs diff " + worst + " > " + TOLERANCE);
    }

    @Test
    void silenceGivesTheLogFloorNotInfinity() {
        FeatureMatrix m = new KaldiFbank().extract(new float[16_000]);
        assertEquals(98, m.rows());
        assertTrue(TestAudio.allFinite(m.data()));
        assertEquals(Math.log(KaldiFbank.LOG_FLOOR), m.get(10, 40), 1e-6);
        assertEquals(98, m.validCount());
    }

    @Test
    void shortAndEmptyClips() {
        assertEquals(8, new KaldiFbank().extract(new float[1600]).rows(), "0.1 s gives 8 frames, as Kaldi");
        assertEquals(0, new KaldiFbank().extract(new float[399]).rows(), "below one window: no frame");
        assertEquals(0, new KaldiFbank().extract(new float[0]).rows());
    }

    @Test
    void nonFiniteSamplesMarkTheirRowsInvalid() {
        float[] x = TestAudio.sine(440, 0.5, 0.5);
        x[1000] = Float.NaN;
        FeatureMatrix m = new KaldiFbank().extract(x);
        assertTrue(TestAudio.allFinite(m.data()));
        // sample 1000 lies in the windows of rows 4, 5 and 6 ([160 r, 160 r + 400))
        for (int r = 0; r < m.rows(); r++) assertEquals(r < 4 || r > 6, m.isValid(r), "row " + r);
        assertTrue(Float.isFinite(x[1000]) == false, "the caller's array is not modified");
    }

    @Test
    void clippedSignalStaysFinite() {
        float[] x = TestAudio.sine(200, 4.0, 1.0);
        for (int i = 0; i < x.length; i++) x[i] = Math.max(-1f, Math.min(1f, x[i]));
        assertTrue(TestAudio.allFinite(new KaldiFbank().extract(x).data()));
    }

    @Test
    void sinePeaksInTheRightBand() {
        FeatureMatrix m = new KaldiFbank().extract(TestAudio.sine(1000, 0.5, 0.5));
        int best = 0;
        for (int b = 1; b < 80; b++) if (m.get(20, b) > m.get(20, best)) best = b;
        // centre of band b (mel) = mel(20) + (b + 1) * (mel(8000) - mel(20)) / 81
        double d = (MelFilterbank.mel(8000) - MelFilterbank.mel(20)) / 81;
        double expect = (MelFilterbank.mel(1000) - MelFilterbank.mel(20)) / d - 1;
        assertEquals(expect, best, 1.0);
    }

    @Test
    void rejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> new KaldiFbank(
                new KaldiFbank.Options(0, 20, 0, 0.97, 32768, WindowFunction.POVEY)));
        assertThrows(IllegalArgumentException.class, () -> new KaldiFbank(
                new KaldiFbank.Options(80, 20, 0, 1.5, 32768, WindowFunction.POVEY)));
        assertThrows(IllegalArgumentException.class, () -> new KaldiFbank().extract(null));
        assertFalse(new KaldiFbank().provenance().isEmpty());
        assertArrayEquals(new float[0], new KaldiFbank().extract(new float[10]).data());
    }
}
