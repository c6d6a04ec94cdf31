package org.affect4j.models.onnx;

import org.affect4j.models.Precision;
import org.affect4j.onnx.Int8Quantizer;
import org.affect4j.onnx.OnnxGraphBuilder;

import java.util.List;

/**
 * Writes the layers of our Transformers ({@link org.affect4j.models.TransformerModel}'s post-norm encoder layers,
 * dense maps, layer norms) as ONNX nodes over inputs of shape {@code [B, T, width]}, for ONNX Runtime to run: the
 * research networks at inference ({@link ExpressionNetGraph}) and the default model's voice members alike. In
 * {@link Precision#INT8} every dense map is one {@code DynamicQuantizeMatMul} (ONNX Runtime's dynamic quantisation:
 * the input's range measured per call, weights symmetric per output column), whose integer products run on the
 * CPU's VNNI / AMX units; attention scores, softmax and norms stay float32. Not thread-safe (one builder, one graph).
 */
public final class TransformerOnnx {
    private static final float EPS = 1e-5f;
    private static final String MS = "com.microsoft";

    /** A dense map {@code x W^T + b}, the weight as DJL and PyTorch store it: {@code [out, in]} row-major. */
    public record Dense(int in, int out, float[] weight, float[] bias) {
        public Dense {
            if (weight.length != in * out) {
                throw new IllegalArgumentException("weight has " + weight.length + " values, expected " + in + "x" + out);
            }
            if (bias.length != 0 && bias.length != out) {
                throw new IllegalArgumentException("bias has " + bias.length + " values, expected " + out);
            }
        }
    }

    /** One post-norm encoder layer's weights (PyTorch's {@code nn.TransformerEncoderLayer}, ReLU). */
    public record Layer(Dense query, Dense key, Dense value, Dense result, float[] norm1Gain, float[] norm1Shift,
                        Dense linear1, Dense linear2, float[] norm2Gain, float[] norm2Shift) {
    }

    private final OnnxGraphBuilder g;
    private final String prefix;
    private final Precision precision;

    /**
     * @param g         the graph to add nodes to
     * @param prefix    prefix of every name this writer makes (so several networks can share one graph)
     * @param precision arithmetic of the dense maps
     */
    public TransformerOnnx(OnnxGraphBuilder g, String prefix, Precision precision) {
        if (precision == Precision.BFLOAT16) {
            throw new IllegalArgumentException("a network in ONNX Runtime runs in float32 or int8, not bfloat16");
        }
        this.g = g;
        this.prefix = prefix;
        this.precision = precision;
    }

    /** A node of the default domain with one output. */
    public String op(String type, String... in) {
        return g.node(type, List.of(in), g.fresh(prefix + type)).add();
    }

    /** A float32 vector initialiser. */
    public String vector(String name, float[] v) {
        return g.floatInit(g.fresh(prefix + name), new long[] {v.length}, v);
    }

    private String longs(long... v) {
        return g.longInit(g.fresh(prefix + "shape"), new long[] {v.length}, v);
    }

    /** {@code x W^T + b} over the last axis of {@code x}. */
    public String dense(String x, Dense d) {
        return dense(x, d.in(), d.out(), d.weight(), d.bias());
    }

