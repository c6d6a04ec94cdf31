package org.affect4j.features.audio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The 88 utterance-level eGeMAPS v02 functionals (Eyben et al. 2016, §3.3 and Table 1), in openSMILE's order
 * ({@link #NAMES}), computed from {@link EgemapsLlds}: for users who classify whole clips. Voiced-only statistics
 * use voiced rows, "UV" ones unvoiced rows that are not silent (frame energy within 50 dB of the loudest),
 * the temporal ones the voicing runs; loudness peaks are local maxima of the loudness contour.
 * Stateless and thread-safe.
 */
public final class EgemapsFunctionals {
    /** Number of functionals. */
    public static final int DIM = 88;
    private static final String[] CONTOUR_STATS = {"amean", "stddevNorm", "percentile20.0", "percentile50.0",
            "percentile80.0", "pctlrange0-2", "meanRisingSlope", "stddevRisingSlope", "meanFallingSlope",
            "stddevFallingSlope"};
    /** LLD columns summarised by mean and stddevNorm over voiced rows, after F0 and loudness. */
    private static final int[] VOICED_PAIRS = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};
    /** Spectral columns summarised separately over voiced (mean, stddevNorm) rows. */
    private static final int[] SPECTRAL_V = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    /** Spectral columns summarised by their mean over unvoiced rows. */
    private static final int[] SPECTRAL_UV = {1, 2, 3, 4, 5};

    /** Their names, openSMILE's (declared after the tables {@code names()} reads). */
    public static final List<String> NAMES = names();

    private final EgemapsLlds llds = new EgemapsLlds();

    /** The 88 functionals of {@code samples}; finite for any input, zeros for an empty one. */
    public double[] compute(float[] samples) {
        return compute(llds.compute(samples));
    }

    /** The 88 functionals of already computed descriptors. */
    public static double[] compute(EgemapsLlds.Result r) {
        double[][] d = r.lld();
        boolean[] v = r.voiced();
        boolean[] uv = unvoicedSound(r);
        double rate = AudioFrames.RATE;
        double[] out = new double[DIM];
        int k = 0;
        k = contour(Functionals.column(d, EgemapsLlds.F0, v), v, d, EgemapsLlds.F0, out, k);
        k = contour(Functionals.column(d, EgemapsLlds.LOUDNESS, null), null, d, EgemapsLlds.LOUDNESS, out, k);
        for (int c : new int[] {5, 6, 7, 8, 9}) k = pair(Functionals.column(d, c, null), out, k);
        for (int c : VOICED_PAIRS) k = pair(Functionals.column(d, c, v), out, k);
        for (int c : SPECTRAL_V) k = pair(Functionals.column(d, c, v), out, k);
        for (int c : SPECTRAL_UV) out[k++] = Functionals.mean(Functionals.column(d, c, uv));
        double seconds = Math.max(r.rows(), 1) / rate;
        double[] loud = Functionals.column(d, EgemapsLlds.LOUDNESS, null);
        int peaks = 0;
        for (int i = 1; i + 1 < loud.length; i++) if (loud[i] > loud[i - 1] && loud[i] >= loud[i + 1]) peaks++;
        out[k++] = peaks / seconds;
        double[] vr = Functionals.runs(v, true, rate);
        double[] ur = Functionals.runs(v, false, rate);
        out[k++] = vr.length / seconds;
        out[k++] = Functionals.mean(vr);
        out[k++] = Functionals.std(vr);
        out[k++] = Functionals.mean(ur);
        out[k++] = Functionals.std(ur);
        out[k++] = Spectra.db(Functionals.mean(r.energy()));
        if (k != DIM) throw new IllegalStateException("computed " + k + " functionals, expected " + DIM);
        for (int i = 0; i < DIM; i++) out[i] = Signals.finite(out[i], 0f);
        return out;
    }

    private static boolean[] unvoicedSound(EgemapsLlds.Result r) {
        double max = 0;
        for (double e : r.energy()) max = Math.max(max, e);
        boolean[] uv = new boolean[r.rows()];
        for (int i = 0; i < uv.length; i++) uv[i] = !r.voiced()[i] && r.energy()[i] > max * 1e-5;
        return uv;
    }

    private static int contour(double[] values, boolean[] select, double[][] d, int col, double[] out, int k) {
        out[k++] = Functionals.mean(values);
        out[k++] = Functionals.stddevNorm(values);
        double p20 = Functionals.percentile(values, 0.2);
        double p80 = Functionals.percentile(values, 0.8);
        out[k++] = p20;
        out[k++] = Functionals.percentile(values, 0.5);
        out[k++] = p80;
        out[k++] = p80 - p20;
        double[] all = new double[d.length];
        for (int i = 0; i < d.length; i++) all[i] = d[i][col];
        double[] s = Functionals.slopes(all, select, AudioFrames.RATE);
        System.arraycopy(s, 0, out, k, 4);
        return k + 4;
    }

    private static int pair(double[] values, double[] out, int k) {
        out[k++] = Functionals.mean(values);
        out[k++] = Functionals.stddevNorm(values);
        return k;
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (String s : CONTOUR_STATS) n.add("F0semitoneFrom27.5Hz_sma3nz_" + s);
        for (String s : CONTOUR_STATS) n.add("loudness_sma3_" + s);
        for (String c : new String[] {"spectralFlux_sma3", "mfcc1_sma3", "mfcc2_sma3", "mfcc3_sma3", "mfcc4_sma3"}) {
            n.add(c + "_amean");
            n.add(c + "_stddevNorm");
        }
        for (int c : VOICED_PAIRS) {
            n.add(EgemapsLlds.NAMES.get(c) + "_amean");
            n.add(EgemapsLlds.NAMES.get(c) + "_stddevNorm");
        }
        String[] v = {"alphaRatioV_sma3nz", "hammarbergIndexV_sma3nz", "slopeV0-500_sma3nz", "slopeV500-1500_sma3nz",
                "spectralFluxV_sma3nz", "mfcc1V_sma3nz", "mfcc2V_sma3nz", "mfcc3V_sma3nz", "mfcc4V_sma3nz"};
        for (String c : v) {
            n.add(c + "_amean");
            n.add(c + "_stddevNorm");
        }
        for (String c : new String[] {"alphaRatioUV_sma3nz", "hammarbergIndexUV_sma3nz", "slopeUV0-500_sma3nz",
                "slopeUV500-1500_sma3nz", "spectralFluxUV_sma3nz"}) n.add(c + "_amean");
        Collections.addAll(n, "loudnessPeaksPerSec", "VoicedSegmentsPerSec", "MeanVoicedSegmentLengthSec",
                "StddevVoicedSegmentLengthSec", "MeanUnvoicedSegmentLength", "StddevUnvoicedSegmentLength",
                "equivalentSoundLevel_dBp");
        return List.copyOf(n);
    }
}
