package org.affect4j.predict.model;

import org.affect4j.linear.SoftmaxRegression;
import org.affect4j.store.FeatureMatrix;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The voice branch as a temporal model: the descriptor rows resampled to a fixed step rate (step {@code s} takes the
 * row nearest to {@code s / stepRate} seconds, so a 25 frames/s video feeds its rows as they are and an audio file's
 * 100 rows/s give every fourth), cut into consecutive segments of {@code segmentSteps} (positions restart in each,
 * as the research predictor cuts videos) and read by one or more {@link TransformerNet}s (members trained from
 * different seeds; their probabilities are averaged), each seeing every step of a segment (an invalid row as the
 * training mean, as the research trainer feeds it). Speech rows take the probabilities of their nearest step; other
 * rows get none.
 *
 * <p>A recording of {@link #GRAPH_FROM_SEGMENTS} segments or more is read by ONNX Runtime ({@link TransformerGraph}:
 * the members as one graph, made on first need and freed by {@link #close()}); a shorter one by the members in plain
 * Java ({@link TransformerNet#logits}), which has nothing to set up. Making the graph costs ~0.3-0.5 CPU-s in a fresh
 * JVM, about what plain Java takes for three segments of five members; past that the graph is ~30x faster (the
 * launcher's C1-only JIT does not vectorise). The two give the same logits to float rounding (tested), so a
 * recording's result depends on its length only, never on what was read before. Thread-safe.
 */
@JsonPropertyOrder({"nets", "stepRate", "segmentSteps", "classIndex"})
public final class VoiceEncoder implements AutoCloseable {
    private final java.util.List<TransformerNet> nets;
    private final double stepRate;
    private final int segmentSteps;
    private final int[] classIndex;
    private TransformerGraph graph;
    /** Recordings of this many segments or more are read by ONNX Runtime (see the class comment). */
    public static final int GRAPH_FROM_SEGMENTS = 4;

    /**
     * @param nets         the members (per-step logits over the ABAW classes; same inputs and classes)
     * @param stepRate     steps per second the network was trained on
     * @param segmentSteps steps per segment
     * @param classIndex   the classes the networks were trained on (ABAW indices): the softmax runs over their logits,
     *                     every other class gets probability 0, as a regression head gives only its own classes
     */
    @JsonCreator
    public VoiceEncoder(@JsonProperty("nets") java.util.List<TransformerNet> nets, @JsonProperty("stepRate") double stepRate,
                        @JsonProperty("segmentSteps") int segmentSteps, @JsonProperty("classIndex") int[] classIndex) {
        nets = java.util.List.copyOf(nets);
        if (classIndex == null || classIndex.length == 0) throw new IllegalArgumentException("voice encoder needs its classes");
        Head.checkClasses(classIndex, classIndex.length);
        if (!(stepRate > 0) || segmentSteps < 1) throw new IllegalArgumentException("voice encoder needs a positive step rate and segment length");
        TransformerNet first = nets.isEmpty() ? null : nets.get(0);
        if (first == null || nets.stream().anyMatch(n -> n.inputs() != first.inputs() || n.classes() != first.classes()
                || n.width() != first.width())) {
            throw new IllegalArgumentException("voice encoder needs one or more networks with the same inputs, width and classes");
        }
        for (int c : classIndex) {
            if (c >= first.classes()) throw new IllegalArgumentException("class " + c + " is not among the networks' " + first.classes() + " outputs");
        }
        this.nets = nets;
        this.stepRate = stepRate;
        this.segmentSteps = segmentSteps;
        this.classIndex = classIndex;
    }

    /** The members. */
    @JsonProperty("nets")
    public java.util.List<TransformerNet> nets() {
        return nets;
    }

    /** Steps per second the networks were trained on. */
    @JsonProperty("stepRate")
    public double stepRate() {
        return stepRate;
    }

    /** Steps per segment. */
    @JsonProperty("segmentSteps")
    public int segmentSteps() {
        return segmentSteps;
    }

    /** The ABAW indices of the networks' classes. */
    @JsonProperty("classIndex")
    public int[] classIndex() {
        return classIndex;
    }

    /** Frees the members' ONNX Runtime session, if one was made (a later call makes a new one). */
    @Override
    public synchronized void close() {
        if (graph != null) graph.close();
        graph = null;
    }

    private synchronized TransformerGraph graph() {
        if (graph == null) graph = new TransformerGraph(nets);
        return graph;
    }

    /** Input width of the networks. */
    public int inputs() {
        return nets.get(0).inputs();
    }

    /**
     * The network's input steps of a row sequence ({@link #resample}).
     *
     * @param rows   per step, the nearest row's values, or null where that row is invalid
     * @param speech per step, whether that row is valid speech (the steps the recipe labels)
     */
    public record Steps(float[][] rows, boolean[] speech) {
    }

    /**
     * A recording's descriptor rows as the encoder reads them, one at a time, so a long recording need not be held
     * whole (a video's rows are read mapped from its store, {@link #probabilities(Rows, double)}).
     */
    public interface Rows {
        /** Number of rows. */
        int size();

        /**
         * Row {@code i}, already normalised as the branch says.
         *
         * @param i row index
         * @return the values, or null where the row is invalid
         */
        float[] row(int i);

        /**
         * Whether row {@code i} is valid speech (the rows that get probabilities).
         *
         * @param i row index
         * @return valid and passed by the gate
         */
        boolean usable(int i);

        /**
         * Rows held in a matrix.
         *
         * @param x    the rows
         * @param gate speech rows, or null when every valid row is speech
         * @return the view
         */
        static Rows of(FeatureMatrix x, boolean[] gate) {
            return new Rows() {
                public int size() {
                    return x.rows();
                }

                public float[] row(int i) {
                    return x.isValid(i) ? x.row(i) : null;
                }

                public boolean usable(int i) {
                    return VoiceEncoder.usable(x, gate, i);
                }
            };
        }
    }

    /**
     * Resamples rows to steps as {@link #probabilities} does (the recipe trains on exactly these).
     *
     * @param x        descriptor rows, {@code rate} per second (at least one)
     * @param gate     speech rows, or null when every valid row is speech
     * @param rate     rows per second
     * @param stepRate steps per second
     * @return the steps
     */
    public static Steps resample(FeatureMatrix x, boolean[] gate, double rate, double stepRate) {
        Rows rows = Rows.of(x, gate);
        int steps = steps(rows.size(), rate, stepRate);
        float[][] in = new float[steps][];
        boolean[] speech = new boolean[steps];
        for (int s = 0; s < steps; s++) {
            int r = rowOfStep(s, rows.size(), rate, stepRate);
            in[s] = rows.row(r);
            speech[s] = rows.usable(r);
        }
        return new Steps(in, speech);
    }

    private static int steps(int n, double rate, double stepRate) {
        return (int) Math.floor((n - 1) * stepRate / rate + 1e-9) + 1;
    }

    private static int rowOfStep(int s, int n, double rate, double stepRate) {
        return (int) Math.min(n - 1, Math.round(s * rate / stepRate));
    }

    /**
     * Per-row probabilities.
     *
     * @param x    descriptor rows (concatenated features), {@code rate} rows per second
     * @param gate speech rows, or null when every valid row is speech
     * @param rate rows per second of {@code x}
     * @return per row, the members' mean probabilities of their classes, or null for a row that is not
     *         valid speech
     */
    public double[][] probabilities(FeatureMatrix x, boolean[] gate, double rate) {
        return probabilities(Rows.of(x, gate), rate);
    }

    /**
     * Per-row probabilities, reading one segment's rows at a time (the same numbers as the matrix form).
     *
     * @param rows the rows, normalised
     * @param rate rows per second
     * @return per row, the members' mean probabilities of their classes, or null for a row that is not valid speech
     */
    public double[][] probabilities(Rows rows, double rate) {
        return probabilities(rows, rate, false);
    }

    /**
     * As {@link #probabilities(Rows, double)}, read by ONNX Runtime whatever the length when {@code graph}: a live
     * source asks for one segment every quarter second for as long as it plays, which plain Java reads at ~30x the
     * CPU (most of a live run's CPU before; the graph is made once per model).
     *
     * @param rows  the rows, normalised
     * @param rate  rows per second
     * @param graph always ONNX Runtime; false: by the recording's length (see the class comment)
     * @return per row, the members' mean probabilities of their classes, or null for a row that is not valid speech
     */
    public double[][] probabilities(Rows rows, double rate, boolean graph) {
        int n = rows.size();
        double[][] out = new double[n][];
        if (n == 0) return out;
        int steps = steps(n, rate, stepRate);
        double[][] stepProbs = new double[steps][];
        boolean onnx = graph || (steps + segmentSteps - 1) / segmentSteps >= GRAPH_FROM_SEGMENTS;
        for (int from = 0; from < steps; from += segmentSteps) {
            int len = Math.min(segmentSteps, steps - from);
            float[][] in = new float[len][];
            boolean[] speech = new boolean[len];
            boolean any = false;
            for (int s = 0; s < len; s++) {
                int r = rowOfStep(from + s, n, rate, stepRate);
                speech[s] = rows.usable(r);
                any |= speech[s];
            }
            if (!any) continue;
            for (int s = 0; s < len; s++) in[s] = rows.row(rowOfStep(from + s, n, rate, stepRate));
            for (float[][] logits : onnx ? graph().logits(in) : logits(in)) {
                for (int s = 0; s < len; s++) {
                    if (!speech[s]) continue;
                    double[] z = new double[classIndex.length];
                    for (int k = 0; k < z.length; k++) z[k] = logits[s][classIndex[k]];
                    double[] p = Head.toAbaw(SoftmaxRegression.softmaxInPlace(z), classIndex);
                    double[] acc = stepProbs[from + s];
                    if (acc == null) stepProbs[from + s] = acc = new double[p.length];
                    for (int c = 0; c < p.length; c++) acc[c] += p[c] / nets.size();
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (!rows.usable(i)) continue;
            int s = (int) Math.min(steps - 1, Math.round(i * stepRate / rate));
            out[i] = stepProbs[s] != null ? stepProbs[s] : nearestSpeechStep(stepProbs, s);
        }
        return out;
    }

    /** Every member's logits of one segment in plain Java, an invalid row read as the member's training mean. */
    private float[][][] logits(float[][] in) {
        boolean[] all = new boolean[in.length];
        java.util.Arrays.fill(all, true);
        float[][][] out = new float[nets.size()][][];
        for (int m = 0; m < out.length; m++) {
            TransformerNet net = nets.get(m);
            float[][] seg = new float[in.length][];
            for (int s = 0; s < in.length; s++) seg[s] = in[s] != null ? in[s] : net.mean();
            out[m] = net.logits(seg, all);
        }
        return out;
    }

    /** A speech row whose own step is not speech (rates disagree at an edge) reads the nearest speech step. */
    private static double[] nearestSpeechStep(double[][] p, int s) {
        for (int d = 1; d < p.length; d++) {
            if (s - d >= 0 && p[s - d] != null) return p[s - d];
            if (s + d < p.length && p[s + d] != null) return p[s + d];
        }
        return null;
    }

    private static boolean usable(FeatureMatrix x, boolean[] gate, int r) {
        return x.isValid(r) && (gate == null || gate[r]);
    }
}
