package org.affect4j.features.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * The 65 low-level descriptors of the INTERSPEECH 2016 Computational Paralinguistics Challenge set, ComParE 2016
 * (Schuller, Steidl, Batliner, Hirschberg, Burgoon, Baird, Elkins, Zhang, Coutinho, Evanini, "The INTERSPEECH 2016
 * Computational Paralinguistics Challenge: Deception, Sincerity and Native Language", Interspeech 2016; the
 * descriptors are those of ComParE 2013, Schuller et al., Interspeech 2013, Table 3), per {@link AudioFrames} row
 * in openSMILE's column order ({@link #NAMES}), each smoothed over 3 rows ("_sma").
 *
 * <ul>
 *   <li>Energy (4): sum of the auditory spectrum (loudness), sum of the RASTA-filtered auditory spectrum, RMS
 *   energy, zero-crossing rate.</li>
 *   <li>Spectral (55): RASTA-filtered auditory spectrum bands 1-26, magnitude in 250-650 Hz and 1-4 kHz,
 *   roll-off at 25/50/75/90 %, flux, centroid, entropy, variance, skewness, kurtosis, slope, psychoacoustic
 *   sharpness, harmonicity, MFCC 1-14.</li>
 *   <li>Voicing (6): F0 (Hz, 0 unvoiced), voicing probability, jitter local, jitter DDP, shimmer local, HNR.</li>
 * </ul>
 * Our reading of the parts the papers leave to openSMILE's code: the auditory spectrum is 26 mel bands (20 Hz -
 * 8 kHz) of the power spectrum compressed by the power 1/3; RASTA (Hermansky and Morgan 1994,
 * {@code H(z) = 0.1 (2 + z^-1 - z^-3 - 2 z^-4) / (1 - 0.94 z^-1)}) filters each band's log energy over time
 * before the same compression; harmonicity is the mean peak-to-valley depth (dB) of the spectrum's local maxima;
 * F0, voicing and HNR come from {@link PitchTracker}, jitter and shimmer from {@link VoiceQuality}.
 * Stateless; may run on several threads.
 */
public final class CompareLlds {
    /** Number of descriptors. */
    public static final int DIM = 65;
    /** Column names, openSMILE's ComParE_2016 LLD names. */
    public static final List<String> NAMES = names();
    private static final int BANDS = FrameSpectra.BANDS;
    private static final double[] ROLLOFF_SHARES = {0.25, 0.5, 0.75, 0.9};

    /** Descriptors of {@code samples}, {@code [rows][65]}, plus the validity of each row. */
    public record Result(double[][] lld, boolean[] valid) {
    }

    /** Descriptors of {@code samples} (16 kHz, [-1, 1]). */
    public Result compute(float[] samples) {
        return compute(samples, SignalLevel.of(samples));
    }

    /** Descriptors of {@code samples}, a piece of a signal whose level is {@code whole}. */
    public Result compute(float[] samples, SignalLevel whole) {
        LldInput in = LldInput.of(samples, whole, "compare");
        int rows = in.rows();
        PitchTracker.Track track = in.track();
        VoiceQuality.Result vq = in.quality();
        FrameSpectra sp = in.spectra();
        double[] bark = new double[BANDS];
        double melLow = MelFilterbank.mel(20);
        double melStep = (MelFilterbank.mel(8000) - melLow) / (BANDS + 1);
        for (int b = 0; b < BANDS; b++) bark[b] = Spectra.bark(700 * (Math.exp((melLow + (b + 1) * melStep) / 1127) - 1));
        double[][] lld = new double[rows][DIM];
        double[][] logBands = new double[rows][BANDS];
        double[] mag = new double[sp.bins()];
        double[] rolls = new double[4];
        double[] loud = new double[BANDS];
        for (int r = 0; r < rows; r++) row(r, sp, track, vq, bark, loud, mag, rolls, lld[r], logBands[r]);
        rasta(logBands, lld);
        Smoothing.sma3(lld, null, 0);
        for (double[] row : lld) for (int j = 0; j < DIM; j++) row[j] = Signals.finite(row[j], 0f);
        return new Result(lld, in.valid());
    }

