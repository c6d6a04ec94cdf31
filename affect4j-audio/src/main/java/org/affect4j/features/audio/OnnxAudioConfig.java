package org.affect4j.features.audio;

import org.affect4j.features.AudioFeatureExtractor;
import org.affect4j.util.ConfigReader;
import org.affect4j.util.Locations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to run a user's ONNX audio model ({@link OnnxAudioExtractor}), read from a JSON file:
 * <pre>{@code
 * {
 *   "id": "silero",                 // feature name in the store
 *   "model": "package:@ricky0123/vad-web@0.0.31:dist/silero_vad_v5.onnx",  // or a path relative to this file
 *   "sampleRate": 16000,            // what the model expects; only 16000 is supported
 *   "window": 512, "hop": 512,      // samples per call and between calls; window 0 = the whole signal at once
 *   "context": 64,                  // samples before each window prepended to it (0 = none)
 *   "input": "input", "output": "output",
 *   "outputRate": 50,               // whole-signal models only: output rows per second (wav2vec2/HuBERT: 50)
 *   "state": {"input": "state", "output": "stateN", "shape": [2, 1, 128]},  // optional recurrent state
 *   "constants": {"sr": {"type": "int64", "shape": [1], "values": [16000]}}, // optional extra inputs
 *   "threads": 1                    // ONNX Runtime intra-op threads
 * }}</pre>
 * The input tensor is {@code [1, context + window]} float32 in [-1, 1]; the output is flattened to one row per
 * call in framed mode, or read as {@code [1, T, D]} / {@code [T, D]} (T rows of D values) in whole-signal mode.
 *
 * @param id         feature name
 * @param model      model file
 * @param window     samples per window (0 = whole signal)
 * @param hop        samples between windows (framed mode)
 * @param context    preceding samples prepended to each window
 * @param input      input tensor name
 * @param output     output tensor name
 * @param outputRate rows per second in whole-signal mode (ignored in framed mode)
 * @param state      recurrent state, or null
 * @param constants  extra constant inputs, by name
 * @param threads    intra-op threads
 */
public record OnnxAudioConfig(String id, Path model, int window, int hop, int context, String input, String output,
                              double outputRate, State state, Map<String, Constant> constants, int threads) {

    /** A recurrent state tensor fed back from one call to the next, zeros at the start of each signal. */
    public record State(String input, String output, long[] shape) {
    }

    /** A constant extra input ({@code int64} or {@code float}). */
    public record Constant(String type, long[] shape, double[] values) {
        public Constant {
            if (!type.equals("int64") && !type.equals("float")) {
                throw new IllegalArgumentException("constant type must be int64 or float, got '" + type + "'");
            }
            long n = 1;
            for (long s : shape) n *= s;
            if (n != values.length) {
                throw new IllegalArgumentException("constant of shape " + java.util.Arrays.toString(shape) + " needs "
                        + n + " values, got " + values.length);
            }
        }
    }

    public OnnxAudioConfig {
        if (id == null || !id.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("onnx config: 'id' must be letters, digits, '_', '.', '-', got '" + id + "'");
        }
        if (model == null || !Files.isRegularFile(model)) {
            throw new IllegalArgumentException("onnx config '" + id + "': model file " + model + " not found");
        }
        if (window < 0) throw new IllegalArgumentException("onnx config '" + id + "': 'window' must be >= 0, got " + window);
        if (window > 0 && hop <= 0) {
            throw new IllegalArgumentException("onnx config '" + id + "': 'hop' must be > 0 samples, got " + hop);
        }
        if (context < 0) throw new IllegalArgumentException("onnx config '" + id + "': 'context' must be >= 0, got " + context);
        if (window == 0 && !(outputRate > 0)) {
            throw new IllegalArgumentException("onnx config '" + id + "': a whole-signal model (window 0) needs "
                    + "'outputRate' > 0 (rows per second of its output), got " + outputRate);
        }
        if (window == 0 && state != null) {
            throw new IllegalArgumentException("onnx config '" + id + "': 'state' needs a framed model (window > 0)");
        }
        if (threads < 1) throw new IllegalArgumentException("onnx config '" + id + "': 'threads' must be >= 1, got " + threads);
        constants = constants == null ? Map.of() : Map.copyOf(constants);
    }

    /** Rows per second of this model's output. */
    public double rate() {
        return window > 0 ? (double) AudioFeatureExtractor.SAMPLE_RATE / hop : outputRate;
    }

    /** Reads a config file; relative model paths are resolved against the file's folder. */
    public static OnnxAudioConfig load(Path file) {
        ConfigReader n = ConfigReader.of(file);
        String where = file.toString();
        int sr = n.integer("sampleRate", AudioFeatureExtractor.SAMPLE_RATE, 1);
        if (sr != AudioFeatureExtractor.SAMPLE_RATE) {
            throw new IllegalArgumentException(where + ": 'sampleRate' " + sr + " is not supported; affect4j feeds "
                    + AudioFeatureExtractor.SAMPLE_RATE + " Hz audio (export the model for 16 kHz)");
        }
        State state = n.optional("state", s -> {
            State st = new State(s.string("input", null), s.string("output", null), s.longs("shape"));
            s.finish();
            return st;
        });
        Map<String, Constant> constants = new LinkedHashMap<>();
        ConfigReader cs = n.child("constants");
        for (String name : cs.keys()) {
            ConfigReader c = cs.child(name);
            constants.put(name, new Constant(c.string("type", "float"), c.longs("shape"), c.doubles("values")));
            c.finish();
        }
        cs.finish();
        int window = n.integer("window", 0, 0);
        OnnxAudioConfig config = new OnnxAudioConfig(n.string("id", null), resolveModel(n.string("model", null), file),
                window, n.integer("hop", window, 0), n.integer("context", 0, 0), n.string("input", null),
                n.string("output", null), n.number("outputRate", 0, 0, Double.MAX_VALUE), state, constants,
                n.integer("threads", 1, 1));
        n.finish();
        return config;
    }

    /** {@code package:<npm spec>:<path inside>} or a path relative to the config file. */
    static Path resolveModel(String spec, Path configFile) {
        if (spec.startsWith("package:")) {
            String rest = spec.substring("package:".length());
            int colon = rest.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("model '" + spec + "': expected package:<name@version>:<path>");
            }
            return Locations.modelPackage(rest.substring(0, colon)).resolve(rest.substring(colon + 1));
        }
        Path dir = configFile.toAbsolutePath().getParent();
        return dir == null ? Path.of(spec) : dir.resolve(spec);
    }
}
