package org.affect4j.features.audio;

import org.affect4j.store.FeatureMatrix;
import org.affect4j.util.Locations;

import java.nio.file.Path;
import java.util.Map;

/**
 * Speech probability every 32 ms from Silero VAD v5 (Silero Team, "Silero VAD: pre-trained enterprise-grade Voice
 * Activity Detector", 2024), the ONNX file of the npm package {@value #PACKAGE} (ISC licence, model MIT).
 * A preset of {@link OnnxAudioExtractor}: 512-sample windows at 16 kHz, each preceded by the previous 64 samples
 * (as silero-vad's {@code OnnxWrapper} and the package's {@code Silero.process} do), the {@code [2, 1, 128]} state
 * carried from window to window and reset per signal. Feature id {@code vad}, 1 value per row, 31.25 rows/s.
 * The file's 16 kHz network runs rebuilt as one graph over {@value #WINDOWS_PER_CALL} windows a call
 * ({@link SileroGraph}, made once and cached in the model cache: ~4x less CPU than a call per window, the same
 * probabilities within float rounding), so a stream hands its rows on a quarter of a second at a time; a file the
 * rebuild does not recognise runs as it is.
 */
public final class SileroVad extends OnnxAudioExtractor {
    /** The npm package holding the model. */
    public static final String PACKAGE = "@ricky0123/vad-web@0.0.31";
    /** The model inside it. */
    public static final String MODEL = "dist/silero_vad_v5.onnx";
    /**
     * Windows (32 ms each) one call of the rebuilt graph takes: per window 30 us at 8, 26 us at 32, against ~120 us
     * one at a time (AMD EPYC, one thread); 8 keeps a live stream's rows within a quarter of a second.
     */
    static final int WINDOWS_PER_CALL = 8;
    /** Threshold silero-vad uses to call a window speech. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /** Opens the packaged model with one intra-op thread. */
    public SileroVad() {
        this(Locations.modelPackage(PACKAGE).resolve(MODEL), 1);
    }

    /** Opens a Silero v5-compatible model file. */
    public SileroVad(Path model, int threads) {
        this(model, threads, SileroGraph.cached(model).orElse(null));
    }

    private SileroVad(Path model, int threads, Path rebuilt) {
        super(rebuilt == null ? config(model, threads) : rebuiltConfig(model, threads), rebuilt,
                rebuilt == null ? 1 : WINDOWS_PER_CALL);
    }

    /** {@link #config} for the rebuilt graph, which has no sample-rate input (it is the 16 kHz network). */
    private static OnnxAudioConfig rebuiltConfig(Path model, int threads) {
        OnnxAudioConfig c = config(model, threads);
        return new OnnxAudioConfig(c.id(), c.model(), c.window(), c.hop(), c.context(), c.input(), c.output(), c.outputRate(),
                c.state(), Map.of(), threads);
    }

    /** The configuration this preset uses; also a template for {@code onnx:<config.json>}. */
    public static OnnxAudioConfig config(Path model, int threads) {
        return new OnnxAudioConfig("vad", model, SileroGraph.WINDOW, SileroGraph.WINDOW, SileroGraph.CONTEXT, "input", "output", 0,
                new OnnxAudioConfig.State("state", "stateN", new long[] {2, 1, SileroGraph.HIDDEN}),
                Map.of("sr", new OnnxAudioConfig.Constant("int64", new long[] {1}, new double[] {16_000})), threads);
    }

    /**
     * Speech gate on the {@link AudioFrames} grid (10 ms rows): row {@code i} is speech when the VAD window holding
     * its centre has probability {@code >= threshold} and is valid.
     *
     * @param vad      output of {@link #extract}
     * @param gridRows number of 10 ms rows to gate (e.g. the fbank row count)
     */
    public static boolean[] speechRows(FeatureMatrix vad, int gridRows, double threshold) {
        boolean[] out = new boolean[gridRows];
        for (int i = 0; i < gridRows; i++) {
            int r = AudioFrames.centreSample(i) / 512;
            out[i] = r < vad.rows() && vad.isValid(r) && vad.get(r, 0) >= threshold;
        }
        return out;
    }
}
