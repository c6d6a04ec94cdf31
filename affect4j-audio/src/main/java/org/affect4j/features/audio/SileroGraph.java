package org.affect4j.features.audio;

import org.affect4j.onnx.ConversionCache;
import org.affect4j.onnx.OnnxGraphBuilder;
import org.affect4j.onnx.OnnxModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Silero VAD v5's 16 kHz network rebuilt as one flat ONNX graph over many consecutive windows at once, from the
 * weights of the exported file. The exported file runs one 32 ms window per call through a tree of {@code If} nodes
 * (sample rate, batch size, tensor rank) and re-slices its LSTM weights every call: ~120 us a window on one core,
 * most of it the runtime's per-node work. Here the network's feed-forward part (STFT as a strided convolution,
 * magnitude, four convolutions with ReLU) runs over all windows of the call as one long signal, each window laid
 * out on a period of its own with zeros between, so each convolution is one large product; the LSTM cell runs as one
 * {@code LSTM} over the windows in order, carrying the state as the per-window calls do; the decoder (ReLU, 1x1
 * convolution, sigmoid) runs on every step. Same inputs and outputs as the file's per-window call, except the first
 * axis counts windows: {@code input [N, 576]} (64 samples of context, then the window), {@code state [2, 1, 128]}
 * → {@code output [N, 1]}, {@code stateN [2, 1, 128]}. Probabilities agree with the file's within float rounding
 * ({@code SileroVadTest}).
 */
final class SileroGraph {
    static final int CONTEXT = 64;
    static final int WINDOW = 512;
    static final int HIDDEN = 128;
    /** Samples of the reflect-padded window (the exporter's STFT pads 64 on the right) and of its slot in the signal. */
    private static final int PADDED = CONTEXT + WINDOW + 64;
    private static final int SLOT = 1024;
    private static final int HOP = 128;

    private final Map<String, OnnxModel.Tensor> weights;
    private final OnnxGraphBuilder g = new OnnxGraphBuilder("silero_vad_16k_windows");

    private SileroGraph(Map<String, OnnxModel.Tensor> weights) {
        this.weights = weights;
    }

    /** Bumped whenever the rebuilt graph changes, to invalidate cached files. */
    static final String VERSION = "1";

