package org.affect4j.features.audio;

/**
 * Cycle-to-cycle perturbation measures (jitter, shimmer) from glottal period marks, as defined by Praat's voice
 * report (Boersma and Weenink, Praat manual: "PointProcess: Get jitter (local)", "Get shimmer (local_dB)") and
 * used by eGeMAPS (Eyben et al. 2016, §3.1) and ComParE 2016 (Schuller et al. 2016).
 *
 * <p>Marks, one per period, follow Praat's "To PointProcess (periodic, cc)": within each voiced stretch of a
 * {@link PitchTracker.Track} the first mark is the largest peak of the first period; each next one is the shift
 * between 0.8 and 1.2 local periods that best cross-correlates the one-period waveform around the previous mark,
 * refined by parabolic interpolation (peak picking alone wanders on flat-topped glottal pulses). A period's
 * amplitude is its largest absolute sample. Periods outside [0.1 ms, 20 ms] or differing from their neighbour by more than a factor 1.3
 * are skipped, and amplitudes by more than 1.6, exactly as Praat's defaults do.
 *
 * <p>Stateless and thread-safe.
 */
public final class VoiceQuality {
    private static final int SR = 16_000;
    private static final double MIN_PERIOD = 0.0001 * SR;
    private static final double MAX_PERIOD = 0.02 * SR;
    private static final double MAX_PERIOD_FACTOR = 1.3;
    private static final double MAX_AMPLITUDE_FACTOR = 1.6;

    /** Period marks: sample positions and peak amplitudes, with the voiced stretch each belongs to. */
    public record Marks(double[] position, double[] amplitude, int[] stretch) {
        /** Number of marks. */
        public int size() { return position.length; }
    }

    /** Per-row and utterance perturbation values. */
    public record Result(double[] jitterLocal, double[] jitterDdp, double[] shimmerLocalDb, double[] shimmerLocal,
                         double utteranceJitterLocal, double utteranceShimmerLocalDb) {
    }

    private VoiceQuality() {
    }

    /** Period marks of {@code x} in the voiced rows of {@code track}. */
    public static Marks marks(float[] x, PitchTracker.Track track) {
        MarksBuilder out = new MarksBuilder();
        int stretch = 0;
        int r = 0;
        while (r < track.rows()) {
            if (!track.voiced(r)) {
                r++;
                continue;
            }
            int end = r;
            while (end < track.rows() && track.voiced(end)) end++;
            int from = Math.max(0, AudioFrames.centreSample(r) - AudioFrames.HOP / 2);
            int to = Math.min(x.length - 1, AudioFrames.centreSample(end - 1) + AudioFrames.HOP / 2);
            // the polarity with the larger peaks gives the cleaner marks
            double pos = 0;
            double neg = 0;
            for (int i = from; i <= to; i++) {
                pos = Math.max(pos, x[i]);
                neg = Math.max(neg, -x[i]);
            }
            double sign = pos >= neg ? 1 : -1;
            double period = SR / track.f0()[r];
            int m = argmax(x, sign, from, (int) Math.min(to, from + period));
            if (m >= 0) out.add(m, stretch);
            double at = m; // fractional position of the current mark; m is its nearest sample
            while (m >= 0 && m <= to) {
                int row = Math.min(end - 1, Math.max(r, (m - AudioFrames.WINDOW / 2 + AudioFrames.HOP / 2) / AudioFrames.HOP));
                period = SR / track.f0()[row];
                int lo = (int) Math.ceil(m + 0.8 * period);
                int hi = (int) Math.floor(m + 1.2 * period);
                if (hi + period / 2 >= x.length || lo > to) break;
                // the best shift is one period whatever the phase of m, so add it to the fractional position
                double shift = bestShift(x, m, (int) Math.round(period), lo - m, hi - m) - m;
                out.amplitudeOfLast(peak(x, m, (int) Math.round(period)));
                at += shift;
                m = (int) Math.round(at);
                out.add(at, stretch);
            }
            stretch++;
            r = end;
        }
        return out.build();
    }

    /** Marks as they are found, in growing arrays (a list of small arrays cost ~5 % of the descriptors' time). */
    private static final class MarksBuilder {
        private double[] position = new double[1024];
        private double[] amplitude = new double[1024];
        private int[] stretch = new int[1024];
        private int n;

        void add(double at, int inStretch) {
            if (n == position.length) {
                position = java.util.Arrays.copyOf(position, 2 * n);
                amplitude = java.util.Arrays.copyOf(amplitude, 2 * n);
                stretch = java.util.Arrays.copyOf(stretch, 2 * n);
            }
            position[n] = at;
            amplitude[n] = 0;
            stretch[n++] = inStretch;
        }

        void amplitudeOfLast(double a) {
            amplitude[n - 1] = a;
        }

        Marks build() {
            return new Marks(java.util.Arrays.copyOf(position, n), java.util.Arrays.copyOf(amplitude, n),
                    java.util.Arrays.copyOf(stretch, n));
        }
    }

