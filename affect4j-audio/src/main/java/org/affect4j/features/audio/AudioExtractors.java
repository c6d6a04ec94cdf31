package org.affect4j.features.audio;

import org.affect4j.features.AudioFeatureExtractor;

import java.nio.file.Path;
import java.util.List;

/**
 * Creates audio extractors by the names used in configs and on the command line: {@code fbank}, {@code egemaps},
 * {@code compare}, {@code vad}, and {@code onnx:<config.json>} for a user's ONNX model
 * (see {@link OnnxAudioConfig}). The caller closes what it gets.
 */
public final class AudioExtractors {
    /** The built-in names (plus {@code onnx:<file>}). */
    public static final List<String> NAMES = List.of("fbank", "egemaps", "compare", "vad");

    private AudioExtractors() {
    }

    /** The extractor called {@code name}; {@link IllegalArgumentException} naming the choices if unknown. */
    public static AudioFeatureExtractor create(String name) {
        if (name == null) throw new IllegalArgumentException("audio extractor name must not be null");
        if (name.startsWith("onnx:")) {
            String file = name.substring("onnx:".length());
            if (file.isBlank()) throw new IllegalArgumentException("'onnx:' needs a config file, e.g. onnx:models/hubert.json");
            return new OnnxAudioExtractor(OnnxAudioConfig.load(Path.of(file)));
        }
        return switch (name) {
            case "fbank" -> new KaldiFbank();
            case "egemaps" -> new EgemapsExtractor();
            case "compare" -> new CompareExtractor();
            case "vad" -> new SileroVad();
            default -> throw new IllegalArgumentException("unknown audio extractor '" + name + "'; choose one of "
                    + NAMES + " or onnx:<config.json>");
        };
    }
}
