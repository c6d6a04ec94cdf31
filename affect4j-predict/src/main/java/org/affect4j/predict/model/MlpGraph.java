package org.affect4j.predict.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.affect4j.onnx.OnnxGraphBuilder;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A perceptron head ({@link MlpHead}, or a {@link MeanHead} of them) run by ONNX Runtime: one graph computing every
 * member's softmax and their mean, as {@link org.affect4j.linear.MlpClassifier#probabilities} does. The shipped
 * face head reads 1,728 features through three 256-unit perceptrons, ~1.3 M multiply-adds a frame: ~0.9 CPU-ms in
 * Java (no vectorised reduction, least of all under the launcher's C1-only JIT), ~0.1-0.2 in ONNX Runtime's matrix
 * kernels. Making the session costs ~70 ms, so a caller uses it for long inputs only. Same probabilities to float
 * rounding (a test compares the two). Thread-safe; close it to free the native session.
 */
public final class MlpGraph implements Head.Scorer, AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final int features;
    private final int[] classIndex;
    /** Rows per run: enough to share out the per-call cost, few enough to keep its buffers small. */
    private static final int BATCH = 256;

    /**
     * @param head a perceptron or a mean of perceptrons ({@link #runs(Head)})
     * @throws IllegalArgumentException for any other head
     */
    public MlpGraph(Head head) {
        if (!runs(head)) throw new IllegalArgumentException("not a perceptron head: " + head.getClass().getSimpleName());
        features = head.features();
        classIndex = head.classIndex();
        session = GraphSessions.singleThreaded(env, graph(members(head), features), "the face head");
    }

    /** Whether {@code head} is one this class runs: a perceptron, or a mean of perceptrons. */
    public static boolean runs(Head head) {
        return head instanceof MlpHead || head instanceof MeanHead m && m.members().stream().allMatch(h -> h instanceof MlpHead);
    }

    private static List<MlpHead> members(Head head) {
        if (head instanceof MlpHead m) return List.of(m);
        return ((MeanHead) head).members().stream().map(h -> (MlpHead) h).toList();
    }

    @Override
    public double[] probabilities(float[] row) {
        return probabilities(new float[][] {row})[0];
    }

    /**
     * One run per {@value #BATCH} rows: a run of one row costs ~0.27 CPU-ms, nearly all of it per-call and per-node
     * overhead, which a batch shares out (a 60 s video scores 1,798 rows).
     */
    @Override
    public double[][] probabilities(float[][] rows) {
        double[][] out = new double[rows.length][];
        for (int from = 0; from < rows.length; from += BATCH) {
            int n = Math.min(BATCH, rows.length - from);
            FloatBuffer x = FloatBuffer.allocate(n * features);
            for (int i = from; i < from + n; i++) {
                if (rows[i].length != features) {
                    throw new IllegalArgumentException("example has " + rows[i].length + " features, model expects " + features);
                }
                x.put(rows[i]);
            }
            x.flip();
            try (OnnxTensor t = OnnxTensor.createTensor(env, x, new long[] {n, features});
                 OrtSession.Result r = session.run(Map.of("x", t))) {
                float[][] p = (float[][]) r.get(0).getValue();
                for (int i = 0; i < n; i++) {
                    double[] q = new double[p[i].length];
                    for (int c = 0; c < q.length; c++) q[c] = p[i][c];
                    out[from + i] = Head.toAbaw(q, classIndex);
                }
            } catch (OrtException e) {
                throw new IllegalStateException("face head: ONNX Runtime failed: " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the face head's session: " + e.getMessage(), e);
        }
    }

    /** Input {@code x [N, features]}, output {@code p [N, classes]}: the members' mean softmax. */
    private static byte[] graph(List<MlpHead> members, int d) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("mlp-head");
        g.input("x", new long[] {-1, d});
        List<String> softmax = new ArrayList<>();
        for (MlpHead m : members) {
            String z = node(g, "Sub", "x", g.floatInit(g.fresh("mean"), new long[] {d}, m.mean()));
            z = node(g, "Div", z, g.floatInit(g.fresh("std"), new long[] {d}, m.std()));
            z = node(g, "Relu", dense(g, z, m.w1(), m.b1(), m.hidden(), d));
            z = dense(g, z, m.w2(), m.b2(), m.b2().length, m.hidden());
            softmax.add(g.node("Softmax", List.of(z), g.fresh("Softmax")).attr("axis", -1L).add());
        }
        String sum = softmax.size() == 1 ? softmax.get(0) : g.node("Sum", softmax, g.fresh("Sum")).add();
        String mean = node(g, "Mul", sum, g.floatInit(g.fresh("share"), new long[] {1}, new float[] {1f / members.size()}));
        g.output(g.node("Identity", List.of(mean), "p").add(), new long[] {-1, members.get(0).b2().length});
        return g.toBytes("affect4j", "mlp-head");
    }

    private static String node(OnnxGraphBuilder g, String type, String... in) {
        return g.node(type, List.of(in), g.fresh(type)).add();
    }

    /** {@code x W^T + b}, the weight as stored ({@code [out, in]} row-major), transposed by the op. */
    private static String dense(OnnxGraphBuilder g, String x, float[] w, float[] b, int out, int in) {
        String wt = g.floatInit(g.fresh("w"), new long[] {out, in}, w);
        return g.node("Gemm", List.of(x, wt, g.floatInit(g.fresh("b"), new long[] {out}, b)), g.fresh("Gemm"))
                .attr("transB", 1L).add();
    }
}
