package org.affect4j.features.visual.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import org.affect4j.onnx.OnnxGraphBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The value table of one TensorFlow-to-ONNX conversion: what each TensorFlow value has become so far, a constant
 * (weights, converted lazily to the layout of whatever consumes it) or an activation (its ONNX name, rank, and
 * whether a rank-4 activation is held as NCHW), with the layout helpers and the TensorFlow attribute decoding the
 * op conversions of {@link TfOpConverter} share.
 */
class TfValues {
    /** A converted activation: its ONNX name, rank, and whether a rank-4 value is stored NCHW. */
    record Val(String onnx, int rank, boolean nchw) {
    }

    final OnnxGraphBuilder g;
    final Map<String, TfjsTensor> weights;
    final String file;
    final Map<String, Val> vals = new HashMap<>();
    final Map<String, TfjsTensor> consts = new HashMap<>();
    final Map<String, String> constInits = new HashMap<>();
    /** The TensorFlow node being converted (named in error messages). */
    String node;

    TfValues(OnnxGraphBuilder g, Map<String, TfjsTensor> weights, String file) {
        this.g = g;
        this.weights = weights;
        this.file = file;
    }

    /** Axes of a TF reduction in the layout {@code x} is stored in, non-negative. */
    long[] axes(int[] tfAxes, Val x) {
        long[] r = new long[tfAxes.length];
        for (int i = 0; i < r.length; i++) {
            int a = tfAxes[i] < 0 ? tfAxes[i] + x.rank : tfAxes[i];
            r[i] = x.nchw ? Layouts.nchwAxis(a) : a;
        }
        return r;
    }

    /** The value left after removing {@code onnxAxes} from {@code x}; NCHW inputs must leave dims in TF order. */
    Val afterRemoving(String onnx, Val x, long[] onnxAxes, String op) {
        int rank = x.rank - onnxAxes.length;
        if (x.nchw) {
            List<Integer> keptNhwc = new ArrayList<>();
            for (int a = 0; a < 4; a++) {
                boolean removed = false;
                for (long r : onnxAxes) {
                    removed |= r == Layouts.nchwAxis(a);
                }
                if (!removed) {
                    keptNhwc.add(Layouts.nchwAxis(a));
                }
            }
            for (int i = 1; i < keptNhwc.size(); i++) {
                if (keptNhwc.get(i) < keptNhwc.get(i - 1)) {
                    throw fail(op, "leaves image axes in an order that differs between NHWC and NCHW");
                }
            }
        }
        return new Val(onnx, rank, false);
    }

    /** An initialiser holding constant {@code tfName}, laid out for an NCHW (or plain) partner. */
    String constFor(String tfName, boolean nchw) {
        TfjsTensor t = constant(tfName);
        return constInits.computeIfAbsent(tfName + (nchw ? "#nchw" : "#plain"), k -> {
            float[] v = t.floats() != null ? t.floats() : toFloats(t.ints());
            if (nchw) {
                Object[] r = Layouts.nhwcConstToNchw(v, t.shape());
                return g.floatInit(g.fresh(tfName), (long[]) r[0], (float[]) r[1]);
            }
            return g.floatInit(g.fresh(tfName), Layouts.toLongs(t.shape()), v);
        });
    }

    String scalar(float v) {
        return constInits.computeIfAbsent("#scalar" + v, k -> g.floatInit(g.fresh("scalar"), new long[0], new float[] {v}));
    }

    String toNhwc(String x) {
        return g.node("Transpose", List.of(x), g.fresh(node + "/nhwc")).attr("perm", new long[] {0, 2, 3, 1}).add();
    }

    void alias(String in) {
        if (consts.containsKey(in)) {
            consts.put(node, consts.get(in));
        } else {
            put(val(in));
        }
    }

    void put(Val v) {
        vals.put(node, v);
    }

    Val val(String tfName) {
        Val v = vals.get(tfName);
        if (v == null) {
            throw fail("input", tfName + (consts.containsKey(tfName) ? " is a constant where a computed value is expected"
                    : " has not been converted"));
        }
        return v;
    }

    TfjsTensor constant(String tfName) {
        TfjsTensor t = consts.get(tfName);
        if (t == null) {
            throw fail("input", tfName + " must be a constant (weights) for this op");
        }
        return t;
    }

    String autoPad(String op, JsonNode attr) {
        String p = decode(attr.path("padding").path("s").asText("VkFMSUQ="));
        return switch (p) {
            case "SAME" -> "SAME_UPPER"; // TF puts the odd extra padding row/column at the end, as SAME_UPPER does
            case "VALID" -> "VALID";
            default -> throw fail(op, "uses padding " + p + "; only SAME and VALID are supported");
        };
    }

    void checkNhwc(String op, JsonNode attr) {
        String fmt = decode(attr.path("data_format").path("s").asText("TkhXQw=="));
        if (!fmt.equals("NHWC")) {
            throw fail(op, "uses data_format " + fmt + "; only NHWC is supported");
        }
    }

    long[] ints(JsonNode listAttr, String op) {
        JsonNode list = listAttr.path("list").path("i");
        long[] r = new long[list.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = list.get(i).asLong();
        }
        return r;
    }

    static List<String> strings(JsonNode listAttr) {
        List<String> r = new ArrayList<>();
        listAttr.path("list").path("s").forEach(s -> r.add(decode(s.asText())));
        return r;
    }

    static String decode(String b64) {
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }

    static float[] toFloats(int[] v) {
        float[] r = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[i];
        }
        return r;
    }

    IllegalArgumentException fail(String op, String what) {
        return new IllegalArgumentException(file + ": node " + node + " (" + op + ") " + what);
    }
}
