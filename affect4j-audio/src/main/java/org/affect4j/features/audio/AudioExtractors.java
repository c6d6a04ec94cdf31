package org.affect4j.features.audio;

import org.affect4j.features.AudioExtractorFactory;
import org.affect4j.features.FeatureSpec;
import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.util.AbstractPlugin;

import java.nio.file.Path;
import java.util.List;

/**
 * Creates audio extractors by the names used in configs and on the command line: {@code fbank}, {@code egemaps},
 * {@code compare}, {@code vad}, and {@code onnx-audio:<config.json>} for a user's ONNX model
 * (see {@link OnnxAudioConfig}). Each is a plug-in of {@link AudioExtractorFactory}, found through
 * {@code META-INF/services} like any user's. The caller closes what it gets.
 */
public final class AudioExtractors {
    /** The built-in names (plus {@code onnx-audio:<file>}; every registered name: {@link AudioExtractorFactory#ALL}). */
    public static final List<String> NAMES = List.of("fbank", "egemaps", "compare", "vad");

    private AudioExtractors() {
    }

    /**
     * The extractor written {@code name} ({@code NAME} or {@code NAME:ARGUMENT}), through the registry
     * ({@link AudioExtractorFactory#ALL}); {@link IllegalArgumentException} naming the nearest and the known ones if
     * unknown.
     */
    public static AudioFeatureExtractor create(String name) {
        if (name == null) throw new IllegalArgumentException("audio extractor name must not be null");
        FeatureSpec f = FeatureSpec.parse(name);
        return AudioExtractorFactory.ALL.get(f.name()).create(f.argument());
    }

    /** A built-in plug-in without an argument (registered in this module's {@code META-INF/services}). */
    abstract static class Builtin extends AbstractPlugin implements AudioExtractorFactory {
        private final java.util.function.Supplier<AudioFeatureExtractor> make;

        Builtin(String name, String description, java.util.function.Supplier<AudioFeatureExtractor> make) {
            super(name, description);
            this.make = make;
        }

        @Override
        public AudioFeatureExtractor create(String argument) {
            new FeatureSpec(name(), argument).requireNoArgument();
            return make.get();
        }
    }

    /** {@code fbank}. */
    public static final class Fbank extends Builtin {
        public Fbank() {
            super("fbank", "80: Kaldi-compatible log-Mel filterbank, 25 ms / 10 ms", KaldiFbank::new);
        }
    }

    /** {@code egemaps}. */
    public static final class Egemaps extends Builtin {
        public Egemaps() {
            super("egemaps", "25: eGeMAPS v02 low-level descriptors", EgemapsExtractor::new);
        }
    }

    /** {@code compare}. */
    public static final class Compare extends Builtin {
        public Compare() {
            super("compare", "130: ComParE 2016 low-level descriptors and deltas", CompareExtractor::new);
        }
    }

    /** {@code vad}. */
    public static final class Vad extends Builtin {
        public Vad() {
            super("vad", "1: Silero VAD v5 speech probability", SileroVad::new);
        }
    }

    /** {@code onnx-audio:<config.json>}: a user's ONNX audio model ({@link OnnxAudioConfig}). */
    public static final class OnnxAudio implements AudioExtractorFactory {
        @Override
        public String name() {
            return "onnx-audio";
        }

        @Override
        public String description() {
            return "onnx-audio:<config.json>: your own ONNX audio model (see OnnxAudioConfig)";
        }

        @Override
        public AudioFeatureExtractor create(String argument) {
            return new OnnxAudioExtractor(OnnxAudioConfig.load(Path.of(new FeatureSpec("onnx-audio", argument)
                    .requireArgument("models/hubert.json"))));
        }
    }
}
