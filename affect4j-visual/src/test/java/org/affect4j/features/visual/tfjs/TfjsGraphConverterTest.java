package org.affect4j.features.visual.tfjs;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Converts small synthetic TensorFlow.js graph models and checks the ONNX result against a naive NHWC reference
 * written here, covering the layout changes (filters, per-channel constants, reduction axes) and TF's SAME padding.
 */
class TfjsGraphConverterTest {
    @TempDir
    Path tmp;

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** x[1,5,5,2] -> depthwise 3x3 stride 2 SAME (multiplier 2) -> Conv2D 3x3 stride 1 SAME -> *scale[3] -> Relu -> Mean[1,2]. */
    private Path writeModel(float[] dw, float[] conv, float[] scale, String extraOp) throws Exception {
        String pad = b64("SAME");
        String fmt = b64("NHWC");
        String json = """
                {"format": "graph-model", "modelTopology": {"node": [
                  {"name": "x", "op": "Placeholder", "attr": {"shape": {"shape": {"dim": [{"size": "-1"}, {"size": "5"}, {"size": "5"}, {"size": "2"}]}}}},
                  {"name": "dw", "op": "Const"}, {"name": "k", "op": "Const"}, {"name": "s", "op": "Const"}, {"name": "axes", "op": "Const"},
                  {"name": "d", "op": "DepthwiseConv2dNative", "input": ["x", "dw"], "attr": {"strides": {"list": {"i": ["1", "2", "2", "1"]}}, "padding": {"s": "PAD"}, "data_format": {"s": "FMT"}}},
                  {"name": "c", "op": "Conv2D", "input": ["d", "k"], "attr": {"strides": {"list": {"i": ["1", "1", "1", "1"]}}, "padding": {"s": "PAD"}, "data_format": {"s": "FMT"}}},
                  {"name": "m", "op": "Mul", "input": ["s", "c"]},
                  {"name": "r", "op": "EXTRA", "input": ["m"]},
                  {"name": "out", "op": "Mean", "input": ["r", "axes"], "attr": {"keep_dims": {"b": false}}}
                ]},
                "weightsManifest": [{"paths": ["g.bin"], "weights": [
                  {"name": "dw", "shape": [3, 3, 2, 2], "dtype": "float32"},
                  {"name": "k", "shape": [3, 3, 4, 3], "dtype": "float32", "quantization": {"dtype": "float16", "original_dtype": "float32"}},
                  {"name": "s", "shape": [3], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1.0}},
                  {"name": "axes", "shape": [2], "dtype": "int32"}]}]}
                """.replace("PAD", pad).replace("FMT", fmt).replace("EXTRA", extraOp);
        ByteBuffer b = ByteBuffer.allocate(dw.length * 4 + conv.length * 2 + 3 + 8).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : dw) {
            b.putFloat(v);
        }
        for (float v : conv) {
            b.putShort(floatToHalf(v));
        }
        for (float v : scale) {
            b.put((byte) Math.round((v + 1.0) / 0.5));
        }
        b.putInt(1).putInt(2);
        Files.write(tmp.resolve("g.bin"), b.array());
        Path model = tmp.resolve("g.json");
        Files.writeString(model, json);
        return model;
    }

    @Test
    void convertedGraphMatchesANaiveNhwcReference() throws Exception {
        Random r = new Random(3);
        float[] dw = new float[3 * 3 * 2 * 2];
        float[] conv = new float[3 * 3 * 4 * 3];
        for (int i = 0; i < dw.length; i++) {
            dw[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < conv.length; i++) {
            conv[i] = halfToFloatViaCast((float) r.nextGaussian()); // values exactly representable as float16
        }
        float[] scale = {-1f, 0.5f, 2f}; // exactly representable by the uint8 quantisation
        Path model = writeModel(dw, conv, scale, "Relu");
        byte[] onnx = new TfjsGraphConverter(model).convert(List.of("out"));

        float[] x = new float[5 * 5 * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        float[] expected = reference(x, dw, conv, scale);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(onnx, new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, 5, 5, 2});
             OrtSession.Result res = s.run(Map.of("x", in))) {
            float[][] got = (float[][]) res.get(0).getValue();
            assertEquals(3, got[0].length);
            for (int c = 0; c < 3; c++) {
                assertEquals(expected[c], got[0][c], 1e-4, "channel " + c);
            }
        }
    }

    @Test
    void unsupportedOpIsNamedWithFileAndNode() throws Exception {
        Path model = writeModel(new float[36], new float[108], new float[] {0, 0, 0}, "Erfinv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TfjsGraphConverter(model).convert(List.of("out")));
        assertTrue(e.getMessage().contains("g.json") && e.getMessage().contains("node r") && e.getMessage().contains("Erfinv"),
                e.getMessage());
    }

    @Test
    void unknownOutputAndMissingShardAreReported() throws Exception {
        Path model = writeModel(new float[36], new float[108], new float[] {0, 0, 0}, "Relu");
        assertThrows(IllegalArgumentException.class, () -> new TfjsGraphConverter(model).convert(List.of("nope")));
        Files.delete(tmp.resolve("g.bin"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TfjsGraphConverter(model).convert(List.of("out")));
        assertTrue(e.getMessage().contains("g.bin"), e.getMessage());
    }

    @Test
    void halfFloatDecodingIsExact() {
        assertEquals(1.0f, TfjsWeights.halfToFloat((short) 0x3c00));
        assertEquals(-2.0f, TfjsWeights.halfToFloat((short) 0xc000));
        assertEquals(65504f, TfjsWeights.halfToFloat((short) 0x7bff));
        assertEquals(0x1p-24f, TfjsWeights.halfToFloat((short) 0x0001));
        assertEquals(Float.POSITIVE_INFINITY, TfjsWeights.halfToFloat((short) 0x7c00));
        assertTrue(Float.isNaN(TfjsWeights.halfToFloat((short) 0x7e00)));
    }

    /** Naive NHWC: depthwise (stride 2, SAME) -> conv (stride 1, SAME) -> per-channel scale -> relu -> spatial mean. */
    private static float[] reference(float[] x, float[] dw, float[] k, float[] scale) {
        int h = 5, w = 5, cin = 2, m = 2;
        int oh = 3, ow = 3; // ceil(5/2); SAME pad total = (3-1)*2+3-5 = 2 -> 1 before, 1 after
        double[] d = new double[oh * ow * cin * m];
        for (int y = 0; y < oh; y++) {
            for (int xx = 0; xx < ow; xx++) {
                for (int c = 0; c < cin; c++) {
                    for (int j = 0; j < m; j++) {
                        double s = 0;
                        for (int ky = 0; ky < 3; ky++) {
                            for (int kx = 0; kx < 3; kx++) {
                                int iy = y * 2 - 1 + ky, ix = xx * 2 - 1 + kx;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                    s += x[(iy * w + ix) * cin + c] * dw[((ky * 3 + kx) * cin + c) * m + j];
                                }
                            }
                        }
                        d[(y * ow + xx) * cin * m + c * m + j] = s;
                    }
                }
            }
        }
        int c1 = cin * m, c2 = 3;
        float[] mean = new float[c2];
        for (int y = 0; y < oh; y++) {
            for (int xx = 0; xx < ow; xx++) {
                for (int o = 0; o < c2; o++) {
                    double s = 0;
                    for (int ky = 0; ky < 3; ky++) {
                        for (int kx = 0; kx < 3; kx++) {
                            int iy = y - 1 + ky, ix = xx - 1 + kx;
                            if (iy >= 0 && iy < oh && ix >= 0 && ix < ow) {
                                for (int i = 0; i < c1; i++) {
                                    s += d[(iy * ow + ix) * c1 + i] * k[((ky * 3 + kx) * c1 + i) * c2 + o];
                                }
                            }
                        }
                    }
                    mean[o] += (float) Math.max(0, s * scale[o]) / (oh * ow);
                }
            }
        }
        return mean;
    }

    private static float halfToFloatViaCast(float v) {
        return TfjsWeights.halfToFloat(floatToHalf(v));
    }

    /** Float to binary16, truncating the mantissa (test values are then exactly representable). */
    private static short floatToHalf(float v) {
        int bits = Float.floatToRawIntBits(v);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        int mant = (bits >>> 13) & 0x3ff;
        if (exp <= 0) {
            return (short) sign;
        }
        if (exp >= 31) {
            return (short) (sign | 0x7bff);
        }
        return (short) (sign | (exp << 10) | mant);
    }
}
