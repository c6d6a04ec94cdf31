package org.affect4j.features.audio;

/**
 * The per-row spectral front end eGeMAPS and ComParE share (both frame the signal the same way: 25 ms Hamming
 * window on the {@link AudioFrames} grid, DC removed, no pre-emphasis), computed once per signal instead of once
 * per descriptor set: the power spectrum, the 26 mel band energies (20 Hz - 8 kHz), MFCC 1-14, the raw frame's
 * mean square and zero crossings, and the spectral flux. Each extractor reads the values it defines; the numbers
 * are those each computed on its own (same operations in the same order).
 *
 * @param power  power spectrum per row ({@link SpectralFramer#power})
 * @param bands  mel band energies per row
 * @param mfcc   MFCC 1-14 per row ({@link Mfcc}); eGeMAPS uses the first 4
 * @param energy mean square of each row's DC-removed frame
 * @param zcr    zero-crossing rate of each row's DC-removed frame
 * @param flux   spectral flux against the previous row (0 on row 0)
 * @param binHz  width of one spectrum bin
 * @param fftSize FFT size
 */
record FrameSpectra(double[][] power, double[][] bands, double[][] mfcc, double[] energy, double[] zcr,
                    double[] flux, double binHz, int fftSize) {
    static final int BANDS = 26;
    static final int MFCCS = 14;

    /** The front end of {@code x} (cleaned, 16 kHz) for {@code rows} rows. */
    static FrameSpectra of(float[] x, int rows) {
        Rows b = new Rows(rows);
        for (int r = 0; r < rows; r++) b.row(x, r);
        return new FrameSpectra(b.power, b.bands, b.mfcc, b.energy, b.zcr, b.flux, b.framer.binHz(), b.framer.fftSize());
    }

    /**
     * The per-row work, in a method of its own: called once per row it is compiled once by the JIT, where a loop
     * body inside {@link #of} was compiled twice (on-stack replacement of the long loop, then the method).
     */
    private static final class Rows {
        final SpectralFramer framer = new SpectralFramer(AudioFrames.WINDOW, WindowFunction.HAMMING, true, 0, 1);
        final MelFilterbank mel = new MelFilterbank(BANDS, framer.fftSize(), 20, 8000);
        final Mfcc mfccs = new Mfcc(MFCCS, framer.fftSize());
        final Mfcc.Buffers mfccBuffers = mfccs.buffers();
        final double[][] power;
        final double[][] bands;
        final double[][] mfcc;
        final double[] energy;
        final double[] zcr;
        final double[] flux;
        double[] prev = new double[framer.bins()];
        double[] mag = new double[framer.bins()];
        double prevSum;

        Rows(int rows) {
            power = new double[rows][];
            bands = new double[rows][BANDS];
            mfcc = new double[rows][MFCCS];
            energy = new double[rows];
            zcr = new double[rows];
            flux = new double[rows];
        }

        void row(float[] x, int r) {
            double[] p = framer.power(x, r).clone();
            power[r] = p;
            mel.apply(p, bands[r]);
            mfccs.compute(p, mfcc[r], mfccBuffers);
            double sum = Spectra.magnitude(p, mag);
            flux[r] = r == 0 ? 0 : Spectra.flux(prev, prevSum, mag, sum);
            double[] raw = framer.rawFrame(x, r);
            double e = 0;
            int zc = 0;
            for (int j = 0; j < raw.length; j++) {
                e += raw[j] * raw[j];
                if (j > 0 && (raw[j] >= 0) != (raw[j - 1] >= 0)) zc++;
            }
            energy[r] = e / raw.length;
            zcr[r] = (double) zc / raw.length;
            double[] swap = prev;
            prev = mag;
            mag = swap;
            prevSum = sum;
        }
    }

    /** Number of spectrum bins. */
    int bins() {
        return fftSize / 2 + 1;
    }
}
