package org.affect4j.predict.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.affect4j.onnx.OnnxGraphBuilder;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link TransformerNet}s run by ONNX Runtime: the members of a {@link VoiceEncoder} written as one ONNX graph (each
 * member's layers as {@link TransformerNet#logits} computes them, every step attended to) and read segment by segment.
 * ONNX Runtime's matrix kernels take the 60 s clip's voice from ~1.5-2 CPU-s in plain Java (the launcher's C1-only JIT
 * does not vectorise) to a fraction of that, with the same logits to float rounding (a test compares the two).
 * Thread-safe; close it to free the native session.
 */
final class TransformerGraph implements AutoCloseable {
    private static final float EPS = 1e-5f;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final int members;
    private final int inputs;
    private final int width;
    private final Map<Integer, float[]> positions = new HashMap<>();

    /** @param nets the members (same inputs, width and classes) */
    TransformerGraph(List<TransformerNet> nets) {
        members = nets.size();
        inputs = nets.get(0).inputs();
        width = nets.get(0).width();
        for (TransformerNet n : nets) {
            if (n.inputs() != inputs || n.width() != width) throw new IllegalArgumentException("members differ in shape");
        }
        session = GraphSessions.singleThreaded(env, graph(nets), "the voice encoder");
    }

    /**
     * Every member's logits of one segment.
     *
     * @param x per step the raw (unstandardised) inputs, or null where the row is invalid (read as the member's
     *          training mean, as {@link VoiceEncoder} feeds it)
     * @return {@code [member][step][class]}
     */
    float[][][] logits(float[][] x) {
        int t = x.length;
        float[] in = new float[t * inputs], valid = new float[t];
        for (int s = 0; s < t; s++) {
            if (x[s] == null) continue;
            if (x[s].length != inputs) throw new IllegalArgumentException("step " + s + " has " + x[s].length + " values, expected " + inputs);
            System.arraycopy(x[s], 0, in, s * inputs, inputs);
            valid[s] = 1;
        }
        float[] pe;
        synchronized (positions) {
            pe = positions.computeIfAbsent(t, n -> org.affect4j.models.SinusoidalPositions.table(n, width));
        }
        try (OnnxTensor xt = OnnxTensor.createTensor(env, FloatBuffer.wrap(in), new long[] {t, inputs});
             OnnxTensor vt = OnnxTensor.createTensor(env, FloatBuffer.wrap(valid), new long[] {t, 1});
             OnnxTensor pt = OnnxTensor.createTensor(env, FloatBuffer.wrap(pe), new long[] {t, width});
             OrtSession.Result r = session.run(Map.of("x", xt, "valid", vt, "positions", pt))) {
            float[][][] out = new float[members][][];
            for (int m = 0; m < members; m++) out[m] = (float[][]) r.get(m).getValue();
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("voice encoder: ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the voice encoder's session: " + e.getMessage(), e);
        }
    }

    /** The members as one graph: inputs {@code x [T, in]}, {@code valid [T, 1]}, {@code positions [T, width]}. */
    private static byte[] graph(List<TransformerNet> nets) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("voice-encoder");
        int width = nets.get(0).width();
        g.input("x", new long[] {-1, nets.get(0).inputs()});
        g.input("valid", new long[] {-1, 1});
        g.input("positions", new long[] {-1, width});
        for (int m = 0; m < nets.size(); m++) {
            TransformerNet n = nets.get(m);
            Ops o = new Ops(g, "m" + m);
            String z = o.op("Sub", "x", o.vector("mean", n.mean()));
            z = o.op("Mul", o.op("Div", z, o.vector("std", n.std())), "valid"); // an invalid row: the mean, 0 standardised
            String h = o.op("Relu", o.dense(z, n.fusion()));
            h = o.op("Add", o.dense(h, n.projection()), "positions");
            for (TransformerNet.Layer l : n.layers()) h = o.layer(h, l, n.heads(), width);
            String out = o.dense(h, n.output());
            g.output(g.node("Identity", List.of(out), "logits" + m).add(), new long[] {-1, n.classes()});
        }
        return g.toBytes("affect4j", "voice-encoder");
    }

    /** Node helpers over one member's weights (names prefixed so members do not collide). */
    private record Ops(OnnxGraphBuilder g, String prefix) {
        String op(String type, String... in) {
            return g.node(type, List.of(in), g.fresh(prefix + type)).add();
        }

        String vector(String name, float[] v) {
            return g.floatInit(g.fresh(prefix + name), new long[] {v.length}, v);
        }

        String longs(String name, long... v) {
            return g.longInit(g.fresh(prefix + name), new long[] {v.length}, v);
        }

        /** {@code x W^T + b} as one Gemm, the weight as stored ({@code [out, in]}, transposed by the op). */
        String dense(String x, TransformerNet.Dense d) {
            String w = g.floatInit(g.fresh(prefix + "w"), new long[] {d.out(), d.in()}, d.weight());
            List<String> in = d.bias().length == 0 ? List.of(x, w) : List.of(x, w, vector("b", d.bias()));
            return g.node("Gemm", in, g.fresh(prefix + "Gemm")).attr("transB", 1L).add();
        }

        /** {@code [T, width]} to {@code [heads, T, width / heads]}. */
        String split(String x, int heads, int width) {
            String r = op("Reshape", x, longs("shape", 0, heads, width / heads));
            return g.node("Transpose", List.of(r), g.fresh(prefix + "Transpose")).attr("perm", new long[] {1, 0, 2}).add();
        }

        String layer(String x, TransformerNet.Layer l, int heads, int width) {
            String q = split(dense(x, l.query()), heads, width), k = split(dense(x, l.key()), heads, width);
            String v = split(dense(x, l.value()), heads, width);
            String kt = g.node("Transpose", List.of(k), g.fresh(prefix + "Transpose")).attr("perm", new long[] {0, 2, 1}).add();
            String scale = vector("scale", new float[] {(float) (1.0 / Math.sqrt((double) width / heads))});
            String p = g.node("Softmax", List.of(op("Mul", op("MatMul", q, kt), scale)), g.fresh(prefix + "Softmax"))
                    .attr("axis", -1L).add();
            String ctx = g.node("Transpose", List.of(op("MatMul", p, v)), g.fresh(prefix + "Transpose"))
                    .attr("perm", new long[] {1, 0, 2}).add();
            ctx = op("Reshape", ctx, longs("shape", 0, width));
            String a = norm(op("Add", dense(ctx, l.result()), x), l.norm1Gain(), l.norm1Shift());
            String f = dense(op("Relu", dense(a, l.linear1())), l.linear2());
            return norm(op("Add", f, a), l.norm2Gain(), l.norm2Shift());
        }

        /** LayerNorm over the last axis, in the form ONNX Runtime fuses into one kernel. */
        String norm(String x, float[] gain, float[] shift) {
            String mean = g.node("ReduceMean", List.of(x), g.fresh(prefix + "ReduceMean")).attr("axes", new long[] {-1}).add();
            String d = op("Sub", x, mean);
            String var = g.node("ReduceMean", List.of(op("Pow", d, vector("two", new float[] {2f}))),
                    g.fresh(prefix + "ReduceMean")).attr("axes", new long[] {-1}).add();
            String sd = op("Sqrt", op("Add", var, vector("eps", new float[] {EPS})));
            return op("Add", op("Mul", op("Div", d, sd), vector("gain", gain)), vector("shift", shift));
        }
    }
}
