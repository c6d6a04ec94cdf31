package org.affect4j.features.visual.tfjs;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Read-only queries on the part of a TensorFlow graph being converted, for the pattern matchers ({@link PreluFusion},
 * {@link ClipFusion}): a node's op and data inputs, and how many converted nodes (or requested outputs) read it.
 */
final class TfGraph {
    /** Nodes converted together as one ONNX op that computes the value of the node the match is keyed by. */
    interface Fused {
        /** The other nodes of the group, which are not converted themselves. */
        List<String> absorbed();
    }

    private final Map<String, JsonNode> nodes;
    private final Map<String, TfjsTensor> weights;
    private final Map<String, Integer> readers = new HashMap<>();

    /**
     * @param order   the nodes to convert (readers are counted among them only)
     * @param outputs the requested outputs, each counted as one more reader
     */
    TfGraph(Map<String, JsonNode> nodes, List<String> order, List<String> outputs, Map<String, TfjsTensor> weights) {
        this.nodes = nodes;
        this.weights = weights;
        for (String n : order) {
            for (String in : inputs(n)) {
                readers.merge(in, 1, Integer::sum);
            }
        }
        outputs.forEach(o -> readers.merge(o, 1, Integer::sum));
    }

    /**
     * Runs {@code match} on every node of {@code order} (topological) and keeps the matches, keyed by the node they
     * compute, whose nodes are not already part of an earlier match.
     */
    <M extends Fused> Map<String, M> find(List<String> order, Function<String, M> match) {
        Map<String, M> r = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (String n : order) {
            M m = match.apply(n);
            if (m != null && m.absorbed().stream().noneMatch(taken::contains)) {
                taken.add(n);
                taken.addAll(m.absorbed());
                r.put(n, m);
            }
        }
        return r;
    }

    boolean isOp(String name, String... ops) {
        JsonNode n = nodes.get(name);
        if (n == null) {
            return false;
        }
        String op = n.path("op").asText();
        for (String o : ops) {
            if (o.equals(op)) {
                return true;
            }
        }
        return false;
    }

    int readers(String name) {
        return readers.getOrDefault(name, 0);
    }

    /** Data inputs of a node (control inputs dropped, {@code :0} suffixes stripped). */
    List<String> inputs(String name) {
        List<String> r = new ArrayList<>();
        nodes.get(name).path("input").forEach(i -> {
            if (!i.asText().startsWith("^")) {
                r.add(TfjsGraphConverter.strip(i.asText()));
            }
        });
        return r;
    }

    /** The float weights of {@code name} if it is a float {@code Const} of rank at most {@code maxRank}, else null. */
    TfjsTensor floatConst(String name, int maxRank) {
        TfjsTensor t = weights.get(name);
        return isOp(name, "Const") && t != null && t.floats() != null && t.shape().length <= maxRank ? t : null;
    }
}
