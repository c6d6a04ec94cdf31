package org.affect4j.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Static int8 quantisation of a converted graph's convolutions in ONNX's QDQ form, which ONNX Runtime fuses into
 * integer kernels ({@code QLinearConv}) when it optimises the graph:
 * <ol>
 *   <li>per-channel scale-and-shift pairs after a convolution (batch norm spelt out as {@code Mul}/{@code Add} by the
 *       TensorFlow graph) are folded into its weights and bias first, so the integer kernel computes them;</li>
 *   <li>weights become int8, symmetric, one scale per output channel (one scale per tensor loses the thin
 *       depthwise channels); biases int32 at the scale of input times weight, as {@code QLinearConv} wants;</li>
 *   <li>activations become uint8 between a {@code QuantizeLinear}/{@code DequantizeLinear} pair, with a fixed range
 *       per tensor: the caller's (the graph input's range follows from the pre-processing; calibrated ranges may be
 *       given for any tensor) or a clamp's bounds ({@code Clip}, e.g. ReLU6, whose [0, 6] range needs no data, and
 *       which the runtime then drops as the quantisation saturates at the same bounds). Ranges pass unchanged through
 *       layout ops ({@code Transpose}, {@code Identity}, {@code Reshape}).</li>
 * </ol>
 * A convolution whose input has no known range stays float; one whose output has no known range keeps int8 weights
 * but runs in float (the runtime fuses only convolutions quantised on both sides). The graph's inputs and outputs
 * stay float, so a quantised model is a drop-in replacement. Not thread-safe ({@link #report()} is the last call's).
 */
public final class Int8Quantizer {
    /** Bumped whenever the quantised graph changes, to invalidate cached files. */
    public static final String VERSION = "1";

    private static final Set<String> LAYOUT_OPS = Set.of("Transpose", "Identity", "Reshape", "Flatten");

    private final Map<String, float[]> ranges;

    /**
     * @param ranges known {@code [min, max]} ranges of tensors by name, at least the graph input's (e.g. [0, 255]
     *               for pixels fed as they are)
     */
    public Int8Quantizer(Map<String, float[]> ranges) {
        this.ranges = new HashMap<>(ranges);
    }

    /** What a quantisation did, for logs and tests. */
    public record Report(int convolutions, int quantised, int folded) {
    }

    private Report report;

    /** The report of the last {@link #quantize} call. */
    public Report report() {
        return report;
    }

    /**
     * Quantises a model (see the class comment).
     *
     * @throws IllegalArgumentException if the model cannot be read ({@link OnnxModel#read})
     */
    public byte[] quantize(byte[] model) {
        OnnxModel m = OnnxModel.read(model);
        Map<String, OnnxModel.Tensor> inits = m.initializers();
        List<OnnxModel.Node> nodes = m.nodes();
        Set<String> graphOutputs = new HashSet<>(m.outputNames());
        int folded = fold(nodes, inits, graphOutputs);
        Map<String, float[]> known = propagateRanges(nodes, inits);

        Map<String, List<Integer>> consumers = consumers(nodes);
        Set<String> quantised = new LinkedHashSet<>();
        List<OnnxModel.Node> out = new ArrayList<>();
        Map<String, OnnxModel.Node> replaced = new HashMap<>();
        Map<String, List<OnnxModel.Node>> replacedPre = new HashMap<>();
        int convs = 0;
        int done = 0;
        for (OnnxModel.Node n : nodes) {
            if (!n.opType().equals("Conv") || !n.domain().isEmpty()) continue;
            convs++;
            String x = n.inputs().get(0);
            OnnxModel.Tensor w = n.inputs().size() > 1 ? inits.get(n.inputs().get(1)) : null;
            if (w == null || w.dataType() != OnnxGraphBuilder.FLOAT || !known.containsKey(x)) continue;
            String y = activationOutput(n, nodes, consumers, graphOutputs);
            quantised.add(x);
            List<OnnxModel.Node> pre = new ArrayList<>();
            List<String> convIn = quantizeParameters(n, w, qparams(known.get(x))[0], inits, pre);
            replaced.put(n.output(), n.withInputs(convIn));
            replacedPre.put(n.output(), pre); // the weight's and bias's dequantisation, right before the convolution
            if (y != null && known.containsKey(y)) {
                quantised.add(y);
                done++;
            }
        }
        // rebuild the node list: each quantised tensor gets Q -> DQ after its producer (or first, for an input),
        // and every other reader reads the DQ's output
        Map<String, String> rename = new HashMap<>();
        for (String t : quantised) rename.put(t, t + "_dq");
        for (String in : m.inputNames()) {
            if (quantised.contains(in)) addPair(out, in, known.get(in), inits);
        }
        for (OnnxModel.Node n : nodes) {
            OnnxModel.Node r = replaced.getOrDefault(n.output(), n);
            List<OnnxModel.Node> pre = replacedPre.getOrDefault(n.output(), List.of());
            out.addAll(pre);
            List<String> ins = new ArrayList<>();
            for (String i : r.inputs()) ins.add(rename.getOrDefault(i, i));
            out.add(r.withInputs(ins));
            for (String o : n.outputs()) {
                if (quantised.contains(o)) addPair(out, o, known.get(o), inits);
            }
        }
        // unused float weights of quantised convolutions are dropped
        Set<String> used = new HashSet<>();
        out.forEach(n -> used.addAll(n.inputs()));
        inits.keySet().retainAll(used);
        report = new Report(convs, done, folded);
        return m.with(out, inits).toBytes("affect4j Int8Quantizer", VERSION);
    }

    /**
     * Adds the int8 weights (one scale per output channel) and int32 bias of convolution {@code n} to {@code inits}
     * and their dequantisation to {@code pre}; returns the convolution's new inputs.
     */
    private static List<String> quantizeParameters(OnnxModel.Node n, OnnxModel.Tensor w, float xScale,
                                                   Map<String, OnnxModel.Tensor> inits, List<OnnxModel.Node> pre) {
        String x = n.inputs().get(0);
        int channels = (int) w.dims()[0];
        float[] scales = new float[channels];
        byte[] q = symmetricPerRow(w.floats(), channels, scales);
        String wName = fresh(inits, w.name());
        inits.put(wName + "_q", new OnnxModel.Tensor(wName + "_q", w.dims(), OnnxGraphBuilder.INT8, q));
        inits.put(wName + "_scale", OnnxModel.Tensor.ofFloats(wName + "_scale", new long[] {channels}, scales));
        inits.put(wName + "_zp", new OnnxModel.Tensor(wName + "_zp", new long[] {channels}, OnnxGraphBuilder.INT8,
                new byte[channels]));
        List<String> convIn = new ArrayList<>(List.of(x, wName + "_dq"));
        pre.add(dequantize(wName + "_q", wName + "_scale", wName + "_zp", wName + "_dq", true));
        if (n.inputs().size() > 2) {
            OnnxModel.Tensor b = inits.get(n.inputs().get(2));
            float[] bv = b.floats();
            float[] bScales = new float[channels];
            ByteBuffer bq = ByteBuffer.allocate(channels * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int c = 0; c < channels; c++) {
                bScales[c] = xScale * scales[c];
                bq.putInt((int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, Math.round((double) bv[c] / bScales[c]))));
            }
            String bName = fresh(inits, b.name());
            inits.put(bName + "_q", new OnnxModel.Tensor(bName + "_q", b.dims(), OnnxGraphBuilder.INT32, bq.array()));
            inits.put(bName + "_scale", OnnxModel.Tensor.ofFloats(bName + "_scale", new long[] {channels}, bScales));
            inits.put(bName + "_zp", new OnnxModel.Tensor(bName + "_zp", new long[] {channels}, OnnxGraphBuilder.INT32,
                    new byte[channels * 4]));
            pre.add(dequantize(bName + "_q", bName + "_scale", bName + "_zp", bName + "_dq", true));
            convIn.add(bName + "_dq");
        }
        return convIn;
    }

    /**
     * Symmetric int8 with one scale per row (a convolution's output channel, a dense map's output unit): row {@code r}
     * holds integers in [-127, 127] times {@code scales[r] = max|w[r, .]| / 127} (1 for an all-zero row). Also what
     * ONNX Runtime's {@code DynamicQuantizeMatMul} takes, per column of its right-hand side.
     *
     * @param w      {@code [rows, w.length / rows]} row-major
     * @param scales receives each row's scale
     * @return the integers, laid out as {@code w}
     */
    public static byte[] symmetricPerRow(float[] w, int rows, float[] scales) {
        int per = w.length / rows;
        byte[] q = new byte[w.length];
        for (int c = 0; c < rows; c++) {
            float amax = 0f;
            for (int i = 0; i < per; i++) amax = Math.max(amax, Math.abs(w[c * per + i]));
            scales[c] = amax > 0f ? amax / 127f : 1f;
            for (int i = 0; i < per; i++) {
                q[c * per + i] = (byte) Math.max(-127, Math.min(127, Math.round(w[c * per + i] / scales[c])));
            }
        }
        return q;
    }

    /**
     * {@code name}, or {@code name_2}, {@code name_3}, ... when a convolution quantised before read the same tensor: a
     * weight or bias shared by two convolutions gets a quantised copy each (the bias's scale depends on its
     * convolution's input), and no two nodes write one output.
     */
    private static String fresh(Map<String, OnnxModel.Tensor> inits, String name) {
        String n = name;
        for (int k = 2; inits.containsKey(n + "_q"); k++) n = name + "_" + k;
        return n;
    }

    /** Folds per-channel {@code Mul}/{@code Add} constants after each convolution into its weights and bias. */
    private static int fold(List<OnnxModel.Node> nodes, Map<String, OnnxModel.Tensor> inits, Set<String> graphOutputs) {
        int folded = 0;
        for (int k = 0; k < nodes.size(); k++) {
            OnnxModel.Node conv = nodes.get(k);
            if (!conv.opType().equals("Conv") || conv.inputs().size() < 2 || !inits.containsKey(conv.inputs().get(1))) continue;
            OnnxModel.Tensor w = inits.get(conv.inputs().get(1));
            if (w.dataType() != OnnxGraphBuilder.FLOAT) continue;
            int channels = (int) w.dims()[0];
            float[] wv = w.floats();
            float[] bv = conv.inputs().size() > 2 ? inits.get(conv.inputs().get(2)).floats() : new float[channels];
            boolean changed = false;
            while (true) {
                String y = conv.output();
                List<Integer> readers = consumers(nodes).getOrDefault(y, List.of());
                if (readers.size() != 1 || graphOutputs.contains(y)) break;
                OnnxModel.Node next = nodes.get(readers.get(0));
                if (!(next.opType().equals("Mul") || next.opType().equals("Add")) || next.inputs().size() != 2) break;
                String other = next.inputs().get(0).equals(y) ? next.inputs().get(1) : next.inputs().get(0);
                OnnxModel.Tensor c = inits.get(other);
                if (c == null || c.dataType() != OnnxGraphBuilder.FLOAT || c.size() != channels || !perChannel(c.dims(), channels)) break;
                float[] cv = c.floats();
                int per = wv.length / channels;
                for (int ch = 0; ch < channels; ch++) {
                    if (next.opType().equals("Mul")) {
                        for (int i = 0; i < per; i++) wv[ch * per + i] *= cv[ch];
                        bv[ch] *= cv[ch];
                    } else {
                        bv[ch] += cv[ch];
                    }
                }
                conv = new OnnxModel.Node("Conv", conv.inputs(), next.outputs(), conv.domain(), conv.attributes());
                nodes.remove((int) readers.get(0));
                nodes.set(k, conv);
                changed = true;
                folded++;
            }
            if (changed) {
                String wName = conv.inputs().get(1) + "_folded";
                String bName = conv.inputs().get(1) + "_bias";
                inits.put(wName, OnnxModel.Tensor.ofFloats(wName, w.dims(), wv));
                inits.put(bName, OnnxModel.Tensor.ofFloats(bName, new long[] {channels}, bv));
                nodes.set(k, conv.withInputs(List.of(conv.inputs().get(0), wName, bName)));
            }
        }
        return folded;
    }

    private static boolean perChannel(long[] dims, int channels) {
        // [C, 1, 1] or [1, C, 1, 1]: broadcast over an NCHW activation along C
        return (dims.length == 3 && dims[0] == channels && dims[1] == 1 && dims[2] == 1)
                || (dims.length == 4 && dims[0] == 1 && dims[1] == channels && dims[2] == 1 && dims[3] == 1);
    }

    /** Known ranges: the caller's, then through layout ops and clamps, in graph order. */
    private Map<String, float[]> propagateRanges(List<OnnxModel.Node> nodes, Map<String, OnnxModel.Tensor> inits) {
        Map<String, float[]> known = new HashMap<>(ranges);
        for (OnnxModel.Node n : nodes) {
            if (known.containsKey(n.output())) continue;
            if (LAYOUT_OPS.contains(n.opType()) && known.containsKey(n.inputs().get(0))) {
                known.put(n.output(), known.get(n.inputs().get(0)));
            } else if (n.opType().equals("Clip") && n.inputs().size() == 3 && scalar(inits, n.inputs().get(1)) != null
                    && scalar(inits, n.inputs().get(2)) != null) {
                known.put(n.output(), new float[] {scalar(inits, n.inputs().get(1)), scalar(inits, n.inputs().get(2))});
            }
        }
        return known;
    }

    /** The clamp a convolution's output passes through alone (its output), else null. */
    private static String activationOutput(OnnxModel.Node conv, List<OnnxModel.Node> nodes,
                                           Map<String, List<Integer>> consumers, Set<String> graphOutputs) {
        List<Integer> readers = consumers.getOrDefault(conv.output(), List.of());
        if (readers.size() != 1 || graphOutputs.contains(conv.output())) return null;
        OnnxModel.Node next = nodes.get(readers.get(0));
        return next.opType().equals("Clip") ? next.output() : null;
    }

    private static Float scalar(Map<String, OnnxModel.Tensor> inits, String name) {
        OnnxModel.Tensor t = inits.get(name);
        return t != null && t.dataType() == OnnxGraphBuilder.FLOAT && t.size() == 1 ? t.floats()[0] : null;
    }

    private static Map<String, List<Integer>> consumers(List<OnnxModel.Node> nodes) {
        Map<String, List<Integer>> r = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).inputs()) r.computeIfAbsent(in, k -> new ArrayList<>()).add(i);
        }
        return r;
    }

    /** {@code [scale, zero point]} of uint8 for {@code [min, max]} (widened to hold 0, which must be exact). */
    static float[] qparams(float[] range) {
        float lo = Math.min(0f, range[0]);
        float hi = Math.max(0f, range[1]);
        float scale = hi > lo ? (hi - lo) / 255f : 1f;
        float zp = Math.max(0, Math.min(255, Math.round(-lo / scale)));
        return new float[] {scale, zp};
    }

    private static void addPair(List<OnnxModel.Node> out, String t, float[] range, Map<String, OnnxModel.Tensor> inits) {
        float[] qp = qparams(range);
        inits.put(t + "_scale", OnnxModel.Tensor.ofFloats(t + "_scale", new long[0], new float[] {qp[0]}));
        inits.put(t + "_zp", new OnnxModel.Tensor(t + "_zp", new long[0], OnnxGraphBuilder.UINT8, new byte[] {(byte) qp[1]}));
        out.add(new OnnxModel.Node("QuantizeLinear", List.of(t, t + "_scale", t + "_zp"), List.of(t + "_q"), "", List.of()));
        out.add(dequantize(t + "_q", t + "_scale", t + "_zp", t + "_dq", false));
    }

    private static OnnxModel.Node dequantize(String q, String scale, String zp, String out, boolean perChannel) {
        return new OnnxModel.Node("DequantizeLinear", List.of(q, scale, zp), List.of(out), "",
                perChannel ? List.of(OnnxGraphBuilder.intAttribute("axis", 0)) : List.of());
    }
}
