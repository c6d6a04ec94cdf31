package org.affect4j.predict.model;

import org.affect4j.store.FeatureMatrix;

import java.util.List;

/**
 * Per-row functionals of a descriptor stream over a centred time window: for row i, the mean and standard deviation
 * of every dimension over the usable rows within {@code ±halfWindowSeconds}. A row is usable when it is valid and,
 * if a gate is given, gated in (e.g. voice activity), so silence does not dilute the voice statistics (pooling speech
 * frames only is worth 6-12 macro-F1 points on RAVDESS). Output rows with no usable row in their window are invalid.
 *
 * <p>The same code turns RAVDESS utterances (100 rows/s) into training examples and video soundtracks (rows on video
 * frames) into per-frame inputs, so training and prediction see identical features. Linear time (prefix sums).
 */
public final class WindowStats {
    private WindowStats() {
    }

    /** The functionals {@link #of(FeatureMatrix, boolean[], double, double, List)} computes, in output order. */
    public static final List<String> FUNCTIONALS = List.of("mean", "std", "delta", "slope");
    /** What the voice branch used before functionals were configurable. */
    public static final List<String> MEAN_STD = List.of("mean", "std");
    /** Time lag of the {@code delta} functional. */
    public static final double DELTA_SECONDS = 0.04;

    /**
     * Mean and standard deviation of every dimension over the window (see {@link #of(FeatureMatrix, boolean[], double,
     * double, List)}).
     *
     * @return {@code [rows, 2*dim]}: means then standard deviations
     */
    public static FeatureMatrix of(FeatureMatrix m, boolean[] gate, double rate, double halfWindowSeconds) {
        return of(m, gate, rate, halfWindowSeconds, MEAN_STD);
    }

    /**
     * Functionals of every dimension over the usable rows of a centred window, one block of {@code dim} columns per
     * functional, in the order asked:
     * <ul>
     *   <li>{@code mean}, {@code std}: mean and (population) standard deviation;</li>
     *   <li>{@code delta}: root mean square of the difference between usable rows {@link #DELTA_SECONDS} apart (rows
     *       i-L and i both usable, L = that time in rows, at least 1): how fast the descriptor moves, on the same time
     *       scale whether rows come at 100/s (an audio file) or on 25-30 video frames/s (0 when no such pair);</li>
     *   <li>{@code slope}: least-squares slope over time, per second (0 with fewer than 2 usable rows).</li>
     * </ul>
     *
     * @param m                 {@code [rows, dim]}
     * @param gate              per-row gate, or null for none
     * @param rate              rows per second of {@code m}
     * @param halfWindowSeconds half the window length
     * @param functionals       non-empty subset of {@link #FUNCTIONALS}, no repeats
     * @return {@code [rows, functionals.size()*dim]}; rows without a usable row in their window are invalid
     */
    public static FeatureMatrix of(FeatureMatrix m, boolean[] gate, double rate, double halfWindowSeconds,
                                   List<String> functionals) {
        checkFunctionals(functionals);
        int n = m.rows(), d = m.dim();
        if (gate != null && gate.length != n) throw new IllegalArgumentException("gate has " + gate.length + " rows, stream " + n);
        if (!(rate > 0) || !(halfWindowSeconds >= 0)) throw new IllegalArgumentException("rate and window must be positive");
        int h = (int) Math.round(halfWindowSeconds * rate);
        boolean wantDelta = functionals.contains("delta"), wantSlope = functionals.contains("slope");
        double[] s1 = new double[(n + 1) * d];
        double[] s2 = new double[(n + 1) * d];
        double[] sd = wantDelta ? new double[(n + 1) * d] : null;
        double[] stx = wantSlope ? new double[(n + 1) * d] : null;
        double[] st = new double[n + 1], stt = new double[n + 1];
        int[] cnt = new int[n + 1], dcnt = new int[n + 1];
        float[] x = m.data();
        int lag = Math.max(1, (int) Math.round(DELTA_SECONDS * rate));
        boolean[] usable = new boolean[n];
        for (int i = 0; i < n; i++) usable[i] = m.isValid(i) && (gate == null || gate[i]);
        for (int i = 0; i < n; i++) {
            boolean use = usable[i];
            boolean pair = use && i >= lag && usable[i - lag];
            cnt[i + 1] = cnt[i] + (use ? 1 : 0);
            dcnt[i + 1] = dcnt[i] + (pair ? 1 : 0);
            double t = use ? i : 0;
            st[i + 1] = st[i] + t;
            stt[i + 1] = stt[i] + t * t;
            for (int j = 0; j < d; j++) {
                double v = use ? x[i * d + j] : 0;
                s1[(i + 1) * d + j] = s1[i * d + j] + v;
                s2[(i + 1) * d + j] = s2[i * d + j] + v * v;
                if (sd != null) {
                    double dv = pair ? x[i * d + j] - x[(i - lag) * d + j] : 0;
                    sd[(i + 1) * d + j] = sd[i * d + j] + dv * dv;
                }
                if (stx != null) stx[(i + 1) * d + j] = stx[i * d + j] + t * v;
            }
        }
        int f = functionals.size(), w = f * d;
        float[] out = new float[n * w];
        boolean[] valid = new boolean[n];
        for (int i = 0; i < n; i++) {
            int a = Math.max(0, i - h), b = Math.min(n, i + h + 1);
            int c = cnt[b] - cnt[a];
            if (c == 0) continue;
            valid[i] = true;
            // pairs (k-lag, k) with both ends inside [a, b): k in [a+lag, b)
            int from = Math.min(b, a + lag);
            int dc = dcnt[b] - dcnt[from];
            double tMean = (st[b] - st[a]) / c;
            double tVar = (stt[b] - stt[a]) / c - tMean * tMean;
            for (int j = 0; j < d; j++) {
                double mean = (s1[b * d + j] - s1[a * d + j]) / c;
                for (int k = 0; k < f; k++) {
                    double v = switch (functionals.get(k)) {
                        case "mean" -> mean;
                        case "std" -> Math.sqrt(Math.max(0, (s2[b * d + j] - s2[a * d + j]) / c - mean * mean));
                        case "delta" -> dc == 0 ? 0
                                : Math.sqrt(Math.max(0, (sd[b * d + j] - sd[from * d + j]) / dc));
                        default -> c < 2 || tVar <= 1e-9 ? 0
                                : ((stx[b * d + j] - stx[a * d + j]) / c - tMean * mean) / tVar * rate;
                    };
                    out[i * w + k * d + j] = (float) v;
                }
            }
        }
        return new FeatureMatrix(n, w, out, valid);
    }

