package org.affect4j.models.onnx;

import org.affect4j.models.Precision;
import ai.djl.nn.core.Linear;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.affect4j.models.ExpressionNet;
import org.affect4j.models.PostNormEncoderLayer;
import org.affect4j.models.SinusoidalPositions;
import org.affect4j.models.TransformerModel;
import org.affect4j.onnx.OnnxGraphBuilder;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * A trained {@link ExpressionNet} with a Transformer encoder, copied into one ONNX graph and run by ONNX Runtime at
 * inference: fusion, input projection and positions, the encoder layers with padding keys masked as
 * {@link TransformerModel} masks them, the head. In {@link Precision#FLOAT32} its logits equal the DJL network's to
 * float rounding; in {@link Precision#INT8} the dense maps (~95 % of the arithmetic) run as 8-bit integer products,
 * several times the float32 rate on CPUs with VNNI or AMX, at the price of approximate logits (how close is measured,
 * not assumed: {@code ExpressionNetGraphTest}, the README). The weights are copied: later training does not reach
 * it. Thread-safe; close it to free the native session.
 */
public final class ExpressionNetGraph implements AutoCloseable {
    /** Added to the scores of padding keys, as {@link TransformerModel} adds it. */
    private static final float MASKED = -1e5f;

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final int inputs;
    private final int width;
    private final int classes;
    private final Precision precision;
    private volatile float[] positions = new float[0];

    /**
     * @param net       a network whose encoder is a {@link TransformerModel} (initialised or trained)
     * @param precision the arithmetic
     * @param threads   ONNX Runtime's threads for one call
     * @throws IllegalArgumentException for a network with another encoder
     */
    public ExpressionNetGraph(ExpressionNet net, Precision precision, int threads) {
        if (!(net.encoder() instanceof TransformerModel)) {
            throw new IllegalArgumentException("only a Transformer network runs in ONNX Runtime, got a "
                    + net.spec().type() + " network");
        }
        this.precision = precision;
        inputs = net.inputSize();
        width = ((TransformerModel) net.encoder()).outputSize();
        classes = net.spec().classes();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(graph(net, precision), o);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot run the network in ONNX Runtime: " + e.getMessage(), e);
        }
    }

    /** Whether {@code net} is one this class runs (a Transformer encoder). */
    public static boolean runs(ExpressionNet net) {
        return net.encoder() instanceof TransformerModel;
    }

    /** The arithmetic it runs in. */
    public Precision precision() {
        return precision;
    }

    /**
     * Logits of a batch, as the DJL network computes them without dropout.
     *
     * @param x     {@code [rows, length, inputs]} row-major
     * @param valid {@code [rows, length]}: 1 for a real frame, 0 for padding (masked as an attention key)
     * @return {@code [rows, length, classes]} row-major
     */
    public float[] logits(float[] x, float[] valid, int rows, int length) {
        if (x.length != rows * length * inputs || valid.length != rows * length) {
            throw new IllegalArgumentException("expected " + rows + "x" + length + "x" + inputs + " inputs and "
                    + rows + "x" + length + " validity values, got " + x.length + " and " + valid.length);
        }
        float[] pe = positions;
        if (pe.length != length * width) {
            pe = SinusoidalPositions.table(length, width);
            positions = pe;
        }
        try (OnnxTensor xt = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {rows, length, inputs});
             OnnxTensor vt = OnnxTensor.createTensor(env, FloatBuffer.wrap(valid), new long[] {rows, length});
             OnnxTensor pt = OnnxTensor.createTensor(env, FloatBuffer.wrap(pe), new long[] {length, width});
             OrtSession.Result r = session.run(java.util.Map.of("x", xt, "valid", vt, "positions", pt))) {
            FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] logits = new float[rows * length * classes];
            out.get(logits);
            return logits;
        } catch (OrtException e) {
            throw new IllegalStateException("the network in ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the network's session: " + e.getMessage(), e);
        }
    }

    /** Inputs {@code x [B, T, in]}, {@code valid [B, T]}, {@code positions [T, width]}; output {@code logits [B, T, C]}. */
    private static byte[] graph(ExpressionNet net, Precision precision) {
        TransformerModel encoder = (TransformerModel) net.encoder();
        int width = encoder.outputSize();
        OnnxGraphBuilder g = new OnnxGraphBuilder("expression-net");
        g.input("x", new long[] {-1, -1, net.inputSize()});
        g.input("valid", new long[] {-1, -1});
        g.input("positions", new long[] {-1, width});
        TransformerOnnx o = new TransformerOnnx(g, "", precision);
        // the maps into and out of the encoder stay float32: they see the raw features' outliers and make the
        // logits, and are a few per cent of the arithmetic
        TransformerOnnx exact = new TransformerOnnx(g, "", Precision.FLOAT32);
        String h = "x";
        for (Linear l : DjlWeights.linears(net.fusion())) h = o.op("Relu", exact.dense(h, DjlWeights.dense(l)));
        h = o.op("Add", o.dense(h, DjlWeights.dense(encoder.inputProjection())), "positions");
        // (valid - 1) * 1e5 as [B, 1, 1, T]: 0 for real keys, -1e5 for padding
        String offset = o.op("Mul", o.op("Sub", "valid", o.vector("one", new float[] {1f})), o.vector("masked", new float[] {-MASKED}));
        offset = o.op("Reshape", offset, g.longInit(g.fresh("shape"), new long[] {4}, new long[] {0, 1, 1, -1}));
        for (PostNormEncoderLayer l : encoder.layers()) h = o.layer(h, DjlWeights.layer(l), encoder.heads(), width, offset);
        List<Linear> head = DjlWeights.linears(net.head());
        for (int i = 0; i < head.size(); i++) {
            h = exact.dense(h, DjlWeights.dense(head.get(i)));
            if (i < head.size() - 1) h = o.op("Relu", h);
        }
        g.output(g.node("Identity", List.of(h), "logits").add(), new long[] {-1, -1, net.spec().classes()});
        return g.toBytes("affect4j", "expression-net");
    }
}
