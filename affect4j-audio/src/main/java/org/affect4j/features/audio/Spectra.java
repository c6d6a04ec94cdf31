package org.affect4j.features.audio;

/**
 * Single-frame spectral descriptors shared by eGeMAPS and ComParE, written from their published definitions
 * (Eyben et al. 2016, IEEE Trans. Affective Computing 7(2), §3; Eyben, "Real-time speech and music
 * classification by large audio feature space extraction", Springer 2016, ch. 2 for the ComParE set). Every input
 * is a power spectrum {@code |X[k]|^2}, {@code k = 0 .. n/2}, with bins {@code binHz} apart; every log is taken of
 * a value floored at {@link #FLOOR}, so digital silence gives finite, defined outputs. Stateless.
 */
public final class Spectra {
    /** ln 2, computed once: the JIT calls the logarithm anew for {@code Math.log(2)} in a loop (same value either way). */
    private static final double LN2 = Math.log(2);
    /** Energy floor (power of a [-1, 1] signal): about -100 dB. */
    public static final double FLOOR = 1e-10;

    private Spectra() {
    }

    /** 10 log10 of {@code v} floored. */
    public static double db(double v) {
        return 10 * Math.log10(Math.max(FLOOR, v));
    }

    /** Sum of power in [lo, hi) Hz. */
    public static double bandEnergy(double[] p, double binHz, double lo, double hi) {
        int a = Math.max(0, (int) Math.ceil(lo / binHz));
        int b = Math.min(p.length - 1, (int) Math.ceil(hi / binHz) - 1);
        double s = 0;
        for (int k = a; k <= b; k++) s += p[k];
        return s;
    }

    /** Largest power in [lo, hi] Hz. */
    public static double bandMax(double[] p, double binHz, double lo, double hi) {
        int a = Math.max(0, (int) Math.ceil(lo / binHz));
        int b = Math.min(p.length - 1, (int) Math.floor(hi / binHz));
        double m = 0;
        for (int k = a; k <= b; k++) m = Math.max(m, p[k]);
        return m;
    }

    /** Alpha ratio: energy 50-1000 Hz over 1-5 kHz, dB (eGeMAPS). */
    public static double alphaRatio(double[] p, double binHz) {
        return db(bandEnergy(p, binHz, 50, 1000)) - db(bandEnergy(p, binHz, 1000, 5000));
    }

    /** Hammarberg index: strongest peak 0-2 kHz over strongest peak 2-5 kHz, dB (eGeMAPS). */
    public static double hammarberg(double[] p, double binHz) {
        return db(bandMax(p, binHz, 0, 2000)) - db(bandMax(p, binHz, 2000, 5000));
    }

    /** Least-squares slope of the power spectrum in dB over [lo, hi] Hz, in dB per Hz (eGeMAPS spectral slope). */
    public static double slopeDb(double[] p, double binHz, double lo, double hi) {
        int a = Math.max(0, (int) Math.ceil(lo / binHz));
        int b = Math.min(p.length - 1, (int) Math.floor(hi / binHz));
        int n = b - a + 1;
        if (n < 2) return 0;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int k = a; k <= b; k++) {
            double f = k * binHz;
            double y = db(p[k]);
            sx += f;
            sy += y;
            sxx += f * f;
            sxy += f * y;
        }
        double den = n * sxx - sx * sx;
        return den == 0 ? 0 : (n * sxy - sx * sy) / den;
    }

    /** Magnitudes {@code sqrt(p[k])} of a power spectrum into {@code out}; returns their sum. */
    public static double magnitude(double[] p, double[] out) {
        double s = 0;
        for (int k = 0; k < p.length; k++) s += out[k] = Math.sqrt(p[k]);
        return s;
    }

    /**
     * Spectral flux: squared distance between consecutive magnitude spectra, each normalised to unit sum
     * (so loudness changes alone do not count). 0 when either frame is silent.
     *
     * @param prevMag magnitudes of the previous row, summing to {@code prevSum}
     * @param mag     magnitudes of this row, summing to {@code sum}
     */
    public static double flux(double[] prevMag, double prevSum, double[] mag, double sum) {
        if (prevSum <= 0 || sum <= 0) return 0;
        double f = 0;
        for (int k = 0; k < mag.length; k++) {
            double d = mag[k] / sum - prevMag[k] / prevSum;
            f += d * d;
        }
        return f;
    }

    /**
     * Spectral shape moments of the power spectrum taken as a distribution over frequency: {centroid Hz,
     * variance Hz^2, skewness, kurtosis, entropy (bits, normalised by log2 of the bin count)}; zeros when silent.
     */
    public static double[] moments(double[] p, double binHz) {
        double s = 0;
        for (double v : p) s += v;
        if (s <= 0) return new double[5];
        double c = 0;
        for (int k = 0; k < p.length; k++) c += k * binHz * p[k] / s;
        double m2 = 0, m3 = 0, m4 = 0, h = 0;
        for (int k = 0; k < p.length; k++) {
            double w = p[k] / s;
            double d = k * binHz - c;
            m2 += w * d * d;
            m3 += w * d * d * d;
            m4 += w * d * d * d * d;
            if (w > 0) h -= w * Math.log(w) / LN2;
        }
        double sd = Math.sqrt(m2);
        return new double[] {c, m2, sd > 0 ? m3 / (sd * sd * sd) : 0, m2 > 0 ? m4 / (m2 * m2) : 0,
                h / (Math.log(p.length) / LN2)};
    }

    /**
     * Roll-off points: for each of the ascending {@code shares}, the frequency (Hz) below which that share of the
     * power lies, into {@code out}; zeros when silent. One pass over the spectrum.
     */
    public static void rolloffs(double[] p, double binHz, double[] shares, double[] out) {
        double s = 0;
        for (double v : p) s += v;
        java.util.Arrays.fill(out, 0, shares.length, s <= 0 ? 0 : (p.length - 1) * binHz);
        if (s <= 0) return;
        double acc = 0;
        int q = 0;
        for (int k = 0; k < p.length && q < shares.length; k++) {
            acc += p[k];
            while (q < shares.length && acc >= shares[q] * s) out[q++] = k * binHz;
        }
    }

    /**
     * Psychoacoustic sharpness (Zwicker and Fastl, "Psychoacoustics", §9.2) over mel bands standing in for
     * critical bands: loudness-weighted centre of the band loudnesses with the high-band weighting
     * {@code g(z) = 1} below 15.8 Bark and {@code 0.066 exp(0.171 z)} above, in acum-like units.
     */
    public static double sharpness(double[] bandLoudness, double[] bandBark) {
        double num = 0, den = 0;
        for (int b = 0; b < bandLoudness.length; b++) {
            double z = bandBark[b];
            double g = z < 15.8 ? 1 : 0.066 * Math.exp(0.171 * z);
            num += bandLoudness[b] * g * z;
            den += bandLoudness[b];
        }
        return den > 0 ? 0.11 * num / den : 0;
    }

    /** Bark value of {@code hz} (Traunmüller 1990). */
    public static double bark(double hz) {
        return 26.81 * hz / (1960 + hz) - 0.53;
    }
}