    /**
     * The rebuilt graph of the Silero VAD v5 file {@code model}, made once and cached ({@link ConversionCache}:
     * parsing the 2.3 MB file took ~100 ms of a cold start), or empty when the file does not hold the weights this
     * rebuild reads (another export, another version), or when the cache cannot be written (a read-only model
     * cache): the caller then runs the file as it is.
     */
    static Optional<Path> cached(Path model) {
        try {
            return Optional.of(ConversionCache.cached("silero-vad-16k-windows", List.of(model), VERSION, "",
                    () -> rebuild(model).orElseThrow(NotRebuilt::new)));
        } catch (NotRebuilt | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The file is not the export this rebuild reads. */
    private static final class NotRebuilt extends RuntimeException {
        NotRebuilt() {
            super(null, null, false, false);
        }
    }

    /** The rebuilt graph's bytes, or empty when {@code model} is not the export this rebuild reads. */
    static Optional<byte[]> rebuild(Path model) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + model + ": " + e.getMessage(), e);
        }
        Map<String, OnnxModel.Tensor> all;
        try {
            all = OnnxModel.constants(bytes);
        } catch (IllegalArgumentException notOnnx) {
            return Optional.empty();
        }
        // the 16 kHz network is the then-branch of the top-level If on the sample rate
        Map<String, OnnxModel.Tensor> w = new java.util.HashMap<>();
        for (String name : List.of("stft.forward_basis_buffer", "encoder.0.reparam_conv.weight", "encoder.0.reparam_conv.bias",
                "encoder.1.reparam_conv.weight", "encoder.1.reparam_conv.bias", "encoder.2.reparam_conv.weight",
                "encoder.2.reparam_conv.bias", "encoder.3.reparam_conv.weight", "encoder.3.reparam_conv.bias",
                "decoder.rnn.weight_ih", "decoder.rnn.weight_hh", "decoder.rnn.bias_ih", "decoder.rnn.bias_hh",
                "decoder.decoder.2.weight", "decoder.decoder.2.bias")) {
            List<OnnxModel.Tensor> found = all.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("then_branch/") && e.getKey().endsWith("__" + name))
                    .map(Map.Entry::getValue).toList();
            if (found.size() != 1 || found.get(0).dataType() != OnnxGraphBuilder.FLOAT) return Optional.empty();
            w.put(name, found.get(0));
        }
        if (!shape(w, "stft.forward_basis_buffer", 2 * 129, 1, 256) || !shape(w, "encoder.0.reparam_conv.weight", 128, 129, 3)
                || !shape(w, "encoder.1.reparam_conv.weight", 64, 128, 3) || !shape(w, "encoder.2.reparam_conv.weight", 64, 64, 3)
                || !shape(w, "encoder.3.reparam_conv.weight", 128, 64, 3) || !shape(w, "decoder.rnn.weight_ih", 4 * HIDDEN, HIDDEN)
                || !shape(w, "decoder.rnn.weight_hh", 4 * HIDDEN, HIDDEN) || !shape(w, "decoder.decoder.2.weight", 1, HIDDEN, 1)) {
            return Optional.empty();
        }
        return Optional.of(new SileroGraph(w).build());
    }

    private static boolean shape(Map<String, OnnxModel.Tensor> w, String name, long... dims) {
        return java.util.Arrays.equals(w.get(name).dims(), dims);
    }

    private byte[] build() {
        g.input("input", new long[] {-1, CONTEXT + WINDOW});
        g.input("state", new long[] {2, 1, HIDDEN});
        // each window reflect-padded as the exporter's STFT does, then given a slot of 1024 samples (zeros after it)
        String x = g.node("Pad", List.of("input", longs(0, 0, 0, PADDED - CONTEXT - WINDOW)), g.fresh("Pad"))
                .attr("mode", "reflect").add();
        x = op("Pad", x, longs(0, 0, 0, SLOT - PADDED));
        x = op("Reshape", x, longs(1, 1, -1));
        // STFT frames at hop 128: 8 per slot, of which the first 4 lie within the padded window (the exporter's 4)
        x = conv(x, "stft.forward_basis_buffer", null, 256, HOP, 0, HOP);
        String re = slice(x, 0, 129, 1), im = slice(x, 129, 258, 1);
        String two = g.floatInit(g.fresh("two"), new long[0], new float[] {2f});
        x = op("Sqrt", op("Add", op("Pow", re, two), op("Pow", im, two)));
        x = keep(x, 129, 8, 4);
        // the encoder's convolutions (3 taps, zero padding 1): within each slot the zeros after the window's frames
        // act as the padding, so every kept position sees what it sees in a window of its own
        int[] strides = {1, 2, 2, 1};
        int[] channels = {128, 64, 64, 128};
        int[] period = {8, 4, 2, 2};
        int[] kept = {4, 2, 1, 1};
        for (int i = 0; i < 4; i++) {
            x = op("Relu", conv(x, "encoder." + i + ".reparam_conv.weight", "encoder." + i + ".reparam_conv.bias", 3, strides[i], 1, 1));
            if (i < 3) x = keep(x, channels[i], period[i], kept[i]);
        }
        x = slice(op("Reshape", x, longs(1, HIDDEN, -1, 2)), 0, 1, 3); // [1, 128, N, 1]: one step per window
        x = g.node("Transpose", List.of(x), g.fresh("Transpose")).attr("perm", new long[] {2, 3, 0, 1}).add();
        x = op("Reshape", x, longs(-1, 1, HIDDEN)); // [N, 1, 128]
        g.node("Split", List.of("state", longs(1, 1)), List.of("h0", "c0")).attr("axis", 0L).add();
        String w = lstmWeights("decoder.rnn.weight_ih"), r = lstmWeights("decoder.rnn.weight_hh");
        float[] b = new float[8 * HIDDEN];
        System.arraycopy(gates(weights.get("decoder.rnn.bias_ih").floats()), 0, b, 0, 4 * HIDDEN);
        System.arraycopy(gates(weights.get("decoder.rnn.bias_hh").floats()), 0, b, 4 * HIDDEN, 4 * HIDDEN);
        String bias = g.floatInit(g.fresh("lstm_b"), new long[] {1, 8 * HIDDEN}, b);
        g.node("LSTM", List.of(x, w, r, bias, "", "h0", "c0"), List.of("steps", "h1", "c1")).attr("hidden_size", (long) HIDDEN).add();
        g.node("Concat", List.of("h1", "c1"), "stateN").attr("axis", 0L).add();
        String y = op("Reshape", op("Relu", "steps"), longs(-1, HIDDEN, 1)); // [N, 128, 1]
        y = op("Sigmoid", conv(y, "decoder.decoder.2.weight", "decoder.decoder.2.bias", 1, 1, 0, 0));
        g.node("Reshape", List.of(y, longs(-1, 1)), "output").add();
        g.output("output", new long[] {-1, 1});
        g.output("stateN", new long[] {2, 1, HIDDEN});
        return g.toBytes("affect4j", "silero-vad-v5-16k-windows");
    }

    /** Keeps the first {@code k} positions of every {@code period} of {@code x [1, channels, period * N]}, zeroing the rest. */
    private String keep(String x, int channels, int period, int k) {
        String r = op("Reshape", x, longs(1, channels, -1, period));
        return op("Reshape", op("Pad", slice(r, 0, k, 3), longs(0, 0, 0, 0, 0, 0, 0, period - k)), longs(1, channels, -1));
    }

    private String conv(String x, String weight, String bias, int kernel, int stride, int padBegin, int padEnd) {
        OnnxModel.Tensor t = weights.get(weight);
        String w = g.tensorInit(g.fresh(weight), t.dims(), t.dataType(), t.raw());
        List<String> in = bias == null ? List.of(x, w) : List.of(x, w, g.tensorInit(g.fresh(bias),
                weights.get(bias).dims(), OnnxGraphBuilder.FLOAT, weights.get(bias).raw()));
        return g.node("Conv", in, g.fresh("Conv")).attr("kernel_shape", new long[] {kernel})
                .attr("strides", new long[] {stride}).attr("pads", new long[] {padBegin, padEnd}).add();
    }

    /** A PyTorch LSTM weight ({@code [4H, in]}, gates i f g o) as ONNX's ({@code [1, 4H, in]}, gates i o f c). */
    private String lstmWeights(String name) {
        OnnxModel.Tensor t = weights.get(name);
        return g.floatInit(g.fresh(name), new long[] {1, t.dims()[0], t.dims()[1]}, gates(t.floats()));
    }

    /** Reorders the four gate blocks of a PyTorch LSTM parameter (i, f, g, o) into ONNX's order (i, o, f, c). */
    private static float[] gates(float[] v) {
        int n = v.length / 4;
        float[] out = new float[v.length];
        int[] from = {0, 3, 1, 2};
        for (int k = 0; k < 4; k++) System.arraycopy(v, from[k] * n, out, k * n, n);
        return out;
    }

    private String slice(String x, long start, long end, long axis) {
        return op("Slice", x, longs(start), longs(end), longs(axis));
    }

    private String op(String type, String... in) {
        return g.node(type, List.of(in), g.fresh(type)).add();
    }

    private String longs(long... v) {
        return g.longInit(g.fresh("c"), new long[] {v.length}, v);
    }
}
