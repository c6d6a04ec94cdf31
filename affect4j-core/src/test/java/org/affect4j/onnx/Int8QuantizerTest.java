package org.affect4j.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quantiser on a small graph shaped like the converted MobileNet of {@code faceres} (conv, batch norm, ReLU6). */
class Int8QuantizerTest {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    /** x [N,3,8,8] -> conv 3x3 -> Mul/Add -> Clip 0..6 -> depthwise 3x3 -> Mul/Add -> Clip -> mean over H, W. */
    static byte[] smallNet() {
        Random r = new Random(7);
        OnnxGraphBuilder g = new OnnxGraphBuilder("small");
        g.input("x", new long[] {-1, 3, 8, 8});
        String lo = g.floatInit("lo", new long[0], new float[] {0f});
        String hi = g.floatInit("hi", new long[0], new float[] {6f});
        String t = "x";
        int in = 3;
        for (int layer = 0; layer < 2; layer++) {
            boolean depthwise = layer == 1;
            float[] w = new float[4 * (depthwise ? 1 : in) * 9];
            for (int i = 0; i < w.length; i++) w[i] = (r.nextFloat() - 0.5f) * (depthwise ? 0.6f : 0.8f);
            String wn = g.floatInit("w" + layer, new long[] {4, depthwise ? 1 : in, 3, 3}, w);
            t = g.node("Conv", List.of(t, wn), "conv" + layer).attr("pads", new long[] {1, 1, 1, 1})
                    .attr("group", depthwise ? 4 : 1).add();
            float[] m = new float[4];
            float[] a = new float[4];
            for (int c = 0; c < 4; c++) {
                m[c] = 0.5f + 1.5f * r.nextFloat();
                a[c] = r.nextFloat();
            }
            t = g.node("Mul", List.of(t, g.floatInit("m" + layer, new long[] {4, 1, 1}, m)), "mul" + layer).add();
            t = g.node("Add", List.of(t, g.floatInit("a" + layer, new long[] {4, 1, 1}, a)), "add" + layer).add();
            t = g.node("Clip", List.of(t, lo, hi), "relu6_" + layer).add();
            in = 4;
        }
        g.node("ReduceMean", List.of(t), "y").attr("axes", new long[] {2, 3}).attr("keepdims", 0).add();
        g.output("y", null);
        return g.toBytes("test", "1");
    }

    static float[] run(byte[] model, float[] x, int n) throws Exception {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            try (OrtSession s = ENV.createSession(model, o);
                 OnnxTensor in = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(x), new long[] {n, 3, 8, 8});
                 OrtSession.Result res = s.run(Map.of("x", in))) {
                FloatBuffer fb = ((OnnxTensor) res.get(0)).getFloatBuffer();
                float[] y = new float[fb.remaining()];
                fb.get(y);
                return y;
            }
        }
    }

    private static float[] input(int n) {
        Random r = new Random(11);
        float[] x = new float[n * 3 * 64];
        for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        return x;
    }

    @Test
    void readingAndWritingAModelKeepsItsOutputs() throws Exception {
        byte[] m = smallNet();
        byte[] again = OnnxModel.read(m).toBytes("test", "1");
        assertEquals(OnnxModel.opTypes(m), OnnxModel.opTypes(again));
        assertArrayEquals(run(m, input(3), 3), run(again, input(3), 3), 0f);
    }

    @Test
    void quantisedConvolutionsKeepTheOutputsToQuantisationError() throws Exception {
        byte[] m = smallNet();
        Int8Quantizer q = new Int8Quantizer(Map.of("x", new float[] {0f, 1f}));
        byte[] qm = q.quantize(m);
        assertEquals(new Int8Quantizer.Report(2, 2, 4), q.report());
        List<String> ops = OnnxModel.opTypes(qm);
        assertFalse(ops.contains("Mul") || ops.contains("Add"), "batch norm folded: " + ops);
        // input and both ReLU6 outputs quantised; weights and biases dequantised per channel
        assertEquals(3, Collections.frequency(ops, "QuantizeLinear"), ops.toString());
        assertEquals(3 + 2 + 2, Collections.frequency(ops, "DequantizeLinear"), ops.toString());
        long int8 = OnnxModel.read(qm).initializers().values().stream()
                .filter(t -> t.dataType() == OnnxGraphBuilder.INT8 && t.size() > 4).count();
        assertEquals(2, int8, "both weight tensors stored as int8");

        int n = 4;
        float[] x = input(n);
        float[] ref = run(m, x, n);
        float[] got = run(qm, x, n);
        // one quantisation step of a ReLU6 output is 6/255 = 0.024; the mean over 64 positions averages it down
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], got[i], 0.03, "output " + i);
        }
        assertTrue(maxAbsDiff(ref, got) > 0, "the quantised graph computes something else than the float one");
    }

    @Test
    void convolutionsWithoutAKnownInputRangeStayFloat() throws Exception {
        byte[] m = smallNet();
        Int8Quantizer q = new Int8Quantizer(Map.of());
        byte[] qm = q.quantize(m);
        // the first convolution's input range is unknown; the second's is the first clamp's
        assertEquals(new Int8Quantizer.Report(2, 1, 4), q.report());
        assertArrayEquals(run(m, input(2), 2), run(qm, input(2), 2), 0.03f);
    }

    @Test
    void aWeightAndBiasSharedByTwoConvolutionsAreQuantisedForEach() throws Exception {
        // x [N,3,8,8] -> conv(w, b) -> Clip 0..1 -> conv(w, b) again -> Clip 0..6 -> mean: one weight and one bias,
        // read by two convolutions whose inputs have different ranges ([0, 1] and [0, 1]), so different bias scales
        Random r = new Random(3);
        OnnxGraphBuilder g = new OnnxGraphBuilder("shared");
        g.input("x", new long[] {-1, 3, 8, 8});
        float[] w = new float[3 * 3 * 9], bias = new float[3];
        for (int i = 0; i < w.length; i++) w[i] = (r.nextFloat() - 0.5f) * 0.8f;
        for (int i = 0; i < bias.length; i++) bias[i] = r.nextFloat() * 0.2f;
        String wn = g.floatInit("w", new long[] {3, 3, 3, 3}, w), bn = g.floatInit("b", new long[] {3}, bias);
        String t = g.node("Conv", List.of("x", wn, bn), "conv0").attr("pads", new long[] {1, 1, 1, 1}).add();
        t = g.node("Clip", List.of(t, g.floatInit("lo", new long[0], new float[] {0f}), g.floatInit("one", new long[0],
                new float[] {1f})), "clip0").add();
        t = g.node("Conv", List.of(t, wn, bn), "conv1").attr("pads", new long[] {1, 1, 1, 1}).add();
        t = g.node("Clip", List.of(t, "lo", g.floatInit("six", new long[0], new float[] {6f})), "clip1").add();
        g.node("ReduceMean", List.of(t), "y").attr("axes", new long[] {2, 3}).attr("keepdims", 0).add();
        g.output("y", null);
        byte[] m = g.toBytes("test", "1");
        Int8Quantizer q = new Int8Quantizer(Map.of("x", new float[] {0f, 1f}));
        byte[] qm = q.quantize(m);
        assertEquals(2, q.report().quantised());
        float[] x = input(3);
        float[] ref = run(m, x, 3), got = run(qm, x, 3); // before: two nodes wrote w_dq, and the graph did not load
        for (int i = 0; i < ref.length; i++) assertEquals(ref[i], got[i], 0.03, "output " + i);
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
        return d;
    }
}
