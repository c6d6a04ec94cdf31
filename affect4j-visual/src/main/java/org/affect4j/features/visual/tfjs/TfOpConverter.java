package org.affect4j.features.visual.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import org.affect4j.onnx.OnnxGraphBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns TensorFlow graph nodes, one at a time and in topological order, into ONNX nodes, recording what each
 * TensorFlow value became in the value table it extends ({@link TfValues}).
 *
 * <p>Ops covered: Placeholder, Const, Identity, Conv2D, DepthwiseConv2dNative, _FusedConv2D and
 * FusedDepthwiseConv2dNative (BiasAdd with Relu, Relu6, Elu, LeakyRelu or Prelu), Add/AddV2/BiasAdd, Sub, Mul,
 * RealDiv/Div, Minimum, Maximum, Relu, Relu6, Abs, Sigmoid, Tanh, Exp, Neg, Sqrt, Rsqrt, Square, Elu, Softmax,
 * Mean, Sum, Max, Squeeze, Reshape, MatMul, _FusedMatMul, Pad/PadV2, MaxPool, AvgPool, Prelu, ConcatV2.
 */
final class TfOpConverter extends TfValues {
    TfOpConverter(OnnxGraphBuilder g, Map<String, TfjsTensor> weights, String file) {
        super(g, weights, file);
    }

    void convert(JsonNode n) {
        node = n.path("name").asText();
        String op = n.path("op").asText();
        List<String> in = new ArrayList<>();
        n.path("input").forEach(i -> {
            if (!i.asText().startsWith("^")) {
                in.add(TfjsGraphConverter.strip(i.asText()));
            }
        });
        JsonNode attr = n.path("attr");
        switch (op) {
            case "Const" -> {
                TfjsTensor t = weights.get(node);
                if (t == null) {
                    throw fail("Const", "has no entry in the weights manifest");
                }
                consts.put(node, t);
            }
            case "Placeholder" -> placeholder(attr);
            case "Identity", "StopGradient" -> alias(in.get(0));
            case "Conv2D", "_FusedConv2D", "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative" -> conv(op, in, attr);
            case "Add", "AddV2", "BiasAdd" -> binary("Add", in);
            case "Sub" -> binary("Sub", in);
            case "Mul" -> binary("Mul", in);
            case "RealDiv", "Div" -> binary("Div", in);
            case "Minimum" -> binary("Min", in);
            case "Maximum" -> binary("Max", in);
            case "Relu", "Abs", "Sigmoid", "Tanh", "Exp", "Neg", "Sqrt", "Elu" -> unary(op, val(in.get(0)));
            case "Relu6" -> put(activation("Relu6", val(in.get(0)), null, 0f));
            case "Rsqrt" -> {
                Val x = val(in.get(0));
                String s = g.node("Sqrt", List.of(x.onnx()), g.fresh(node + "/sqrt")).add();
                put(new Val(g.node("Reciprocal", List.of(s), g.fresh(node)).add(), x.rank(), x.nchw()));
            }
            case "Square" -> {
                Val x = val(in.get(0));
                put(new Val(g.node("Mul", List.of(x.onnx(), x.onnx()), g.fresh(node)).add(), x.rank(), x.nchw()));
            }
            case "Softmax" -> {
                Val x = val(in.get(0));
                put(new Val(g.node("Softmax", List.of(x.onnx()), g.fresh(node)).attr("axis", x.nchw() ? 1L : -1L).add(),
                        x.rank(), x.nchw()));
            }
            case "Mean", "Sum", "Max" -> reduce(op, in, attr);
            case "Squeeze" -> squeeze(in, attr);
            case "Reshape" -> reshape(in);
            case "MatMul", "_FusedMatMul" -> matMul(in, attr);
            case "Pad", "PadV2" -> pad(in);
            case "MaxPool", "AvgPool" -> pool(op, in, attr);
            case "Prelu" -> put(prelu(val(in.get(0)), in.get(1), 0f, 1f, g.fresh(node)));
            case "ConcatV2" -> concat(in);
            default -> throw fail(op, "is not supported by affect4j's TensorFlow.js converter");
        }
    }

    /** Converts a PReLU found by {@link PreluFusion}, computing the match's Add node. */
    void prelu(PreluFusion.Match m) {
        node = m.add();
        put(prelu(val(m.x()), m.alpha(), m.offset(), 2f, g.fresh(node)));
    }

