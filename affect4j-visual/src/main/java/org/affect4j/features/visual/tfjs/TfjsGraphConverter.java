package org.affect4j.features.visual.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.affect4j.onnx.OnnxGraphBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts a TensorFlow.js graph model ({@code model.json} with its {@code .bin} shards) to ONNX.
 *
 * <p>The TensorFlow graph is channels-last; ONNX convolutions are channels-first. The converted graph transposes the
 * NHWC input once to NCHW, computes every rank-4 activation in NCHW (filters and per-channel constants are re-ordered
 * at conversion time, see {@link Layouts}), and transposes back only where a rank-4 tensor leaves the graph. Only the
 * nodes needed for the requested outputs are converted. The op set covered is the one used by the human-models face
 * nets (see {@link TfOpConverter}); an unknown op fails with a message naming the file, node and op. PReLUs spelt
 * out element-wise (Relu/Abs/Sub/Mul/Add) become a single ONNX {@code PRelu} (see {@link PreluFusion}), clamps spelt
 * out as Minimum/Maximum a single {@code Clip} (see {@link ClipFusion}).
 *
 * <p>Outputs keep their TensorFlow names (without {@code :0}), e.g. {@code global_pooling/Mean}; the input keeps its
 * placeholder name and its NHWC shape.
 */
public final class TfjsGraphConverter {
    private final Path modelJson;

    /** @param modelJson the graph model's {@code NAME.json}; its weight shards are looked up beside it */
    public TfjsGraphConverter(Path modelJson) {
        this.modelJson = modelJson;
    }

    /**
     * Converts the graph, keeping only what {@code outputs} need.
     *
     * @param outputs TensorFlow node names to expose; empty means the model's signature outputs
     * @return ONNX model bytes
     * @throws IllegalArgumentException on a malformed model, an unknown output name or an unsupported op
     */
    public byte[] convert(List<String> outputs) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(modelJson.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + modelJson + ": " + e.getMessage(), e);
        }
        JsonNode nodeList = root.path("modelTopology").path("node");
        if (!nodeList.isArray() || nodeList.isEmpty()) {
            throw new IllegalArgumentException(modelJson + " is not a TensorFlow.js graph model (no modelTopology.node)");
        }
        Map<String, TfjsTensor> weights = TfjsWeights.load(root.get("weightsManifest"), modelJson.getParent(), modelJson);
        Map<String, JsonNode> nodes = new LinkedHashMap<>();
        nodeList.forEach(n -> nodes.put(n.path("name").asText(), n));
        List<String> wanted = outputs.isEmpty() ? signatureOutputs(root) : outputs.stream().map(TfjsGraphConverter::strip).toList();
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException(modelJson + ": no outputs requested and the model has no signature");
        }
        String fileName = modelJson.getFileName().toString();
        OnnxGraphBuilder g = new OnnxGraphBuilder(fileName);
        TfOpConverter ops = new TfOpConverter(g, weights, fileName);
        List<String> order = topologicalOrder(nodes, wanted);
        TfGraph graph = new TfGraph(nodes, order, wanted, weights);
        Map<String, TfGraph.Fused> fused = new HashMap<>(PreluFusion.find(graph, order));
        fused.putAll(ClipFusion.find(graph, order)); // disjoint from the PReLUs: other ops at the root and inside
        Set<String> absorbed = new HashSet<>();
        fused.values().forEach(m -> absorbed.addAll(m.absorbed()));
        for (String name : order) {
            TfGraph.Fused m = fused.get(name);
            if (m instanceof PreluFusion.Match p) {
                ops.prelu(p);
            } else if (m instanceof ClipFusion.Match c) {
                ops.clip(c);
            } else if (!absorbed.contains(name)) {
                ops.convert(nodes.get(name));
            }
        }
        for (String out : wanted) {
            ops.exposeOutput(out);
        }
        return g.toBytes("affect4j TfjsGraphConverter", "1");
    }

    /** Output names from {@code signature.outputs} or {@code userDefinedMetadata.signature.outputs}. */
    static List<String> signatureOutputs(JsonNode root) {
        JsonNode sig = root.path("signature").path("outputs");
        if (sig.isMissingNode() || sig.isEmpty()) {
            sig = root.path("userDefinedMetadata").path("signature").path("outputs");
        }
        List<String> r = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = sig.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            r.add(strip(e.getValue().path("name").asText(e.getKey())));
        }
        return r;
    }

    /** Node name of a TensorFlow input reference ({@code name:0}, {@code ^name} for control inputs). */
    static String strip(String ref) {
        String s = ref.startsWith("^") ? ref.substring(1) : ref;
        int colon = s.lastIndexOf(':');
        return colon > 0 && s.substring(colon + 1).chars().allMatch(Character::isDigit) ? s.substring(0, colon) : s;
    }

    /** The nodes {@code wanted} depend on, each after its inputs (iterative DFS: graphs can be deep). */
    private List<String> topologicalOrder(Map<String, JsonNode> nodes, List<String> wanted) {
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> onStack = new HashSet<>();
        for (String w : wanted) {
            if (!nodes.containsKey(w)) {
                throw new IllegalArgumentException(modelJson + ": output " + w + " is not a node of the graph");
            }
            List<String[]> stack = new ArrayList<>();
            Map<String, Integer> next = new HashMap<>();
            stack.add(new String[] {w});
            while (!stack.isEmpty()) {
                String n = stack.get(stack.size() - 1)[0];
                if (done.contains(n)) {
                    stack.remove(stack.size() - 1);
                    continue;
                }
                onStack.add(n);
                JsonNode ins = nodes.get(n).path("input");
                int i = next.getOrDefault(n, 0);
                while (i < ins.size() && (ins.get(i).asText().startsWith("^") || done.contains(strip(ins.get(i).asText())))) {
                    i++;
                }
                if (i < ins.size()) {
                    next.put(n, i + 1);
                    String in = strip(ins.get(i).asText());
                    if (!nodes.containsKey(in)) {
                        throw new IllegalArgumentException(modelJson + ": node " + n + " reads " + in + ", which does not exist");
                    }
                    if (onStack.contains(in)) {
                        throw new IllegalArgumentException(modelJson + ": the graph has a cycle through " + in);
                    }
                    stack.add(new String[] {in});
                } else {
                    stack.remove(stack.size() - 1);
                    onStack.remove(n);
                    done.add(n);
                    order.add(n);
                }
            }
        }
        return order;
    }
}
