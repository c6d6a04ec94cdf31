package org.affect4j.features.visual.tfjs;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The element-wise PReLU spellings of {@link PreluFusion} on a tiny graph: both forms (relu and identity, with the
 * operands of Add and Mul in either order) are found and converted to PRelu with the same values as the op-by-op
 * TensorFlow computation; an intermediate node requested as an output blocks the fusion.
 */
class PreluFusionTest {
    @TempDir
    Path tmp;

    private static final float[] A = {0.125f, -0.25f, 0.3f};
    private static final float[] B = {0.05f, 0.5f, -0.1f};

    /** x[-1,2,2,3]; p = Add(Mul(a, Sub(x, Abs(x))), Relu(x)); q = AddV2(p, Mul(Sub(p, Abs(p)), b)). */
    private Path writeModel() throws Exception {
        String json = """
                {"format": "graph-model", "modelTopology": {"node": [
                  {"name": "x", "op": "Placeholder", "attr": {"shape": {"shape": {"dim": [{"size": "-1"}, {"size": "2"}, {"size": "2"}, {"size": "3"}]}}}},
                  {"name": "a", "op": "Const"}, {"name": "b", "op": "Const"},
                  {"name": "r", "op": "Relu", "input": ["x"]},
                  {"name": "ab", "op": "Abs", "input": ["x"]},
                  {"name": "s", "op": "Sub", "input": ["x", "ab"]},
                  {"name": "m", "op": "Mul", "input": ["a", "s"]},
                  {"name": "p", "op": "Add", "input": ["m", "r"]},
                  {"name": "ab2", "op": "Abs", "input": ["p:0"]},
                  {"name": "s2", "op": "Sub", "input": ["p", "ab2"]},
                  {"name": "m2", "op": "Mul", "input": ["s2", "b"]},
                  {"name": "q", "op": "AddV2", "input": ["p", "m2"]}
                ]},
                "weightsManifest": [{"paths": ["g.bin"], "weights": [
                  {"name": "a", "shape": [3], "dtype": "float32"}, {"name": "b", "shape": [3], "dtype": "float32"}]}]}
                """;
        ByteBuffer buf = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : A) {
            buf.putFloat(v);
        }
        for (float v : B) {
            buf.putFloat(v);
        }
        Files.write(tmp.resolve("g.bin"), buf.array());
        Path model = tmp.resolve("g.json");
        Files.writeString(model, json);
        return model;
    }

    @Test
    void bothFormsAreFound() throws Exception {
        Path model = writeModel();
        JsonNode root = new ObjectMapper().readTree(model.toFile());
        Map<String, JsonNode> nodes = new LinkedHashMap<>();
        root.path("modelTopology").path("node").forEach(n -> nodes.put(n.path("name").asText(), n));
        List<String> order = List.of("x", "a", "b", "r", "ab", "s", "m", "p", "ab2", "s2", "m2", "q");
        Map<String, TfjsTensor> w = TfjsWeights.load(root.get("weightsManifest"), tmp, model);

        Map<String, PreluFusion.Match> found = PreluFusion.find(new TfGraph(nodes, order, List.of("q"), w), order);
        assertEquals(new PreluFusion.Match("p", "x", "a", 0f, List.of("r", "m", "s", "ab")), found.get("p"));
        assertEquals(new PreluFusion.Match("q", "p", "b", 1f, List.of("m2", "s2", "ab2")), found.get("q"));
        assertEquals(2, found.size());

        // an intermediate requested as an output is still needed: that pattern is left op by op
        found = PreluFusion.find(new TfGraph(nodes, order, List.of("q", "ab"), w), order);
        assertEquals(List.of("q"), List.copyOf(found.keySet()));
    }

    @Test
    void fusedAndUnfusedConversionsMatchTheOpByOpComputation() throws Exception {
        Path model = writeModel();
        float[] x = new float[2 * 2 * 2 * 3];
        Random r = new Random(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        x[0] = 0f;
        float[] q = new float[x.length];
        float[] p = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = i % 3;
            p[i] = A[c] * (x[i] - Math.abs(x[i])) + Math.max(0f, x[i]);
            q[i] = p[i] + (p[i] - Math.abs(p[i])) * B[c];
        }
        for (List<String> outputs : List.of(List.of("q"), List.of("q", "ab"))) {
            byte[] onnx = new TfjsGraphConverter(model).convert(outputs);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession s = env.createSession(onnx, new OrtSession.SessionOptions());
                 OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {2, 2, 2, 3});
                 OrtSession.Result res = s.run(Map.of("x", in))) {
                float[][][][] got = (float[][][][]) res.get("q").get().getValue();
                for (int i = 0; i < x.length; i++) {
                    assertEquals(q[i], got[i / 12][i / 6 % 2][i / 3 % 2][i % 3], 1e-6, outputs + " element " + i);
                }
            }
        }
    }
}