    /**
     * PReLU of {@code x} with slope {@code offset + factor * a} for the values {@code a} of constant {@code alpha}.
     * On an NCHW activation with a per-channel slope it is computed as {@code x + (1 - slope) * Relu(-x)}: two
     * depthwise 1x1 convolutions, which ONNX Runtime runs (with the Relu and the Add fused in) in its blocked
     * channel layout, whereas a {@code PRelu} between two convolutions makes it re-order the feature map before and
     * after (MobileFaceNet inference 1.5x faster). Equal to the PReLU up to float rounding.
     */
    private Val prelu(Val x, String alpha, float offset, float factor, String out) {
        TfjsTensor a = constant(alpha);
        String key = alpha + "#prelu" + offset + "*" + factor;
        float[] slope = a.requireFloats().clone();
        for (int i = 0; i < slope.length; i++) {
            slope[i] = offset + factor * slope[i];
        }
        if (x.nchw() && a.shape().length == 1 && slope.length > 1) {
            long c = slope.length;
            float[] neg = new float[slope.length];
            float[] keep = new float[slope.length];
            for (int i = 0; i < slope.length; i++) {
                neg[i] = -1f;
                keep[i] = 1f - slope[i];
            }
            long[] dw = {c, 1, 1, 1};
            String wNeg = constInits.computeIfAbsent("#negate" + c, k -> g.floatInit(g.fresh("negate"), dw, neg));
            String wKeep = constInits.computeIfAbsent(key + "#keep", k -> g.floatInit(g.fresh(alpha + "/keep"), dw, keep));
            String n = g.node("Conv", List.of(x.onnx(), wNeg), g.fresh(out + "/neg")).attr("group", c).add();
            String r = g.node("Relu", List.of(n), g.fresh(out + "/relu")).add();
            String t = g.node("Conv", List.of(r, wKeep), g.fresh(out + "/keep")).attr("group", c).add();
            return new Val(g.node("Add", List.of(x.onnx(), t), out).add(), x.rank(), x.nchw());
        }
        String s = constInits.computeIfAbsent(key + (x.nchw() ? "#nchw" : "#plain"), k -> {
            if (x.nchw()) {
                Object[] r = Layouts.nhwcConstToNchw(slope, a.shape());
                return g.floatInit(g.fresh(alpha + "/slope"), (long[]) r[0], (float[]) r[1]);
            }
            return g.floatInit(g.fresh(alpha + "/slope"), Layouts.toLongs(a.shape()), slope);
        });
        return new Val(g.node("PRelu", List.of(x.onnx(), s), out).add(), x.rank(), x.nchw());
    }

    /** Converts a clamp found by {@link ClipFusion} as one ONNX {@code Clip} computing the match's outer node. */
    void clip(ClipFusion.Match m) {
        node = m.out();
        put(clip(val(m.x()), m.lo(), m.hi(), g.fresh(node)));
    }

    private Val clip(Val x, float lo, float hi, String out) {
        return new Val(g.node("Clip", List.of(x.onnx(), scalar(lo), scalar(hi)), out).add(), x.rank(), x.nchw());
    }

    /** Makes {@code tfName} a graph output under that name, back in NHWC if it is a rank-4 activation. */
    void exposeOutput(String tfName) {
        Val v = vals.get(tfName);
        if (v == null) {
            throw new IllegalArgumentException(file + ": output " + tfName + " is a constant, not a computed value");
        }
        String x = v.nchw() ? toNhwc(v.onnx()) : v.onnx();
        g.node("Identity", List.of(x), tfName).add();
        g.output(tfName, null);
    }