    /**
     * Jitter and shimmer per {@link AudioFrames} row over the periods whose start lies in the {@code windowSeconds}
     * window centred on the row (eGeMAPS uses 60 ms), and over the whole utterance; 0 where fewer than two
     * admissible periods exist.
     */
    public static Result measure(float[] x, PitchTracker.Track track, double windowSeconds) {
        Marks mk = marks(x, track);
        int rows = track.rows();
        double[] jl = new double[rows];
        double[] jd = new double[rows];
        double[] sdb = new double[rows];
        double[] sl = new double[rows];
        double half = windowSeconds * SR / 2;
        int first = 0;
        for (int r = 0; r < rows; r++) {
            if (!track.voiced(r)) continue;
            double c = AudioFrames.centreSample(r);
            while (first < mk.size() && mk.position()[first] < c - half) first++;
            int last = first;
            while (last < mk.size() && mk.position()[last] <= c + half) last++;
            double[] v = perturbation(mk, first, Math.min(mk.size(), last + 1));
            jl[r] = v[0];
            jd[r] = v[1];
            sdb[r] = v[2];
            sl[r] = v[3];
        }
        double[] u = perturbation(mk, 0, mk.size());
        return new Result(jl, jd, sdb, sl, u[0], u[2]);
    }

    /** {jitter local, jitter ddp, shimmer local dB, shimmer local} over marks [from, to). */
    private static double[] perturbation(Marks mk, int from, int to) {
        double sumT = 0;
        int nT = 0;
        double sumDiff = 0;
        int nDiff = 0;
        double sumDdp = 0;
        int nDdp = 0;
        double sumDb = 0;
        double sumRel = 0;
        double sumA = 0;
        int nA = 0;
        double prevT = 0;
        double prevPrevT = 0;
        for (int i = from + 1; i < to; i++) {
            if (mk.stretch()[i] != mk.stretch()[i - 1]) {
                prevT = 0;
                prevPrevT = 0;
                continue;
            }
            double t = mk.position()[i] - mk.position()[i - 1];
            if (t < MIN_PERIOD || t > MAX_PERIOD) {
                prevT = 0;
                prevPrevT = 0;
                continue;
            }
            sumT += t;
            nT++;
            if (prevT > 0 && Math.max(t, prevT) / Math.min(t, prevT) <= MAX_PERIOD_FACTOR) {
                sumDiff += Math.abs(t - prevT);
                nDiff++;
                double a0 = mk.amplitude()[i - 1];
                double a1 = mk.amplitude()[i];
                if (a0 > 0 && a1 > 0 && Math.max(a0, a1) / Math.min(a0, a1) <= MAX_AMPLITUDE_FACTOR) {
                    sumDb += Math.abs(20 * Math.log10(a1 / a0));
                    sumRel += Math.abs(a1 - a0);
                    sumA += a0;
                    nA++;
                }
                if (prevPrevT > 0 && Math.max(prevT, prevPrevT) / Math.min(prevT, prevPrevT) <= MAX_PERIOD_FACTOR) {
                    sumDdp += Math.abs((t - prevT) - (prevT - prevPrevT));
                    nDdp++;
                }
            }
            prevPrevT = prevT;
            prevT = t;
        }
        double meanT = nT == 0 ? 0 : sumT / nT;
        return new double[] {
                nDiff == 0 || meanT == 0 ? 0 : sumDiff / nDiff / meanT,
                nDdp == 0 || meanT == 0 ? 0 : sumDdp / nDdp / meanT,
                nA == 0 ? 0 : sumDb / nA,
                nA == 0 || sumA == 0 ? 0 : sumRel / sumA};
    }

    private static int argmax(float[] x, double sign, int from, int to) {
        if (from > to || from < 0) return -1;
        int best = from;
        for (int i = from + 1; i <= to; i++) if (sign * x[i] > sign * x[best]) best = i;
        return best;
    }

    /** The shift in [lo, hi] maximising the normalised correlation of one period at {@code m} with the next. */
    private static double bestShift(float[] x, int m, int period, int lo, int hi) {
        int h = period / 2;
        double[] c = new double[hi - lo + 1];
        int best = 0;
        for (int s = lo; s <= hi; s++) {
            double xy = 0;
            double xx = 0;
            double yy = 0;
            for (int j = -h; j < period - h; j++) {
                int a = m + j;
                int b = a + s;
                double u = a >= 0 ? x[a] : 0;
                double v = b >= 0 && b < x.length ? x[b] : 0;
                xy += u * v;
                xx += u * u;
                yy += v * v;
            }
            c[s - lo] = xx > 0 && yy > 0 ? xy / Math.sqrt(xx * yy) : 0;
            if (c[s - lo] > c[best]) best = s - lo;
        }
        double off = 0;
        if (best > 0 && best < c.length - 1) {
            double d = c[best - 1] - 2 * c[best] + c[best + 1];
            if (d < 0) off = 0.5 * (c[best - 1] - c[best + 1]) / d;
        }
        return m + lo + best + off;
    }

    /** Largest absolute sample of the period starting half a period before {@code m}. */
    private static double peak(float[] x, int m, int period) {
        double a = 0;
        for (int j = Math.max(0, m - period / 2); j < Math.min(x.length, m - period / 2 + period); j++) {
            a = Math.max(a, Math.abs(x[j]));
        }
        return a;
    }
}
