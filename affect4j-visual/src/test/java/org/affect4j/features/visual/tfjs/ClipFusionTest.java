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
 * The Minimum/Maximum clamps of {@link ClipFusion} on a tiny graph: Keras' {@code clip_by_value(Relu(x), 0, 6)} and a
 * Relu-less clamp with the other nesting and operand order are found and converted to Clip with exactly the values of
 * the op-by-op TensorFlow computation; a Relu requested as an output stays out of it.
 */
class ClipFusionTest {
    @TempDir
    Path tmp;

    /** x[-1,2,2,3]; p = Maximum(Minimum(Relu(x), six), lo) with lo = -1; q = Minimum(hi, Maximum(p, lo2)). */
    private Path writeModel() throws Exception {
        String json = """
                {"format": "graph-model", "modelTopology": {"node": [
                  {"name": "x", "op": "Placeholder", "attr": {"shape": {"shape": {"dim": [{"size": "-1"}, {"size": "2"}, {"size": "2"}, {"size": "3"}]}}}},
                  {"name": "six", "op": "Const"}, {"name": "lo", "op": "Const"}, {"name": "lo2", "op": "Const"}, {"name": "hi", "op": "Const"},
                  {"name": "r", "op": "Relu", "input": ["x"]},
                  {"name": "mn", "op": "Minimum", "input": ["r", "six"]},
                  {"name": "p", "op": "Maximum", "input": ["mn:0", "lo"]},
                  {"name": "mx", "op": "Maximum", "input": ["p", "lo2"]},
                  {"name": "q", "op": "Minimum", "input": ["hi", "mx"]}
                ]},
                "weightsManifest": [{"paths": ["g.bin"], "weights": [
                  {"name": "six", "shape": [], "dtype": "float32"}, {"name": "lo", "shape": [], "dtype": "float32"},
                  {"name": "lo2", "shape": [1], "dtype": "float32"}, {"name": "hi", "shape": [], "dtype": "float32"}]}]}
                """;
        ByteBuffer buf = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        buf.putFloat(6f).putFloat(-1f).putFloat(0.5f).putFloat(4f);
        Files.write(tmp.resolve("g.bin"), buf.array());
        Path model = tmp.resolve("g.json");
        Files.writeString(model, json);
        return model;
    }

    @Test
    void bothNestingsAreFound() throws Exception {
        Path model = writeModel();
        JsonNode root = new ObjectMapper().readTree(model.toFile());
        Map<String, JsonNode> nodes = new LinkedHashMap<>();
        root.path("modelTopology").path("node").forEach(n -> nodes.put(n.path("name").asText(), n));
        List<String> order = List.of("x", "six", "lo", "lo2", "hi", "r", "mn", "p", "mx", "q");
        Map<String, TfjsTensor> w = TfjsWeights.load(root.get("weightsManifest"), tmp, model);

        Map<String, ClipFusion.Match> found = ClipFusion.find(new TfGraph(nodes, order, List.of("q"), w), order);
        assertEquals(new ClipFusion.Match("p", "x", 0f, 6f, List.of("mn", "r")), found.get("p"));
        assertEquals(new ClipFusion.Match("q", "p", 0.5f, 4f, List.of("mx")), found.get("q"));
        assertEquals(2, found.size());

        found = ClipFusion.find(new TfGraph(nodes, order, List.of("q", "r"), w), order);
        // a Relu read elsewhere stays, and the clamp keeps its own lower bound
        assertEquals(new ClipFusion.Match("p", "r", -1f, 6f, List.of("mn")), found.get("p"));
    }

    @Test
    void fusedAndUnfusedConversionsMatchTheOpByOpComputation() throws Exception {
        Path model = writeModel();
        float[] x = new float[2 * 2 * 2 * 3];
        Random r = new Random(7);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian() * 5;
        }
        float[] q = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            float p = Math.max(Math.min(Math.max(x[i], 0f), 6f), -1f);
            q[i] = Math.min(4f, Math.max(p, 0.5f));
        }
        for (List<String> outputs : List.of(List.of("q"), List.of("q", "r"))) {
            byte[] onnx = new TfjsGraphConverter(model).convert(outputs);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession s = env.createSession(onnx, new OrtSession.SessionOptions());
                 OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {2, 2, 2, 3});
                 OrtSession.Result res = s.run(Map.of("x", in))) {
                float[][][][] got = (float[][][][]) res.get("q").get().getValue();
                for (int i = 0; i < x.length; i++) {
                    assertEquals(q[i], got[i / 12][i / 6 % 2][i / 3 % 2][i % 3], 0f, outputs + " element " + i);
                }
            }
        }
    }
}
