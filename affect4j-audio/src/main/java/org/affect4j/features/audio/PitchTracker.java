package org.affect4j.features.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Fundamental frequency by the autocorrelation method of Boersma (1993), "Accurate short-term analysis of the
 * fundamental frequency and the harmonics-to-noise ratio of a sampled sound", IFA Proceedings 17, with Praat's
 * defaults ({@code To Pitch (ac)}: floor 75 Hz, ceiling 600 Hz, 15 candidates, silence threshold 0.03, voicing
 * threshold 0.45, octave cost 0.01, octave-jump cost 0.35, voiced/unvoiced cost 0.14) and its Viterbi path.
 *
 * <p>Per {@link AudioFrames} row: a Hann window of 3 periods of the floor (40 ms) centred on the row, local mean
 * removed, autocorrelation by FFT divided by the window's own autocorrelation, peaks refined by parabolic
 * interpolation. Besides F0 it returns the normalised autocorrelation at the chosen period ({@code r}, the
 * voicing strength), from which HNR follows as {@code 10 log10(r / (1 - r))} (Boersma 1993, eq. 4).
 *
 * <p>Immutable settings; {@link #track} allocates its own buffers, so one instance may serve several threads.
 */
public final class PitchTracker {
    /** ln 2, computed once: the JIT calls the logarithm anew for {@code Math.log(2)} in a loop (same value either way). */
    private static final double LN2 = Math.log(2);
    /** Output of {@link #track}: per row F0 in Hz (0 = unvoiced) and voicing strength r in [0, 1]. */
    public record Track(double[] f0, double[] strength) {
        /** Rows. */
        public int rows() { return f0.length; }

        /** True when row {@code i} is voiced. */
        public boolean voiced(int i) { return f0[i] > 0; }

        /** HNR in dB of row {@code i} from its autocorrelation peak, clamped to [-20, 40] dB; -20 when unvoiced. */
        public double hnrDb(int i) {
            if (!voiced(i)) return -20;
            double r = Math.min(strength[i], 0.9999);
            return Math.max(-20, Math.min(40, 10 * Math.log10(r / (1 - r))));
        }
    }

    private static final int SR = 16_000;
    private final double floor;
    private final double ceiling;
    private final int maxCandidates = 15;
    private final double silenceThreshold = 0.03;
    private final double voicingThreshold = 0.45;
    private final double octaveCost = 0.01;
    private final double octaveJumpCost = 0.35;
    private final double voicedUnvoicedCost = 0.14;

    /** Praat's defaults: 75 to 600 Hz. */
    public PitchTracker() {
        this(75, 600);
    }

    /** A tracker searching {@code floorHz} to {@code ceilingHz}. */
    public PitchTracker(double floorHz, double ceilingHz) {
        if (!(floorHz >= 30 && ceilingHz > floorHz && ceilingHz <= 4000)) {
            throw new IllegalArgumentException("pitch range must satisfy 30 <= floor < ceiling <= 4000 Hz, got "
                    + floorHz + ".." + ceilingHz);
        }
        this.floor = floorHz;
        this.ceiling = ceilingHz;
    }

    /** Tracks F0 on the {@link AudioFrames} grid of {@code x} (16 kHz). */
    public Track track(float[] x) {
        return track(x, SignalLevel.of(x));
    }

    /** The same for {@code x} taken from a longer signal whose level is {@code whole} (see {@link SignalLevel}). */
    public Track track(float[] x, SignalLevel whole) {
        int rows = AudioFrames.count(x.length);
        int win = (int) Math.round(3.0 / floor * SR);
        int half = win / 2;
        int minLag = (int) Math.floor(SR / ceiling);
        int maxLag = Math.min((int) Math.ceil(SR / floor), win / 2);
        // zero padding by maxLag + 1 is enough to keep the lags we read free of circular wrap-around
        int fft = Integer.highestOneBit(win + maxLag + 1) << 1;
        DoubleFFT_1D dft = new DoubleFFT_1D(fft);
        double[] w = new double[win];
        for (int i = 0; i < win; i++) w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 1) / (win + 1));
        double[] buf = new double[fft];
        double[] rw = autocorrelation(w, buf, dft).clone(); // the window's own normalised autocorrelation
        double globalPeak = whole.peak();

        double[][] freq = new double[rows][];
        double[][] str = new double[rows][];
        double[] frame = new double[win];
        double[] normalised = new double[maxLag + 2]; // findPeaks' buffer, one per call (not per row)
        Candidates c = new Candidates(maxCandidates);
        for (int r = 0; r < rows; r++) {
            int start = AudioFrames.centreSample(r) - half;
            double local = 0;
            for (int j = 0; j < win; j++) {
                int k = start + j;
                frame[j] = k >= 0 && k < x.length ? x[k] : 0;
                local += frame[j];
            }
            local /= win;
            double localPeak = 0;
            for (int j = 0; j < win; j++) {
                frame[j] -= local;
                localPeak = Math.max(localPeak, Math.abs(frame[j]));
                frame[j] *= w[j];
            }
            double intensity = globalPeak == 0 ? 0 : Math.min(1, localPeak / globalPeak);
            double unvoiced = voicingThreshold
                    + Math.max(0, 2 - intensity / (silenceThreshold / (1 + voicingThreshold)));
            c.clear();
            c.add(0, unvoiced);
            if (localPeak > 0) findPeaks(autocorrelation(frame, buf, dft), rw, minLag, maxLag, c, normalised);
            freq[r] = c.freq();
            str[r] = c.strength();
        }
        return viterbi(freq, str);
    }

    /**
     * Normalised autocorrelation {@code r[lag] / r[0]} of {@code a}, zero-padded to the FFT size, computed in and
     * returned as {@code b} (only lags below {@code a.length} are meaningful).
     */
    private static double[] autocorrelation(double[] a, double[] b, DoubleFFT_1D dft) {
        int fft = b.length;
        System.arraycopy(a, 0, b, 0, a.length);
        java.util.Arrays.fill(b, a.length, fft, 0);
        dft.realForward(b);
        b[0] = b[0] * b[0];
        b[1] = b[1] * b[1];
        for (int k = 1; k < fft / 2; k++) {
            double re = b[2 * k];
            double im = b[2 * k + 1];
            b[2 * k] = re * re + im * im;
            b[2 * k + 1] = 0;
        }
        dft.realInverse(b, true);
        double r0 = b[0];
        for (int i = 0; i < fft; i++) b[i] = r0 > 0 ? b[i] / r0 : 0;
        return b;
    }

    /** @param r a buffer of {@code maxLag + 2} values, overwritten */
    private void findPeaks(double[] ra, double[] rw, int minLag, int maxLag, Candidates c, double[] r) {
        for (int i = 0; i < r.length; i++) r[i] = i < ra.length && rw[i] > 0 ? ra[i] / rw[i] : 0;
        for (int i = Math.max(2, minLag); i <= maxLag && i + 1 < r.length; i++) {
            if (r[i] > 0.5 * voicingThreshold && r[i] > r[i - 1] && r[i] >= r[i + 1]) {
                double dr = 0.5 * (r[i + 1] - r[i - 1]);
                double d2r = 2 * r[i] - r[i - 1] - r[i + 1];
                double lag = d2r > 0 ? i + dr / d2r : i;
                double strength = d2r > 0 ? r[i] + dr * dr / (2 * d2r) : r[i];
                if (strength > 1) strength = 1 / strength; // short-window overshoot, reflected as Praat does
                double f = SR / lag;
                if (f > ceiling) continue;
                c.add(f, strength - octaveCost * Math.log(ceiling / f) / LN2);
            }
        }
    }

    /** Praat's path finder: maximises summed strengths minus voicing-change and octave-jump costs. */
    private Track viterbi(double[][] freq, double[][] str) {
        int n = freq.length;
        double[] f0 = new double[n];
        double[] strength = new double[n];
        if (n == 0) return new Track(f0, strength);
        double[][] lg = new double[n][]; // log2 of each candidate's frequency, NaN for unvoiced
        for (int t = 0; t < n; t++) {
            lg[t] = new double[freq[t].length];
            for (int i = 0; i < lg[t].length; i++) lg[t][i] = freq[t][i] > 0 ? Math.log(freq[t][i]) / LN2 : Double.NaN;
        }
        double[][] delta = new double[n][];
        int[][] psi = new int[n][];
        delta[0] = str[0].clone();
        psi[0] = new int[str[0].length];
        for (int t = 1; t < n; t++) {
            delta[t] = new double[str[t].length];
            psi[t] = new int[str[t].length];
            for (int i = 0; i < str[t].length; i++) {
                double best = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int j = 0; j < str[t - 1].length; j++) {
                    double f1 = freq[t - 1][j];
                    double f2 = freq[t][i];
                    double cost = f1 == 0 && f2 == 0 ? 0 : f1 == 0 || f2 == 0 ? voicedUnvoicedCost
                            : octaveJumpCost * Math.abs(lg[t - 1][j] - lg[t][i]);
                    double v = delta[t - 1][j] - cost;
                    if (v > best) {
                        best = v;
                        arg = j;
                    }
                }
                delta[t][i] = best + str[t][i];
                psi[t][i] = arg;
            }
        }
        int k = 0;
        for (int i = 1; i < delta[n - 1].length; i++) if (delta[n - 1][i] > delta[n - 1][k]) k = i;
        for (int t = n - 1; t >= 0; t--) {
            f0[t] = freq[t][k];
            // report the raw correlation, without the octave-cost term used for the path
            strength[t] = f0[t] > 0 ? str[t][k] + octaveCost * Math.log(ceiling / f0[t]) / LN2 : 0;
            k = psi[t][k];
        }
        return new Track(f0, strength);
    }

    /** The strongest few candidates of one frame; index 0 is the unvoiced one. */
    private static final class Candidates {
        private final double[] f;
        private final double[] s;
        private int n;

        Candidates(int max) {
            f = new double[max];
            s = new double[max];
        }

        void clear() {
            n = 0;
        }

        void add(double freq, double strength) {
            if (n < f.length) {
                f[n] = freq;
                s[n++] = strength;
                return;
            }
            int weakest = 1;
            for (int i = 2; i < n; i++) if (s[i] < s[weakest]) weakest = i;
            if (strength > s[weakest]) {
                f[weakest] = freq;
                s[weakest] = strength;
            }
        }

        double[] freq() { return java.util.Arrays.copyOf(f, n); }

        double[] strength() { return java.util.Arrays.copyOf(s, n); }
    }
}
