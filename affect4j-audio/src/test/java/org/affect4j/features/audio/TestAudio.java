package org.affect4j.features.audio;

import org.affect4j.media.AudioDecoder;
import org.affect4j.store.Npy;
import org.affect4j.util.Locations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real and synthetic test signals, and the checked-in fixtures. */
final class TestAudio {
    static final int SR = 16_000;

    private TestAudio() {
    }

    /** A RAVDESS file decoded to 16 kHz mono; skips the test when the development data is absent. */
    static float[] ravdess(String name) {
        Optional<Path> data = Locations.data();
        assumeTrue(data.isPresent(), "development data not found (set -Daffect4j.data=...); skipping real-speech test");
        Path f = data.get().resolve("ravdess").resolve(name);
        assumeTrue(Files.isRegularFile(f), "RAVDESS file " + f + " absent; skipping real-speech test");
        return AudioDecoder.decode(f);
    }

    /** A float32 2-D fixture from src/test/resources of this package. */
    static float[] fixture(String resource, int[] shape) {
        try (InputStream in = TestAudio.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("fixture " + resource + " missing from the test classpath");
            return Npy.readFloat2d(in, shape, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sine of {@code hz} Hz and amplitude {@code amp}, {@code seconds} long. */
    static float[] sine(double hz, double amp, double seconds) {
        float[] x = new float[(int) Math.round(seconds * SR)];
        for (int i = 0; i < x.length; i++) x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / SR));
        return x;
    }

    /**
     * A crude voiced vowel: a glottal-like pulse train at {@code f0} (harmonics falling 12 dB per octave) through
     * no vocal tract, plus a little noise; pitch is exactly {@code f0}.
     */
    static float[] vowel(double f0, double seconds, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        float[] x = new float[(int) Math.round(seconds * SR)];
        int harmonics = (int) (7000 / f0);
        for (int i = 0; i < x.length; i++) {
            double t = (double) i / SR;
            double s = 0;
            for (int h = 1; h <= harmonics; h++) s += Math.sin(2 * Math.PI * f0 * h * t) / (h * h);
            x[i] = (float) (0.3 * s + 0.002 * rnd.nextGaussian());
        }
        return x;
    }

    /** Max absolute value of a float array. */
    static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) m = Math.max(m, Math.abs(v));
        return m;
    }

    /** True when every value is finite. */
    static boolean allFinite(float[] a) {
        for (float v : a) if (!Float.isFinite(v)) return false;
        return true;
    }
}
