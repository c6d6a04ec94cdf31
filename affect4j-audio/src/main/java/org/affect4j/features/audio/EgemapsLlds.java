package org.affect4j.features.audio;

import java.util.List;

/**
 * The 25 low-level descriptors of the extended Geneva Minimalistic Acoustic Parameter Set, eGeMAPS v02 (Eyben,
 * Scherer, Schuller, Sundberg, André, Busso, Devillers, Epps, Laukka, Narayanan, Truong, "The Geneva Minimalistic
 * Acoustic Parameter Set (GeMAPS) for Voice Research and Affective Computing", IEEE Trans. Affective Computing
 * 7(2):190-202, 2016, §3.1-3.2), computed per {@link AudioFrames} row from their definitions, in openSMILE's
 * column order ({@link #NAMES}).
 *
 * <p>What is ours rather than openSMILE's, and why:
 * <ul>
 *   <li>F0 comes from {@link PitchTracker} (Boersma's autocorrelation method, checked against Praat) instead of
 *   subharmonic summation; jitter and shimmer from {@link VoiceQuality} period marks over 60 ms.</li>
 *   <li>Loudness is the sum over 26 mel bands of band power to the 0.3 (Stevens' power law on a mel auditory
 *   spectrum); openSMILE's equal-loudness weighting is left out.</li>
 *   <li>Frequency-related "nz" descriptors (F0 to F3 amplitude) are 0 on unvoiced rows, as openSMILE writes them.</li>
 * </ul>
 * All descriptors are smoothed over 3 rows ("sma3"); the voiced-only ones over voiced neighbours only.
 * Spectra: 25 ms Hamming window, DC removed, no pre-emphasis (MFCCs pre-emphasise in the spectrum).
 *
 * <p>Stateless; {@link #compute} allocates per call and may run on several threads.
 */
public final class EgemapsLlds {
    /** Column names, openSMILE's eGeMAPSv02 LLD names. */
    public static final List<String> NAMES = List.of("Loudness_sma3", "alphaRatio_sma3", "hammarbergIndex_sma3",
            "slope0-500_sma3", "slope500-1500_sma3", "spectralFlux_sma3", "mfcc1_sma3", "mfcc2_sma3", "mfcc3_sma3",
            "mfcc4_sma3", "F0semitoneFrom27.5Hz_sma3nz", "jitterLocal_sma3nz", "shimmerLocaldB_sma3nz",
            "HNRdBACF_sma3nz", "logRelF0-H1-H2_sma3nz", "logRelF0-H1-A3_sma3nz", "F1frequency_sma3nz",
            "F1bandwidth_sma3nz", "F1amplitudeLogRelF0_sma3nz", "F2frequency_sma3nz", "F2bandwidth_sma3nz",
            "F2amplitudeLogRelF0_sma3nz", "F3frequency_sma3nz", "F3bandwidth_sma3nz", "F3amplitudeLogRelF0_sma3nz");
    /** Number of descriptors. */
    public static final int DIM = 25;
    /** First voiced-only column (F0); columns from here on are 0 on unvoiced rows. */
    public static final int FIRST_VOICED = 10;
    static final int LOUDNESS = 0, ALPHA = 1, HAMMARBERG = 2, SLOPE0 = 3, SLOPE500 = 4, FLUX = 5, MFCC1 = 6,
            F0 = 10, JITTER = 11, SHIMMER = 12, HNR = 13, H1H2 = 14, H1A3 = 15, F1 = 16;

    /** Rows of descriptors, the voicing of each row, and each row's frame energy (for the sound level). */
    public record Result(double[][] lld, boolean[] voiced, double[] energy, boolean[] valid) {
        /** Rows. */
        public int rows() { return lld.length; }
    }

    /** Descriptors of {@code samples} (16 kHz, [-1, 1]). */
    public Result compute(float[] samples) {
        return compute(samples, SignalLevel.of(samples));
    }

    /** Descriptors of {@code samples}, a piece of a signal whose level is {@code whole}. */
    public Result compute(float[] samples, SignalLevel whole) {
        LldInput in = LldInput.of(samples, whole, "egemaps");
        float[] x = in.x();
        int rows = in.rows();
        PitchTracker.Track track = in.track();
        VoiceQuality.Result vq = in.quality();
        FrameSpectra sp = in.spectra();
        Formants formants = new Formants();
        double[][] lld = new double[rows][DIM];
        boolean[] voiced = new boolean[rows];
        double[] energy = sp.energy().clone();
        double[] fm = new double[6];
        for (int r = 0; r < rows; r++) voiced[r] = row(x, r, sp, track, vq, formants, fm, lld[r]);
        Smoothing.sma3(lld, voiced, FIRST_VOICED);
        for (double[] row : lld) {
            for (int j = 0; j < DIM; j++) row[j] = Signals.finite(row[j], 0f);
        }
        return new Result(lld, voiced, energy, in.valid());
    }

    /**
     * Descriptors of row {@code r} into {@code d}; returns its voicing. A method of its own so the JIT compiles the
     * per-row work once (a long loop body is compiled twice: on-stack replacement, then the method).
     */
    private static boolean row(float[] x, int r, FrameSpectra sp, PitchTracker.Track track, VoiceQuality.Result vq,
                               Formants formants, double[] fm, double[] d) {
        double binHz = sp.binHz();
        double[] p = sp.power()[r];
        double loud = 0;
        for (double e : sp.bands()[r]) loud += Math.pow(Math.max(0, e), 0.3);
        d[LOUDNESS] = loud;
        d[ALPHA] = Spectra.alphaRatio(p, binHz);
        d[HAMMARBERG] = Spectra.hammarberg(p, binHz);
        d[SLOPE0] = Spectra.slopeDb(p, binHz, 0, 500);
        d[SLOPE500] = Spectra.slopeDb(p, binHz, 500, 1500);
        d[FLUX] = sp.flux()[r];
        System.arraycopy(sp.mfcc()[r], 0, d, MFCC1, 4);
        if (!track.voiced(r)) return false;
        double f0 = track.f0()[r];
        d[F0] = 12 * Math.log(f0 / 27.5) / Math.log(2);
        d[JITTER] = vq.jitterLocal()[r];
        d[SHIMMER] = vq.shimmerLocalDb()[r];
        d[HNR] = track.hnrDb(r);
        double h1 = Spectra.db(harmonic(p, binHz, f0));
        d[H1H2] = h1 - Spectra.db(harmonic(p, binHz, 2 * f0));
        formants.compute(x, r, fm);
        d[H1A3] = fm[2] > 0 ? h1 - Spectra.db(Spectra.bandMax(p, binHz, fm[2] - f0, fm[2] + f0)) : 0;
        for (int i = 0; i < 3; i++) {
            if (fm[i] <= 0) continue;
            d[F1 + 3 * i] = fm[i];
            d[F1 + 3 * i + 1] = fm[3 + i];
            d[F1 + 3 * i + 2] = Spectra.db(harmonic(p, binHz, Math.round(fm[i] / f0) * f0)) - h1;
        }
        return true;
    }

    /** Power of the harmonic at {@code f} Hz: the largest of the three bins around it. */
    static double harmonic(double[] p, double binHz, double f) {
        int k = (int) Math.round(f / binHz);
        double m = 0;
        for (int j = Math.max(0, k - 1); j <= Math.min(p.length - 1, k + 1); j++) m = Math.max(m, p[j]);
        return m;
    }
}