    /** Throws naming the problem unless {@code functionals} is a non-empty subset of {@link #FUNCTIONALS}. */
    public static void checkFunctionals(List<String> functionals) {
        if (functionals == null || functionals.isEmpty()) throw new IllegalArgumentException("no functionals given");
        for (String s : functionals) {
            if (!FUNCTIONALS.contains(s)) throw new IllegalArgumentException("unknown functional '" + s + "', use " + FUNCTIONALS);
        }
        if (new java.util.HashSet<>(functionals).size() != functionals.size()) {
            throw new IllegalArgumentException("functionals repeat: " + functionals);
        }
    }

    /**
     * Removes each dimension's mean over the usable rows of one sequence (no scaling): cancels recording gain and
     * channel on log-domain descriptors and the speaker's average, keeps how much and how fast each descriptor varies.
     */
    public static FeatureMatrix centred(FeatureMatrix m, boolean[] gate) {
        int n = m.rows(), d = m.dim();
        double[] mean = new double[d];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (!m.isValid(i) || (gate != null && !gate[i])) continue;
            c++;
            for (int j = 0; j < d; j++) mean[j] += m.data()[i * d + j];
        }
        float[] out = new float[n * d];
        for (int j = 0; j < d; j++) mean[j] = c == 0 ? 0 : mean[j] / c;
        for (int i = 0; i < n; i++) {
            if (!m.isValid(i)) continue;
            for (int j = 0; j < d; j++) out[i * d + j] = (float) (m.data()[i * d + j] - mean[j]);
        }
        return new FeatureMatrix(n, d, out, m.valid().clone());
    }

    /**
     * Removes the sequence's overall level: subtracts one scalar, the mean over all dimensions and usable rows, from
     * every value. On log-energies (fbank) this cancels recording gain and speaking loudness of one speaker while
     * keeping the spectral shape and dynamics that carry emotion, even when the sequence is no longer than the
     * functionals window (where per-dimension standardisation would leave nothing).
     */
    public static FeatureMatrix levelRemoved(FeatureMatrix m, boolean[] gate) {
        int n = m.rows(), d = m.dim();
        double sum = 0;
        long c = 0;
        for (int i = 0; i < n; i++) {
            if (!m.isValid(i) || (gate != null && !gate[i])) continue;
            for (int j = 0; j < d; j++) sum += m.data()[i * d + j];
            c += d;
        }
        float level = c == 0 ? 0 : (float) (sum / c);
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            if (!m.isValid(i)) continue;
            for (int j = 0; j < d; j++) out[i * d + j] = m.data()[i * d + j] - level;
        }
        return new FeatureMatrix(n, d, out, m.valid().clone());
    }

    /**
     * Standardises every dimension over the usable rows of one sequence (per-utterance / per-video normalisation:
     * removes speaker and channel offsets, the largest single gain in speaker-independent audio emotion
     * recognition). Rows stay where they are; a sequence with fewer than 2 usable rows is returned centred only.
     */
    public static FeatureMatrix standardised(FeatureMatrix m, boolean[] gate) {
        int n = m.rows(), d = m.dim();
        double[] mean = new double[d], sq = new double[d];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (!m.isValid(i) || (gate != null && !gate[i])) continue;
            c++;
            for (int j = 0; j < d; j++) {
                double v = m.data()[i * d + j];
                mean[j] += v;
                sq[j] += v * v;
            }
        }
        float[] out = new float[n * d];
        if (c == 0) return new FeatureMatrix(n, d, out, m.valid().clone());
        for (int j = 0; j < d; j++) {
            mean[j] /= c;
            double var = sq[j] / c - mean[j] * mean[j];
            sq[j] = c > 1 && var > 1e-12 ? Math.sqrt(var) : 1.0;
        }
        for (int i = 0; i < n; i++) {
            if (!m.isValid(i)) continue;
            for (int j = 0; j < d; j++) out[i * d + j] = (float) ((m.data()[i * d + j] - mean[j]) / sq[j]);
        }
        return new FeatureMatrix(n, d, out, m.valid().clone());
    }
}
