package org.affect4j.features.visual.tfjs;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds PReLU activations that a TensorFlow graph spells out element-wise, so they can be converted to one ONNX
 * {@code PRelu} instead of five full-size ops. Keras/TF-Slim exports of MobileFaceNet (human-models'
 * {@code mobilefacenet}) write {@code prelu(x)} as
 *
 * <pre>
 *   add = Add(Relu(x), Mul(Sub(x, Abs(x)), a))          ("relu" form)
 * </pre>
 *
 * where {@code a} is a constant (the trained alpha times 0.5). Since {@code x - |x|} is 0 for {@code x >= 0} and
 * {@code 2x} below, this is {@code PRelu(x, slope = 2a)}, bit for bit (scaling by 2 is exact). TensorFlow's
 * graph optimiser sometimes folds that Relu into the producing convolution ({@code fused_ops [BiasAdd, Relu]}) and
 * leaves
 *
 * <pre>
 *   add = Add(x, Mul(Sub(x, Abs(x)), a))                 ("identity" form)
 * </pre>
 *
 * which is {@code x} for {@code x >= 0} and {@code (1 + 2a) x} below, i.e. {@code PRelu(x, slope = 1 + 2a)}.
 *
 * <p>Both operand orders of Add and Mul are accepted. A match requires {@code a} to be a float {@code Const} of rank 0
 * or 1 (a per-channel constant broadcasting along TF's last axis), and every intermediate node (Relu, Abs, Sub,
 * Mul) to be read only inside the pattern and not requested as an output; otherwise the nodes are converted one by one
 * as before. A rank-1 slope that did not match {@code x}'s channel count would have made TF broadcast {@code x}
 * wider; ONNX Runtime rejects such a PRelu at session creation rather than computing something else.
 */
final class PreluFusion {
    /**
     * One fused PReLU.
     *
     * @param add      the Add node whose value the PRelu computes
     * @param x        the PReLU's input value (TF node name)
     * @param alpha    the Const node holding {@code a}
     * @param offset   slope = {@code offset + 2 a}: 0 for the relu form, 1 for the identity form
     * @param absorbed the intermediate nodes (Relu, Abs, Sub, Mul) that are not converted
     */
    record Match(String add, String x, String alpha, float offset, List<String> absorbed) {
        /** The slope for alpha constant values {@code a}. */
        float[] slope(float[] a) {
            float[] s = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                s[i] = offset + 2 * a[i];
            }
            return s;
        }
    }

    private final Map<String, JsonNode> nodes;
    private final Map<String, TfjsTensor> weights;
    private final Map<String, Integer> readers = new HashMap<>();

    private PreluFusion(Map<String, JsonNode> nodes, Map<String, TfjsTensor> weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /**
     * The PReLU patterns among {@code order} (the nodes to convert), keyed by their Add node.
     *
     * @param outputs the requested outputs; an intermediate node that is an output blocks its match
     */
    static Map<String, Match> find(Map<String, JsonNode> nodes, List<String> order, List<String> outputs,
                                   Map<String, TfjsTensor> weights) {
        PreluFusion f = new PreluFusion(nodes, weights);
        for (String n : order) {
            for (String in : f.inputs(n)) {
                f.readers.merge(in, 1, Integer::sum);
            }
        }
        outputs.forEach(o -> f.readers.merge(o, 1, Integer::sum));
        Map<String, Match> r = new LinkedHashMap<>();
        Set<String> absorbed = new HashSet<>();
        for (String n : order) {
            Match m = f.match(n);
            if (m != null && m.absorbed.stream().noneMatch(absorbed::contains)) {
                absorbed.addAll(m.absorbed);
                r.put(n, m);
            }
        }
        return r;
    }

    private Match match(String add) {
        if (!isOp(add, "Add", "AddV2")) {
            return null;
        }
        List<String> ai = inputs(add);
        if (ai.size() != 2) {
            return null;
        }
        for (int k = 0; k < 2; k++) {
            String p = ai.get(k);
            String q = ai.get(1 - k);
            if (!isOp(q, "Mul") || readers(q) != 1) {
                continue;
            }
            List<String> mi = inputs(q);
            if (mi.size() != 2) {
                continue;
            }
            for (int j = 0; j < 2; j++) {
                String sub = mi.get(j);
                String alpha = mi.get(1 - j);
                if (!isOp(sub, "Sub") || readers(sub) != 1 || !isAlpha(alpha)) {
                    continue;
                }
                List<String> si = inputs(sub);
                if (si.size() != 2) {
                    continue;
                }
                String x = si.get(0);
                String abs = si.get(1);
                if (!isOp(abs, "Abs") || readers(abs) != 1 || !inputs(abs).equals(List.of(x))) {
                    continue;
                }
                if (p.equals(x)) {
                    return new Match(add, x, alpha, 1f, List.of(q, sub, abs));
                }
                if (isOp(p, "Relu") && readers(p) == 1 && inputs(p).equals(List.of(x))) {
                    return new Match(add, x, alpha, 0f, List.of(p, q, sub, abs));
                }
            }
        }
        return null;
    }

    private boolean isAlpha(String name) {
        TfjsTensor t = weights.get(name);
        return isOp(name, "Const") && t != null && t.floats() != null && t.shape().length <= 1;
    }

    private boolean isOp(String name, String... ops) {
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

    private int readers(String name) {
        return readers.getOrDefault(name, 0);
    }

    /** Data inputs of a node (control inputs dropped, {@code :0} suffixes stripped). */
    private List<String> inputs(String name) {
        List<String> r = new ArrayList<>();
        nodes.get(name).path("input").forEach(i -> {
            if (!i.asText().startsWith("^")) {
                r.add(TfjsGraphConverter.strip(i.asText()));
            }
        });
        return r;
    }
}
