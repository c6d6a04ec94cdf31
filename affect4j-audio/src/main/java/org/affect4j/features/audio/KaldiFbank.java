package org.affect4j.features.audio;

import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.store.FeatureMatrix;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Log-Mel filterbank energies compatible with Kaldi's {@code compute-fbank-feats} and
 * {@code torchaudio.compliance.kaldi.fbank}: 25 ms povey window, 10 ms hop, {@code snip_edges}, DC removal,
 * pre-emphasis 0.97, no dither, power spectrum, triangular mel filters from 20 Hz to Nyquist, natural log floored
 * at float epsilon (so digital silence gives {@code ln(1.19e-7) = -15.94}, never -inf).
 *
 * <p>Samples in [-1, 1] are multiplied by {@link Options#scale()} (32768 by default) first, as Kaldi reads int16
 * wav files; pass {@code scale = 1} to match torchaudio fed with normalised floats. Rows are on the
 * {@link AudioFrames} grid. Thread-safe: each call owns its buffers.
 */
public final class KaldiFbank implements AudioFeatureExtractor, TimedRows {
    /** Kaldi's log floor: {@code std::numeric_limits<float>::epsilon()}. */
    public static final double LOG_FLOOR = Math.ulp(1.0f);

    /**
     * Settings; the defaults are {@link #DEFAULT}.
     *
     * @param melBins     number of filters
     * @param lowHz       lower edge, Hz
     * @param highHz      upper edge, Hz (&lt;= 0 means Nyquist + highHz, as Kaldi)
     * @param preemphasis pre-emphasis coefficient
     * @param scale       input multiplier
     * @param window      window shape
     */
    public record Options(int melBins, double lowHz, double highHz, double preemphasis, double scale,
                          WindowFunction window) {
        /** 80 bins, 20 Hz to Nyquist, pre-emphasis 0.97, int16 scale, povey window. */
        public static final Options DEFAULT = new Options(80, 20, 0, 0.97, 32768.0, WindowFunction.POVEY);
    }

    private final Options options;
    private final MelFilterbank mel;
    private final int fftSize;

    /** With the default options. */
    public KaldiFbank() {
        this(Options.DEFAULT);
    }

    /** With the given options. */
    public KaldiFbank(Options options) {
        this.options = options;
        this.fftSize = Integer.highestOneBit(AudioFrames.WINDOW - 1) << 1;
        double high = options.highHz() <= 0 ? 8000 + options.highHz() : options.highHz();
        this.mel = new MelFilterbank(options.melBins(), fftSize, options.lowHz(), high);
        newFramer(); // validates the remaining options now rather than at the first call
    }

    private SpectralFramer newFramer() {
        return new SpectralFramer(AudioFrames.WINDOW, options.window(), true, options.preemphasis(), options.scale());
    }

    @Override
    public String id() { return "fbank"; }

    @Override
    public int dimension() { return options.melBins(); }

    @Override
    public double rate() { return AudioFrames.RATE; }

    @Override
    public double firstRowSeconds() { return AudioFrames.CENTRE_OFFSET; }

    @Override
    public FeatureMatrix extract(float[] samples) {
        Signals.Clean in = Signals.clean(samples, id());
        int rows = in.valid().length;
        int d = options.melBins();
        float[] out = new float[rows * d];
        SpectralFramer framer = newFramer();
        double[] e = new double[d];
        for (int r = 0; r < rows; r++) {
            mel.apply(framer.power(in.samples(), r), e);
            for (int b = 0; b < d; b++) out[r * d + b] = (float) Math.log(Math.max(LOG_FLOOR, e[b]));
        }
        return new FeatureMatrix(rows, d, out, in.valid());
    }

    @Override
    public Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("extractor", getClass().getName());
        p.put("definition", "Kaldi compute-fbank-feats / torchaudio.compliance.kaldi.fbank");
        p.put("options", options.toString());
        p.put("frame", "25 ms window, 10 ms hop, snip_edges, row i centred at 12.5 ms + 10 ms * i");
        return p;
    }
}
