package org.affect4j.features.visual.tfjs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds clamps that a TensorFlow graph spells out as {@code Maximum(Minimum(x, hi), lo)} or
 * {@code Minimum(Maximum(x, lo), hi)} (Keras' {@code relu(max_value=6)}: {@code clip_by_value(Relu(x), 0, 6)}, as in
 * human-models' {@code faceres}, a MobileNet), optionally preceded by a {@code Relu}, so they become one ONNX
 * {@code Clip}. ONNX Runtime fuses a {@code Clip} into the convolution before it; the separate Minimum and Maximum
 * it cannot fuse cost two passes over each feature map and, worse, keep it from running the convolutions in its
 * blocked (NCHWc) layout without a re-ordering before and after each one.
 *
 * <p>{@code lo} and {@code hi} must be float {@code Const}s with one element, operands in either order; a leading
 * {@code Relu} raises {@code lo} to at least 0 ({@code clamp(max(x, 0), lo, hi) = clamp(x, max(lo, 0), hi)}); the
 * match is dropped if the bounds cross. Intermediate nodes must be read only inside the pattern and not be requested
 * outputs. The result is exactly that of the op-by-op computation.
 */
final class ClipFusion {
    /**
     * One fused clamp.
     *
     * @param out      the outer Minimum/Maximum node, whose value the Clip computes
     * @param x        the clamped value (TF node name)
     * @param lo       lower bound
     * @param hi       upper bound
     * @param absorbed the inner Minimum/Maximum and the Relu, if any
     */
    record Match(String out, String x, float lo, float hi, List<String> absorbed) implements TfGraph.Fused {
    }

    private final TfGraph g;

    private ClipFusion(TfGraph g) {
        this.g = g;
    }

    /** The clamp patterns among {@code order} (the nodes to convert), keyed by their outer node. */
    static Map<String, Match> find(TfGraph g, List<String> order) {
        return g.find(order, new ClipFusion(g)::match);
    }

    /** A binary node's non-constant operand and the value of its single-element float constant operand. */
    private record Bound(String other, float value) {
    }

    private Match match(String out) {
        boolean outerMax = g.isOp(out, "Maximum");
        if (!outerMax && !g.isOp(out, "Minimum")) {
            return null;
        }
        Bound outer = bound(out);
        if (outer == null || !g.isOp(outer.other, outerMax ? "Minimum" : "Maximum") || g.readers(outer.other) != 1) {
            return null;
        }
        Bound inner = bound(outer.other);
        if (inner == null) {
            return null;
        }
        float lo = outerMax ? outer.value : inner.value;
        float hi = outerMax ? inner.value : outer.value;
        List<String> absorbed = new ArrayList<>(List.of(outer.other));
        String x = inner.other;
        if (g.isOp(x, "Relu") && g.readers(x) == 1) {
            absorbed.add(x);
            x = g.inputs(x).get(0);
            lo = Math.max(lo, 0f);
        }
        return lo <= hi ? new Match(out, x, lo, hi, absorbed) : null;
    }

    private Bound bound(String node) {
        List<String> in = g.inputs(node);
        if (in.size() != 2) {
            return null;
        }
        for (int k = 0; k < 2; k++) {
            TfjsTensor c = g.floatConst(in.get(k), 1);
            if (c != null && c.floats().length == 1 && !g.isOp(in.get(1 - k), "Const")) {
                return new Bound(in.get(1 - k), c.floats()[0]);
            }
        }
        return null;
    }
}
