package org.affect4j.predict.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.affect4j.models.Precision;
import org.affect4j.models.onnx.TransformerOnnx;
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
        try (OnnxTensor xt = OnnxTensor.createTensor(env, FloatBuffer.wrap(in), new long[] {1, t, inputs});
             OnnxTensor vt = OnnxTensor.createTensor(env, FloatBuffer.wrap(valid), new long[] {1, t, 1});
             OnnxTensor pt = OnnxTensor.createTensor(env, FloatBuffer.wrap(pe), new long[] {t, width});
             OrtSession.Result r = session.run(Map.of("x", xt, "valid", vt, "positions", pt))) {
            float[][][] out = new float[members][][];
            for (int m = 0; m < members; m++) out[m] = ((float[][][]) r.get(m).getValue())[0];
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

    /** The members as one graph: inputs {@code x [1, T, in]}, {@code valid [1, T, 1]}, {@code positions [T, width]}. */
    private static byte[] graph(List<TransformerNet> nets) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("voice-encoder");
        int width = nets.get(0).width();
        g.input("x", new long[] {1, -1, nets.get(0).inputs()});
        g.input("valid", new long[] {1, -1, 1});
        g.input("positions", new long[] {-1, width});
        for (int m = 0; m < nets.size(); m++) {
            TransformerNet n = nets.get(m);
            TransformerOnnx o = new TransformerOnnx(g, "m" + m, Precision.FLOAT32);
            String z = o.op("Sub", "x", o.vector("mean", n.mean()));
            z = o.op("Mul", o.op("Div", z, o.vector("std", n.std())), "valid"); // an invalid row: the mean, 0 standardised
            String h = o.op("Relu", o.dense(z, dense(n.fusion())));
            h = o.op("Add", o.dense(h, dense(n.projection())), "positions");
            for (TransformerNet.Layer l : n.layers()) h = o.layer(h, layer(l), n.heads(), width, null);
            String out = o.dense(h, dense(n.output()));
            g.output(g.node("Identity", List.of(out), "logits" + m).add(), new long[] {1, -1, n.classes()});
        }
        return g.toBytes("affect4j", "voice-encoder");
    }

    private static TransformerOnnx.Dense dense(TransformerNet.Dense d) {
        return new TransformerOnnx.Dense(d.in(), d.out(), d.weight(), d.bias());
    }

    private static TransformerOnnx.Layer layer(TransformerNet.Layer l) {
        return new TransformerOnnx.Layer(dense(l.query()), dense(l.key()), dense(l.value()), dense(l.result()),
                l.norm1Gain(), l.norm1Shift(), dense(l.linear1()), dense(l.linear2()), l.norm2Gain(), l.norm2Shift());
    }
}