    private void placeholder(JsonNode attr) {
        JsonNode dims = attr.path("shape").path("shape").path("dim");
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).path("size").asLong(-1);
        }
        g.input(node, shape);
        if (shape.length == 4) {
            put(new Val(g.node("Transpose", List.of(node), g.fresh(node + "/nchw"))
                    .attr("perm", new long[] {0, 3, 1, 2}).add(), 4, true));
        } else {
            put(new Val(node, shape.length, false));
        }
    }

    private void conv(String op, List<String> in, JsonNode attr) {
        checkNhwc(op, attr);
        Val x = val(in.get(0));
        if (!x.nchw()) {
            throw fail(op, "expects a rank-4 image tensor as input");
        }
        TfjsTensor f = constant(in.get(1));
        int[] s = f.shape();
        boolean depthwise = op.contains("Depthwise");
        String w = constInits.computeIfAbsent(f.name() + "#oihw", k -> depthwise
                ? g.floatInit(g.fresh(f.name()), new long[] {(long) s[2] * s[3], 1, s[0], s[1]}, Layouts.depthwiseFilter(f.requireFloats(), s))
                : g.floatInit(g.fresh(f.name()), new long[] {s[3], s[2], s[0], s[1]}, Layouts.convFilter(f.requireFloats(), s)));
        List<String> onnxIn = new ArrayList<>(List.of(x.onnx(), w));
        List<String> fused = strings(attr.path("fused_ops"));
        int arg = 2;
        int k = 0;
        if (!fused.isEmpty()) {
            if (!fused.get(0).equals("BiasAdd")) {
                throw fail(op, "fuses " + fused + "; only BiasAdd followed by an activation is supported");
            }
            onnxIn.add(constFor(in.get(arg++), false));
            k = 1;
        }
        OnnxGraphBuilder.Node c = g.node("Conv", onnxIn, g.fresh(node + (k < fused.size() ? "/conv" : "")));
        long[] strides = ints(attr.path("strides"), op);
        long[] dil = attr.has("dilations") ? ints(attr.path("dilations"), op) : new long[] {1, 1, 1, 1};
        c.attr("strides", new long[] {strides[1], strides[2]}).attr("dilations", new long[] {dil[1], dil[2]})
                .attr("auto_pad", autoPad(op, attr));
        if (depthwise) {
            c.attr("group", (long) s[2]);
        }
        Val y = new Val(c.add(), 4, true);
        for (; k < fused.size(); k++) {
            String alpha = fused.get(k).equals("Prelu") ? in.get(arg++) : null;
            y = activation(fused.get(k), y, alpha, (float) attr.path("leakyrelu_alpha").path("f").asDouble(0.2));
        }
        put(y);
    }

    private Val activation(String act, Val x, String alphaConst, float leak) {
        String out = g.fresh(node);
        return switch (act) {
            case "Relu" -> new Val(g.node("Relu", List.of(x.onnx()), out).add(), x.rank(), x.nchw());
            case "Relu6" -> clip(x, 0f, 6f, out);
            case "Elu" -> new Val(g.node("Elu", List.of(x.onnx()), out).add(), x.rank(), x.nchw());
            case "LeakyRelu" -> new Val(g.node("LeakyRelu", List.of(x.onnx()), out).attr("alpha", leak).add(), x.rank(), x.nchw());
            case "Prelu" -> prelu(x, alphaConst, 0f, 1f, out);
            default -> throw fail("fused op", act + " is not supported");
        };
    }

    private void unary(String op, Val x) {
        put(new Val(g.node(op, List.of(x.onnx()), g.fresh(node)).add(), x.rank(), x.nchw()));
    }

    private void binary(String onnxOp, List<String> in) {
        boolean c0 = consts.containsKey(in.get(0));
        boolean c1 = consts.containsKey(in.get(1));
        if (c0 && c1) {
            throw fail(onnxOp, "has two constant operands; constant folding is not supported");
        }
        Val ref = c0 ? val(in.get(1)) : val(in.get(0));
        String a = c0 ? constFor(in.get(0), ref.nchw()) : val(in.get(0)).onnx();
        String b = c1 ? constFor(in.get(1), ref.nchw()) : val(in.get(1)).onnx();
        int rank = ref.rank();
        if (!c0 && !c1) {
            Val v0 = val(in.get(0));
            Val v1 = val(in.get(1));
            if (v0.nchw() != v1.nchw() && v0.rank() > 0 && v1.rank() > 0) {
                throw fail(onnxOp, "mixes an image tensor with a rank-" + (v0.nchw() ? v1.rank() : v0.rank()) + " tensor");
            }
            rank = Math.max(v0.rank(), v1.rank());
            ref = v0.nchw() ? v0 : v1;
        }
        put(new Val(g.node(onnxOp, List.of(a, b), g.fresh(node)).add(), rank, ref.nchw()));
    }

    private void reduce(String op, List<String> in, JsonNode attr) {
        Val x = val(in.get(0));
        boolean keep = attr.path("keep_dims").path("b").asBoolean(false);
        long[] axes = axes(constant(in.get(1)).requireInts(), x);
        String out = g.fresh(node);
        String onnx = switch (op) {
            case "Mean" -> g.node("ReduceMean", List.of(x.onnx()), out).attr("axes", axes).attr("keepdims", keep ? 1L : 0L).add();
            case "Max" -> g.node("ReduceMax", List.of(x.onnx()), out).attr("axes", axes).attr("keepdims", keep ? 1L : 0L).add();
            default -> g.node("ReduceSum", List.of(x.onnx(), g.longInit(g.fresh(node + "/axes"), new long[] {axes.length}, axes)),
                    out).attr("keepdims", keep ? 1L : 0L).add();
        };
        put(keep ? new Val(onnx, x.rank(), x.nchw()) : afterRemoving(onnx, x, axes, op));
    }

    private void squeeze(List<String> in, JsonNode attr) {
        Val x = val(in.get(0));
        long[] dims = ints(attr.path("squeeze_dims"), "Squeeze");
        if (dims.length == 0) {
            throw fail("Squeeze", "without squeeze_dims is not supported");
        }
        int[] d = new int[dims.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (int) dims[i];
        }
        long[] axes = axes(d, x);
        String out = g.node("Squeeze", List.of(x.onnx(), g.longInit(g.fresh(node + "/axes"), new long[] {axes.length}, axes)),
                g.fresh(node)).add();
        put(afterRemoving(out, x, axes, "Squeeze"));
    }

    private void reshape(List<String> in) {
        Val x = val(in.get(0));
        int[] shape = constant(in.get(1)).requireInts();
        String src = x.nchw() ? toNhwc(x.onnx()) : x.onnx();
        long[] s = new long[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape[i];
        }
        String r = g.node("Reshape", List.of(src, g.longInit(g.fresh(node + "/shape"), new long[] {s.length}, s)),
                g.fresh(node)).add();
        put(s.length == 4 ? new Val(g.node("Transpose", List.of(r), g.fresh(node + "/nchw"))
                .attr("perm", new long[] {0, 3, 1, 2}).add(), 4, true) : new Val(r, s.length, false));
    }

    private void matMul(List<String> in, JsonNode attr) {
        Val a = val(in.get(0));
        if (a.nchw() || a.rank() != 2) {
            throw fail("MatMul", "expects a rank-2 left operand");
        }
        String b = consts.containsKey(in.get(1)) ? constFor(in.get(1), false) : val(in.get(1)).onnx();
        List<String> fused = strings(attr.path("fused_ops"));
        List<String> gemmIn = new ArrayList<>(List.of(a.onnx(), b));
        int k = 0;
        if (!fused.isEmpty() && fused.get(0).equals("BiasAdd")) {
            gemmIn.add(constFor(in.get(2), false));
            k = 1;
        }
        Val y = new Val(g.node("Gemm", gemmIn, g.fresh(node + (k < fused.size() ? "/gemm" : "")))
                .attr("transA", attr.path("transpose_a").path("b").asBoolean(false) ? 1L : 0L)
                .attr("transB", attr.path("transpose_b").path("b").asBoolean(false) ? 1L : 0L).add(), 2, false);
        for (; k < fused.size(); k++) {
            y = activation(fused.get(k), y, fused.get(k).equals("Prelu") ? in.get(3) : null,
                    (float) attr.path("leakyrelu_alpha").path("f").asDouble(0.2));
        }
        put(y);
    }

    private void pad(List<String> in) {
        Val x = val(in.get(0));
        int[] p = constant(in.get(1)).requireInts();
        int r = p.length / 2;
        long[] pads = new long[2 * r];
        for (int i = 0; i < r; i++) {
            int axis = x.nchw() ? Layouts.nchwAxis(i) : i;
            pads[axis] = p[2 * i];
            pads[r + axis] = p[2 * i + 1];
        }
        List<String> args = new ArrayList<>(List.of(x.onnx(), g.longInit(g.fresh(node + "/pads"), new long[] {pads.length}, pads)));
        if (in.size() > 2) {
            args.add(constFor(in.get(2), false));
        }
        put(new Val(g.node("Pad", args, g.fresh(node)).attr("mode", "constant").add(), x.rank(), x.nchw()));
    }

    private void pool(String op, List<String> in, JsonNode attr) {
        checkNhwc(op, attr);
        Val x = val(in.get(0));
        long[] k = ints(attr.path("ksize"), op);
        long[] s = ints(attr.path("strides"), op);
        put(new Val(g.node(op.equals("MaxPool") ? "MaxPool" : "AveragePool", List.of(x.onnx()), g.fresh(node))
                .attr("kernel_shape", new long[] {k[1], k[2]}).attr("strides", new long[] {s[1], s[2]})
                .attr("auto_pad", autoPad(op, attr)).add(), 4, true));
    }

    private void concat(List<String> in) {
        List<String> parts = new ArrayList<>();
        Val first = val(in.get(0));
        for (String i : in.subList(0, in.size() - 1)) {
            parts.add(consts.containsKey(i) ? constFor(i, first.nchw()) : val(i).onnx());
        }
        int axis = constant(in.get(in.size() - 1)).requireInts()[0];
        long a = first.nchw() ? Layouts.nchwAxis(axis) : axis;
        put(new Val(g.node("Concat", parts, g.fresh(node)).attr("axis", a).add(), first.rank(), first.nchw()));
    }
}
