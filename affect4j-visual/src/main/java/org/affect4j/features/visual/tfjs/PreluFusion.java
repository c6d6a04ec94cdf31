package org.affect4j.features.visual.tfjs;

import java.util.List;
import java.util.Map;

/**
 * Finds PReLU activations that a TensorFlow graph spells out element-wise, so they can be converted as one PReLU
 * (see {@code TfOpConverter#prelu}) instead of five full-size ops. Keras/TF-Slim exports of MobileFaceNet (human-models'
 * {@code mobilefacenet}) write {@code prelu(x)} as
 *
 * <pre>
 *   add = Add(Relu(x), Mul(Sub(x, Abs(x)), a))          ("relu" form)
 * </pre>
 *
 * where {@code a} is a constant (the trained alpha times 0.5). Since {@code x - |x|} is 0 for {@code x >= 0} and
 * {@code 2x} below, this is {@code PRelu(x, slope = 2a)} (scaling by 2 is exact). TensorFlow's
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
 * wider; ONNX Runtime rejects the converted graph at session creation rather than computing something else.
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
    record Match(String add, String x, String alpha, float offset, List<String> absorbed) implements TfGraph.Fused {
    }

    private final TfGraph g;

    private PreluFusion(TfGraph g) {
        this.g = g;
    }

    /** The PReLU patterns among {@code order} (the nodes to convert), keyed by their Add node. */
    static Map<String, Match> find(TfGraph g, List<String> order) {
        return g.find(order, new PreluFusion(g)::match);
    }

    private Match match(String add) {
        if (!g.isOp(add, "Add", "AddV2")) {
            return null;
        }
        List<String> ai = g.inputs(add);
        if (ai.size() != 2) {
            return null;
        }
        for (int k = 0; k < 2; k++) {
            String p = ai.get(k);
            String q = ai.get(1 - k);
            if (!g.isOp(q, "Mul") || g.readers(q) != 1) {
                continue;
            }
            List<String> mi = g.inputs(q);
            if (mi.size() != 2) {
                continue;
            }
            for (int j = 0; j < 2; j++) {
                String sub = mi.get(j);
                String alpha = mi.get(1 - j);
                if (!g.isOp(sub, "Sub") || g.readers(sub) != 1 || !isAlpha(alpha)) {
                    continue;
                }
                List<String> si = g.inputs(sub);
                if (si.size() != 2) {
                    continue;
                }
                String x = si.get(0);
                String abs = si.get(1);
                if (!g.isOp(abs, "Abs") || g.readers(abs) != 1 || !g.inputs(abs).equals(List.of(x))) {
                    continue;
                }
                if (p.equals(x)) {
                    return new Match(add, x, alpha, 1f, List.of(q, sub, abs));
                }
                if (g.isOp(p, "Relu") && g.readers(p) == 1 && g.inputs(p).equals(List.of(x))) {
                    return new Match(add, x, alpha, 0f, List.of(p, q, sub, abs));
                }
            }
        }
        return null;
    }

    private boolean isAlpha(String name) {
        return g.floatConst(name, 1) != null;
    }
}