    /**
     * Descriptors of row {@code r} into {@code d} and its log band energies into {@code logBand}. A method of its
     * own so the JIT compiles the per-row work once (a long loop body is compiled twice: on-stack replacement, then
     * the method).
     */
    private static void row(int r, FrameSpectra sp, PitchTracker.Track track, VoiceQuality.Result vq, double[] bark,
                            double[] loud, double[] mag, double[] rolls, double[] d, double[] logBand) {
        double binHz = sp.binHz();
        double[] p = sp.power()[r];
        double[] bands = sp.bands()[r];
        double sum = 0;
        for (int b = 0; b < BANDS; b++) {
            loud[b] = Math.cbrt(Math.max(0, bands[b]));
            sum += loud[b];
            logBand[b] = Math.log(Math.max(Spectra.FLOOR, bands[b]));
        }
        d[0] = sum;
        d[2] = Math.sqrt(sp.energy()[r]);
        d[3] = sp.zcr()[r];
        Spectra.magnitude(p, mag);
        int c = 30;
        d[c++] = Spectra.bandEnergy(mag, binHz, 250, 650);
        d[c++] = Spectra.bandEnergy(mag, binHz, 1000, 4000);
        Spectra.rolloffs(p, binHz, ROLLOFF_SHARES, rolls);
        for (double v : rolls) d[c++] = v;
        d[c++] = sp.flux()[r];
        double[] mom = Spectra.moments(p, binHz);
        d[c++] = mom[0];
        d[c++] = mom[4];
        d[c++] = mom[1];
        d[c++] = mom[2];
        d[c++] = mom[3];
        d[c++] = Spectra.slopeDb(p, binHz, 0, 8000);
        d[c++] = Spectra.sharpness(loud, bark);
        d[c++] = harmonicity(p);
        System.arraycopy(sp.mfcc()[r], 0, d, c, 14);
        c += 14;
        boolean v = track.voiced(r);
        d[c++] = v ? track.f0()[r] : 0;
        d[c++] = track.strength()[r];
        d[c++] = vq.jitterLocal()[r];
        d[c++] = vq.jitterDdp()[r];
        d[c++] = vq.shimmerLocal()[r];
        d[c] = v ? track.hnrDb(r) : 0;
    }

    /** RASTA-filters each band's log energy over time, then compresses it like the plain auditory spectrum. */
    private static void rasta(double[][] logBands, double[][] lld) {
        int rows = logBands.length;
        for (int b = 0; b < BANDS; b++) {
            double y = 0;
            double[] xin = new double[5];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(xin, 0, xin, 1, 4);
                xin[0] = logBands[r][b];
                if (r == 0) java.util.Arrays.fill(xin, xin[0]); // start at steady state, no onset transient
                double fir = 0.1 * (2 * xin[0] + xin[1] - xin[3] - 2 * xin[4]);
                y = fir + 0.94 * y;
                // back to energies; the filter removes the band's DC, so the level is relative
                double v = Math.cbrt(Math.exp(Math.max(-50, Math.min(50, y))));
                lld[r][4 + b] = v;
                lld[r][1] += v;
            }
        }
    }

    /** Mean depth (dB) of the spectrum's local maxima below 5 kHz above the lower of their neighbouring minima. */
    static double harmonicity(double[] p) {
        int top = Math.min(p.length - 1, p.length * 5 / 8);
        double sum = 0;
        int n = 0;
        int lastMin = 0;
        for (int k = 1; k < top; k++) {
            if (p[k] <= p[k - 1] && p[k] <= p[k + 1]) lastMin = k;
            if (p[k] > p[k - 1] && p[k] >= p[k + 1]) {
                int next = k + 1;
                while (next < top && p[next + 1] < p[next]) next++;
                sum += Spectra.db(p[k]) - Math.max(Spectra.db(p[lastMin]), Spectra.db(p[next]));
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>(List.of("audspec_lengthL1norm_sma", "audspecRasta_lengthL1norm_sma",
                "pcm_RMSenergy_sma", "pcm_zcr_sma"));
        for (int b = 0; b < BANDS; b++) n.add("audSpec_Rfilt_sma[" + b + "]");
        for (String s : new String[] {"fband250-650", "fband1000-4000", "spectralRollOff25.0", "spectralRollOff50.0",
                "spectralRollOff75.0", "spectralRollOff90.0", "spectralFlux", "spectralCentroid", "spectralEntropy",
                "spectralVariance", "spectralSkewness", "spectralKurtosis", "spectralSlope", "psySharpness",
                "spectralHarmonicity"}) n.add("pcm_fftMag_" + s + "_sma");
        for (int i = 1; i <= 14; i++) n.add("mfcc_sma[" + i + "]");
        n.addAll(List.of("F0final_sma", "voicingFinalUnclipped_sma", "jitterLocal_sma", "jitterDDP_sma",
                "shimmerLocal_sma", "logHNR_sma"));
        return List.copyOf(n);
    }
}
