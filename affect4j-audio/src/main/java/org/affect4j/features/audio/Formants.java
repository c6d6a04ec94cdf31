package org.affect4j.features.audio;

/**
 * Formant frequencies and bandwidths from linear prediction (Markel and Gray, "Linear Prediction of Speech",
 * 1976): pre-emphasis from 50 Hz, Gaussian-like (Hamming) window of 25 ms, autocorrelation LPC of order 16
 * (2 per kHz of a 8 kHz band, plus 0) by Levinson-Durbin, roots of the predictor polynomial by Durand-Kerner
 * iteration; a root {@code z} gives {@code F = arg(z) fs / 2 pi} and {@code B = -ln|z| fs / pi}. Formants are the
 * lowest three roots between 90 Hz and 7.9 kHz with bandwidth below 800 Hz, as eGeMAPS's F1-F3 (Eyben et al.
 * 2016, §3.1). Not thread-safe (buffers).
 */
public final class Formants {
    private static final int SR = 16_000;
    private static final int ORDER = 16;
    /** Pre-emphasis from 50 Hz ({@code exp(-2 pi 50 / fs)}), Hamming window, on the shared grid. */
    private final SpectralFramer framer = new SpectralFramer(AudioFrames.WINDOW, WindowFunction.HAMMING, true,
            Math.exp(-2 * Math.PI * 50.0 / SR), 1);

    /**
     * Writes {F1, F2, F3, B1, B2, B3} (Hz) of row {@code row} of {@code x} into {@code out}; zeros where fewer
     * formants are found or the frame is silent. Returns the number found (0-3).
     */
    public int compute(float[] x, int row, double[] out) {
        java.util.Arrays.fill(out, 0, 6, 0);
        double[] frame = framer.windowed(x, row);
        double[] r = new double[ORDER + 1];
        for (int lag = 0; lag <= ORDER; lag++) {
            double s = 0;
            for (int j = lag; j < frame.length; j++) s += frame[j] * frame[j - lag];
            r[lag] = s;
        }
        if (r[0] <= 1e-12) return 0;
        r[0] *= 1 + 1e-9; // a touch of white noise keeps Levinson stable on pure tones
        double[] a = levinson(r);
        double[][] roots = roots(a);
        double[] f = new double[ORDER];
        double[] b = new double[ORDER];
        int n = 0;
        for (double[] z : roots) {
            if (z[1] <= 0) continue;
            double freq = Math.atan2(z[1], z[0]) * SR / (2 * Math.PI);
            double bw = -Math.log(Math.hypot(z[0], z[1])) * SR / Math.PI;
            if (freq > 90 && freq < 7910 && bw > 0 && bw < 800) {
                f[n] = freq;
                b[n++] = bw;
            }
        }
        // sort by frequency (n <= 8: insertion sort)
        for (int i = 1; i < n; i++) {
            for (int j = i; j > 0 && f[j] < f[j - 1]; j--) {
                double t = f[j]; f[j] = f[j - 1]; f[j - 1] = t;
                t = b[j]; b[j] = b[j - 1]; b[j - 1] = t;
            }
        }
        int m = Math.min(3, n);
        for (int i = 0; i < m; i++) {
            out[i] = f[i];
            out[3 + i] = b[i];
        }
        return m;
    }

    /** Predictor polynomial {@code 1 + a1 z^-1 + ... + ap z^-p} from autocorrelations. */
    static double[] levinson(double[] r) {
        int p = r.length - 1;
        double[] a = new double[p + 1];
        double[] tmp = new double[p + 1];
        a[0] = 1;
        double e = r[0];
        for (int i = 1; i <= p; i++) {
            double acc = r[i];
            for (int j = 1; j < i; j++) acc += a[j] * r[i - j];
            double kk = -acc / e;
            System.arraycopy(a, 0, tmp, 0, i);
            for (int j = 1; j < i; j++) a[j] = tmp[j] + kk * tmp[i - j];
            a[i] = kk;
            e *= 1 - kk * kk;
            if (e <= 0) break;
        }
        return a;
    }

    /** Complex roots {re, im} of {@code z^p + a1 z^(p-1) + ... + ap} by Durand-Kerner iteration. */
    static double[][] roots(double[] a) {
        int p = a.length - 1;
        double[] re = new double[p];
        double[] im = new double[p];
        for (int i = 0; i < p; i++) { // start on a circle of radius 0.9, off the real axis
            double ang = 2 * Math.PI * i / p + 0.4;
            re[i] = 0.9 * Math.cos(ang);
            im[i] = 0.9 * Math.sin(ang);
        }
        for (int it = 0; it < 200; it++) {
            double moved = 0;
            for (int i = 0; i < p; i++) {
                // numerator: polynomial at root i (Horner)
                double pr = 1, pi = 0;
                for (int j = 1; j <= p; j++) {
                    double nr = pr * re[i] - pi * im[i] + a[j];
                    pi = pr * im[i] + pi * re[i];
                    pr = nr;
                }
                double dr = 1, di = 0;
                for (int j = 0; j < p; j++) {
                    if (j == i) continue;
                    double xr = re[i] - re[j];
                    double xi = im[i] - im[j];
                    double nr = dr * xr - di * xi;
                    di = dr * xi + di * xr;
                    dr = nr;
                }
                double den = dr * dr + di * di;
                if (den == 0) continue;
                double qr = (pr * dr + pi * di) / den;
                double qi = (pi * dr - pr * di) / den;
                re[i] -= qr;
                im[i] -= qi;
                moved = Math.max(moved, Math.abs(qr) + Math.abs(qi));
            }
            if (moved < 1e-10) break;
        }
        double[][] out = new double[p][];
        for (int i = 0; i < p; i++) out[i] = new double[] {re[i], im[i]};
        return out;
    }
}