    private String dense(String x, int in, int out, float[] w, float[] b) {
        if (precision == Precision.INT8) {
            float[] scale = new float[out]; // per output unit: a trained layer's units differ in range tenfold
            byte[] rows = Int8Quantizer.symmetricPerRow(w, out, scale);
            byte[] q = new byte[in * out]; // [in, out]: MatMul's right-hand side
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) q[i * out + o] = rows[o * in + i];
            }
            String wq = g.tensorInit(g.fresh(prefix + "wq"), new long[] {in, out}, OnnxGraphBuilder.INT8, q);
            String zero = g.tensorInit(g.fresh(prefix + "zero"), new long[] {out}, OnnxGraphBuilder.INT8, new byte[out]);
            String bias = vector("b", b.length == 0 ? new float[out] : b);
            return g.node("DynamicQuantizeMatMul", List.of(x, wq, vector("scale", scale), zero, bias),
                    g.fresh(prefix + "DynamicQuantizeMatMul")).domain(MS).add();
        }
        float[] t = new float[in * out]; // [in, out]: MatMul's right-hand side
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) t[i * out + o] = w[o * in + i];
        }
        String y = op("MatMul", x, g.floatInit(g.fresh(prefix + "w"), new long[] {in, out}, t));
        return b.length == 0 ? y : op("Add", y, vector("b", b));
    }

    /**
     * One encoder layer over {@code x [B, T, width]}.
     *
     * @param keyOffset {@code [B, 1, 1, T]} added to the attention scores (0 for real keys, a large negative number
     *                  for padding), or null when every step is attended to
     */
    public String layer(String x, Layer l, int heads, int width, String keyOffset) {
        // the three projections as one product: one pass over x (and one quantisation of it in int8)
        Dense q = l.query(), k = l.key(), v = l.value();
        float[] w = new float[3 * width * q.in()];
        float[] b = new float[3 * width];
        int i = 0;
        for (Dense d : List.of(q, k, v)) {
            System.arraycopy(d.weight(), 0, w, i * width * d.in(), width * d.in());
            if (d.bias().length > 0) System.arraycopy(d.bias(), 0, b, i * width, width);
            i++;
        }
        String qkv = dense(x, q.in(), 3 * width, w, b);
        List<String> parts = List.of(g.fresh(prefix + "q"), g.fresh(prefix + "k"), g.fresh(prefix + "v"));
        g.node("Split", List.of(qkv, g.longInit(g.fresh(prefix + "split"), new long[] {3}, new long[] {width, width, width})),
                parts).attr("axis", -1L).add();
        String qh = split(parts.get(0), heads, width), vh = split(parts.get(2), heads, width);
        String kt = g.node("Transpose", List.of(op("Reshape", parts.get(1), longs(0, 0, heads, width / heads))),
                g.fresh(prefix + "Transpose")).attr("perm", new long[] {0, 2, 3, 1}).add();
        // the scale folded into the queries: T x dh multiplications instead of T x T
        String scores = op("MatMul", op("Mul", qh, vector("scale", new float[] {(float) (1.0 / Math.sqrt((double) width / heads))})), kt);
        if (keyOffset != null) scores = op("Add", scores, keyOffset);
        String p = g.node("Softmax", List.of(scores), g.fresh(prefix + "Softmax")).attr("axis", -1L).add();
        String ctx = g.node("Transpose", List.of(op("MatMul", p, vh)), g.fresh(prefix + "Transpose"))
                .attr("perm", new long[] {0, 2, 1, 3}).add();
        ctx = op("Reshape", ctx, longs(0, 0, width));
        String a = norm(op("Add", dense(ctx, l.result()), x), l.norm1Gain(), l.norm1Shift());
        String f = dense(op("Relu", dense(a, l.linear1())), l.linear2());
        return norm(op("Add", f, a), l.norm2Gain(), l.norm2Shift());
    }

    /** {@code [B, T, width]} to {@code [B, heads, T, width / heads]}. */
    private String split(String x, int heads, int width) {
        String r = op("Reshape", x, longs(0, 0, heads, width / heads));
        return g.node("Transpose", List.of(r), g.fresh(prefix + "Transpose")).attr("perm", new long[] {0, 2, 1, 3}).add();
    }

    /** LayerNorm over the last axis (eps 1e-5), in the form ONNX Runtime fuses into one kernel. */
    public String norm(String x, float[] gain, float[] shift) {
        String mean = g.node("ReduceMean", List.of(x), g.fresh(prefix + "ReduceMean")).attr("axes", new long[] {-1}).add();
        String d = op("Sub", x, mean);
        String var = g.node("ReduceMean", List.of(op("Pow", d, vector("two", new float[] {2f}))),
                g.fresh(prefix + "ReduceMean")).attr("axes", new long[] {-1}).add();
        String sd = op("Sqrt", op("Add", var, vector("eps", new float[] {EPS})));
        return op("Add", op("Mul", op("Div", d, sd), vector("gain", gain)), vector("shift", shift));
    }
}
