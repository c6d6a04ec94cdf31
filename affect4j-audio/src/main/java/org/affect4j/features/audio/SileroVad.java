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
 */
public final class SileroVad extends OnnxAudioExtractor {
    /** The npm package holding the model. */
    public static final String PACKAGE = "@ricky0123/vad-web@0.0.31";
    /** The model inside it. */
    public static final String MODEL = "dist/silero_vad_v5.onnx";
    /** Threshold silero-vad uses to call a window speech. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /** Opens the packaged model with one intra-op thread. */
    public SileroVad() {
        this(Locations.modelPackage(PACKAGE).resolve(MODEL), 1);
    }

    /** Opens a Silero v5-compatible model file. */
    public SileroVad(Path model, int threads) {
        super(config(model, threads));
    }

    /** The configuration this preset uses; also a template for {@code onnx:<config.json>}. */
    public static OnnxAudioConfig config(Path model, int threads) {
        return new OnnxAudioConfig("vad", model, 512, 512, 64, "input", "output", 0,
                new OnnxAudioConfig.State("state", "stateN", new long[] {2, 1, 128}),
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
