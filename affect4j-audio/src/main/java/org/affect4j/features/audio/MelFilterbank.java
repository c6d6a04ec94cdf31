package org.affect4j.features.audio;

/**
 * Triangular filters equally spaced on the mel scale {@code 1127 ln(1 + f / 700)}, built exactly as Kaldi's
 * {@code mel-computations.cc} (and torchaudio's {@code kaldi.get_mel_banks}): each FFT bin's weight is read from
 * the triangle at the bin's mel value; the Nyquist bin gets no weight. Immutable and thread-safe.
 */
public final class MelFilterbank {
    private final int bands;
    private final int[] first;
    private final double[][] weights;

    /**
     * @param bands   number of filters
     * @param fftSize FFT size the spectra come from
     * @param lowHz   lower edge of the first filter
     * @param highHz  upper edge of the last filter (&lt;= 8000 at 16 kHz)
     */
    public MelFilterbank(int bands, int fftSize, double lowHz, double highHz) {
        if (bands < 1) throw new IllegalArgumentException("need at least one mel band, got " + bands);
        if (!(lowHz >= 0 && highHz > lowHz && highHz <= 8000)) {
            throw new IllegalArgumentException("mel range must satisfy 0 <= low < high <= 8000 Hz, got "
                    + lowHz + ".." + highHz);
        }
        this.bands = bands;
        int bins = fftSize / 2;
        double binHz = 16_000.0 / fftSize;
        double melLow = mel(lowHz);
        double delta = (mel(highHz) - melLow) / (bands + 1);
        first = new int[bands];
        weights = new double[bands][];
        for (int b = 0; b < bands; b++) {
            double left = melLow + b * delta;
            double centre = left + delta;
            double right = centre + delta;
            double[] w = new double[bins];
            int lo = -1;
            int hi = -1;
            for (int k = 0; k < bins; k++) {
                double m = mel(binHz * k);
                double v = Math.max(0, Math.min((m - left) / (centre - left), (right - m) / (right - centre)));
                if (v > 0) {
                    if (lo < 0) lo = k;
                    hi = k;
                }
                w[k] = v;
            }
            if (lo < 0) {
                throw new IllegalArgumentException("mel band " + b + " of " + bands + " between " + lowHz + " and "
                        + highHz + " Hz covers no FFT bin of a " + fftSize + "-point FFT; use fewer bands");
            }
            first[b] = lo;
            weights[b] = java.util.Arrays.copyOfRange(w, lo, hi + 1);
        }
    }

    /** Mel value of {@code hz}, Kaldi/HTK natural-log form. */
    public static double mel(double hz) {
        return 1127.0 * Math.log(1.0 + hz / 700.0);
    }

    /** Number of bands. */
    public int bands() { return bands; }

    /** Band energies of a power spectrum into {@code out} (length {@link #bands()}). */
    public void apply(double[] power, double[] out) {
        for (int b = 0; b < bands; b++) {
            double[] w = weights[b];
            int o = first[b];
            double s = 0;
            for (int k = 0; k < w.length; k++) s += w[k] * power[o + k];
            out[b] = s;
        }
    }
}
