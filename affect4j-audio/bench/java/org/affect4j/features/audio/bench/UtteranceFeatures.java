package org.affect4j.features.audio.bench;

import org.affect4j.features.audio.CompareExtractor;
import org.affect4j.features.audio.EgemapsFunctionals;
import org.affect4j.features.audio.KaldiFbank;
import org.affect4j.features.audio.SileroVad;
import org.affect4j.store.FeatureMatrix;

/**
 * Utterance-level vectors for the RAVDESS measurement, following ANCHORS.md's lessons: pool only speech rows
 * (Silero VAD, falling back to rows within 40 dB of the loudest when the VAD finds none) and normalise each
 * utterance by itself (fbank levels relative to the utterance's loudest row), nothing taken from other speakers.
 * Blocks: eGeMAPS 88 functionals; fbank 80 mean + std + std of deltas (240); ComParE 130 mean + std (260).
 */
final class UtteranceFeatures {
    static final String[] BLOCKS = {"egemaps88", "fbank-stats", "compare-stats"};

    private UtteranceFeatures() {
    }

    /** The three blocks for one clip. */
    static double[][] of(float[] x, SileroVad vad) {
        FeatureMatrix fb = new KaldiFbank().extract(x);
        FeatureMatrix cp = new CompareExtractor().extract(x);
        boolean[] speech = SileroVad.speechRows(vad.extract(x), fb.rows(), SileroVad.DEFAULT_THRESHOLD);
        boolean[] loud = loudRows(fb, 40);
        int ns = 0;
        for (int i = 0; i < speech.length; i++) {
            speech[i] &= loud[i];
            if (speech[i]) ns++;
        }
        if (ns < 10) speech = loud;
        // per-utterance level normalisation: log energies relative to the loudest row's mean band level
        double top = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < fb.rows(); r++) top = Math.max(top, rowMean(fb, r));
        double[] fbank = new double[240];
        pool(fb, speech, -top, fbank, 0, true);
        double[] compare = new double[260];
        pool(cp, speech, 0, compare, 0, false);
        return new double[][] {new EgemapsFunctionals().compute(x), fbank, compare};
    }

    /** Rows whose mean log band energy is within {@code db} dB of the loudest row. */
    static boolean[] loudRows(FeatureMatrix fb, double db) {
        double top = Double.NEGATIVE_INFINITY;
        double[] m = new double[fb.rows()];
        for (int r = 0; r < fb.rows(); r++) top = Math.max(top, m[r] = rowMean(fb, r));
        boolean[] out = new boolean[fb.rows()];
        double nat = db / 10 * Math.log(10); // dB to natural-log units of power
        for (int r = 0; r < out.length; r++) out[r] = m[r] >= top - nat;
        return out;
    }

    private static double rowMean(FeatureMatrix m, int r) {
        double s = 0;
        for (int j = 0; j < m.dim(); j++) s += m.get(r, j);
        return s / m.dim();
    }

    /** Mean and std over selected rows (plus std of 1-row differences when {@code deltas}). */
    private static void pool(FeatureMatrix m, boolean[] sel, double shift, double[] out, int at, boolean deltas) {
        int d = m.dim();
        int n = 0;
        for (int r = 0; r < m.rows(); r++) {
            if (!sel[r]) continue;
            n++;
            for (int j = 0; j < d; j++) {
                double v = m.get(r, j) + shift;
                out[at + j] += v;
                out[at + d + j] += v * v;
            }
        }
        for (int j = 0; j < d; j++) {
            double mu = n == 0 ? 0 : out[at + j] / n;
            out[at + j] = mu;
            out[at + d + j] = n == 0 ? 0 : Math.sqrt(Math.max(0, out[at + d + j] / n - mu * mu));
        }
        if (!deltas) return;
        int nd = 0;
        double[] s = new double[d];
        double[] ss = new double[d];
        for (int r = 1; r < m.rows(); r++) {
            if (!sel[r] || !sel[r - 1]) continue;
            nd++;
            for (int j = 0; j < d; j++) {
                double v = m.get(r, j) - m.get(r - 1, j);
                s[j] += v;
                ss[j] += v * v;
            }
        }
        for (int j = 0; j < d; j++) {
            double mu = nd == 0 ? 0 : s[j] / nd;
            out[at + 2 * d + j] = nd == 0 ? 0 : Math.sqrt(Math.max(0, ss[j] / nd - mu * mu));
        }
    }
}
