package org.affect4j.predict.recipe;

import org.affect4j.media.AudioDecoder;
import org.affect4j.util.Locations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AudioAugmentationTest {
    private static float[] sine(double hz, double amp, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / AudioAugmentation.RATE));
        return x;
    }

    private static double rms(float[] x) {
        double s = 0;
        for (float v : x) s += v * v;
        return Math.sqrt(s / x.length);
    }

    @Test
    void speedChangesLengthAndPitch() {
        float[] x = sine(200, 0.5, 16_000);
        float[] fast = AudioAugmentation.resample(x, 1.1);
        assertEquals(16_000 / 1.1, fast.length, 1.0);
        // zero crossings per second scale with the speed
        assertEquals(1.1, crossings(fast) / (double) fast.length / (crossings(x) / (double) x.length), 0.02);
    }

    private static int crossings(float[] x) {
        int c = 0;
        for (int i = 1; i < x.length; i++) if ((x[i - 1] < 0) != (x[i] < 0)) c++;
        return c;
    }

    @Test
    void gainAndNoiseLevelsAreAsAsked() {
        float[] x = sine(300, 0.1, 16_000);
        float[] y = AudioAugmentation.apply(x, new AudioAugmentation.Perturbation(1, -6, 0, 0, 0, 0, Double.NaN, false, 1));
        assertEquals(0.5012, rms(y) / rms(x), 1e-3);
        float[] noisy = x.clone();
        AudioAugmentation.addNoise(noisy, 10, false, new SplittableRandom(3));
        double noise = 0, signal = 0;
        for (int i = 0; i < x.length; i++) {
            noise += (noisy[i] - x[i]) * (noisy[i] - x[i]);
            signal += x[i] * x[i];
        }
        assertEquals(10, 10 * Math.log10(signal / noise), 0.3);
    }

    @Test
    void bandLimitsCutOutsideThePassBand() {
        float[] low = sine(60, 0.3, 16_000), high = sine(7000, 0.3, 16_000), mid = sine(1000, 0.3, 16_000);
        for (float[] x : List.of(low, high, mid)) {
            for (int pass = 0; pass < 2; pass++) {
                AudioAugmentation.biquad(x, false, 300);
                AudioAugmentation.biquad(x, true, 3400);
            }
        }
        assertTrue(rms(low) < 0.02, "60 Hz through a 300 Hz high-pass: " + rms(low));
        assertTrue(rms(high) < 0.01, "7 kHz through a 3.4 kHz low-pass: " + rms(high));
        assertEquals(0.3 / Math.sqrt(2), rms(mid), 0.03);
    }

    @Test
    void reverbAddsATailAndKeepsTheLevel() {
        float[] x = sine(500, 0.2, 8_000);
        float[] y = AudioAugmentation.reverb(x, 0.5, 0.4);
        assertEquals(8_000 + 8_000, y.length);
        assertTrue(rms(java.util.Arrays.copyOfRange(y, 8_000, 9_000)) > 0.01, "a reverberant tail");
        assertEquals(rms(x), rms(java.util.Arrays.copyOf(y, 8_000)), 0.06);
    }

    @Test
    void copiesAreWavFilesTheDecoderReadsAndAreReproducible(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src.wav");
        float[] x = sine(220, 0.3, 24_000);
        Files.write(src, AudioAugmentation.wav(x));
        assertArrayEquals(x, AudioDecoder.decode(src), 1e-4f);
        List<Path> a = AudioAugmentation.copies(src, 2, 7, dir.resolve("a"));
        List<Path> b = AudioAugmentation.copies(src, 2, 7, dir.resolve("b"));
        assertEquals(2, a.size());
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(Files.readAllBytes(a.get(k)), Files.readAllBytes(b.get(k)), "same seed, same copy");
            float[] y = AudioDecoder.decode(a.get(k));
            assertTrue(y.length > 20_000 && y.length < 40_000, "speed 0.9-1.1 plus a reverberation tail: " + y.length);
        }
        assertNotEquals(Files.size(a.get(0)) + "" + rms(AudioDecoder.decode(a.get(0))),
                Files.size(a.get(1)) + "" + rms(AudioDecoder.decode(a.get(1))), "two copies differ");
    }

    @Test
    void speedAndGainOnlyDrawsNoChannelSteps() {
        for (long seed = 0; seed < 50; seed++) {
            AudioAugmentation.Perturbation p = AudioAugmentation.Perturbation.draw(new SplittableRandom(seed), false);
            AudioAugmentation.Perturbation full = AudioAugmentation.Perturbation.draw(new SplittableRandom(seed), true);
            assertEquals(0, p.reverbSeconds());
            assertEquals(0, p.lowPassHz());
            assertTrue(Double.isNaN(p.snrDb()));
            assertEquals(full.speed(), p.speed());
            assertEquals(full.gainDb(), p.gainDb());
        }
    }

    @Test
    void aRealRecordingSurvivesPerturbation(@TempDir Path dir) throws Exception {
        var data = Locations.data();
        assumeTrue(data.isPresent(), "development data not found (set -Daffect4j.data=...); skipping real-speech test");
        Path f = data.get().resolve("ravdess/03-01-05-02-01-01-01.flac");
        assumeTrue(Files.isRegularFile(f), "RAVDESS file " + f + " absent; skipping real-speech test");
        Path copy = AudioAugmentation.copies(f, 1, 0, dir).get(0);
        float[] y = AudioDecoder.decode(copy);
        float[] x = AudioDecoder.decode(f);
        assertTrue(Math.abs(y.length - x.length) < 0.2 * x.length, x.length + " -> " + y.length);
        assertTrue(rms(y) > 1e-4, "not silent");
    }
}
