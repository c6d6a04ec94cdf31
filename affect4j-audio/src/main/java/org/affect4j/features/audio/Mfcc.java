package org.affect4j.features.audio;

/**
 * HTK-style mel-frequency cepstral coefficients as openSMILE computes them for eGeMAPS and ComParE: 26 mel bands
 * (20 Hz - 8 kHz) of the pre-emphasised power spectrum, natural log floored at {@link Spectra#FLOOR}, orthonormal
 * DCT-II, sinusoidal lifter 22 (Young et al., The HTK Book, §5.6). Pre-emphasis (0.97) is applied as a weight on
 * the power spectrum, {@code |1 - 0.97 e^{-jw}|^2}, so the shared unemphasised spectrum can be reused.
 * Immutable, thread-safe.
 */
public final class Mfcc {
    private final MelFilterbank mel;
    private final double[] emphasis;
    private final double[][] dct;
    private final double[] lifter;

    /** Coefficients 1 .. {@code count} (c0 excluded) from spectra of an {@code fftSize}-point FFT. */
    public Mfcc(int count, int fftSize) {
        if (count < 1 || count > 25) throw new IllegalArgumentException("MFCC count must be 1..25, got " + count);
        int bands = 26;
        mel = new MelFilterbank(bands, fftSize, 20, 8000);
        emphasis = new double[fftSize / 2 + 1];
        for (int k = 0; k < emphasis.length; k++) {
            double w = 2 * Math.PI * k / fftSize;
            emphasis[k] = 1 + 0.97 * 0.97 - 2 * 0.97 * Math.cos(w);
        }
        dct = new double[count][bands];
        lifter = new double[count];
        for (int i = 0; i < count; i++) {
            int q = i + 1;
            for (int b = 0; b < bands; b++) dct[i][b] = Math.sqrt(2.0 / bands) * Math.cos(Math.PI * q * (b + 0.5) / bands);
            lifter[i] = 1 + 11 * Math.sin(Math.PI * q / 22);
        }
    }

    /** Coefficients of one power spectrum into {@code out} ({@code count} values). */
    public void compute(double[] power, double[] out) {
        compute(power, out, buffers());
    }

    /** Working space for {@link #compute(double[], double[], Buffers)}, one per thread (reused row after row). */
    public Buffers buffers() {
        return new Buffers(new double[emphasis.length], new double[mel.bands()]);
    }

    /** The emphasised spectrum and the band energies of one row. */
    public record Buffers(double[] spectrum, double[] bands) {
    }

    /** {@link #compute(double[], double[])} in {@code buffers} from {@link #buffers()}, allocating nothing. */
    public void compute(double[] power, double[] out, Buffers buffers) {
        double[] p = buffers.spectrum();
        for (int k = 0; k < p.length; k++) p[k] = power[k] * emphasis[k];
        double[] e = buffers.bands();
        mel.apply(p, e);
        for (int b = 0; b < e.length; b++) e[b] = Math.log(Math.max(Spectra.FLOOR, e[b]));
        for (int i = 0; i < dct.length; i++) {
            double s = 0;
            for (int b = 0; b < e.length; b++) s += dct[i][b] * e[b];
            out[i] = s * lifter[i];
        }
    }
}
