package org.affect4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.affect4j.data.FramePredictions;
import org.affect4j.eval.Evaluation;
import org.affect4j.eval.Evaluator;
import org.affect4j.linear.SoftmaxRegression;
import org.affect4j.models.ExpressionNet;
import org.affect4j.models.ModelSpec;
import org.affect4j.models.onnx.ExpressionNetGraph;
import org.affect4j.segments.Segment;
import org.affect4j.segments.Segmenter;
import org.affect4j.training.data.VideoRows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-frame probabilities for whole sequences: segments them like training does (in order, carried state for
 * recurrent encoders), runs the network without dropout and maps segment outputs back to frames with the
 * foundation's {@link Segmenter#toFrames} (overlaps averaged, every real frame exactly one prediction, METHOD §3).
 * Also reports the mean cross-entropy over annotated frames (the validation loss). Not thread-safe.
 */
public final class SequencePredictor {
    /** Predictions per sequence (same order as the input) and the mean per-frame cross-entropy (NaN if unlabelled). */
    public record Result(List<FramePredictions> predictions, double loss) {
    }

    private SequencePredictor() {
    }

    public static Result predict(ExpressionNet net, NDManager manager, List<? extends VideoRows> data, int batchSize) {
        RDropLoss ce = new RDropLoss(0f, null, 0f);
        try (NetRunner runner = new NetRunner(net, manager)) {
            return predict(net.spec(), net.encoder().carriesState(), data, batchSize, (in, reset, loss) -> {
                try (NDManager step = manager.newSubManager()) {
                    NDArray logits = runner.forward(step, in, 1, reset, false);
                    int annotated = 0;
                    for (int l : in.labels) if (l >= 0) annotated++;
                    if (annotated > 0) {
                        loss[0] += ce.compute(logits, null, in.labels(step)).getFloat() * annotated;
                        loss[1] += annotated;
                    }
                    return logits.softmax(-1).toFloatArray();
                }
            });
        }
    }

    /**
     * The same through ONNX Runtime ({@link ExpressionNetGraph}: a Transformer network, float32 or int8); the loss
     * is the same cross-entropy, in double precision.
     */
    public static Result predict(ExpressionNetGraph graph, ModelSpec spec, List<? extends VideoRows> data, int batchSize) {
        int classes = spec.classes();
        return predict(spec, false, data, batchSize, (in, reset, loss) -> {
            float[] z = graph.logits(in.x, in.valid, in.rows, in.length);
            float[] p = new float[z.length];
            double[] row = new double[classes];
            for (int i = 0; i < in.rows * in.length; i++) {
                for (int c = 0; c < classes; c++) row[c] = z[i * classes + c];
                SoftmaxRegression.softmaxInPlace(row);
                for (int c = 0; c < classes; c++) p[i * classes + c] = (float) row[c];
                int label = in.labels[i];
                if (label >= 0) {
                    loss[0] -= Math.log(row[label]);
                    loss[1]++;
                }
            }
            return p;
        });
    }

    /** One batch through a network without dropout: its probabilities {@code [B, l, C]}; adds {sum, frames} of the loss. */
    private interface Pass {
        float[] probabilities(BatchInputs in, boolean[] reset, double[] loss);
    }

    private static Result predict(ModelSpec spec, boolean carriesState, List<? extends VideoRows> data, int batchSize,
                                  Pass pass) {
        int classes = spec.classes();
        int length = spec.segmentLength();
        SegmentBatcher batcher = new SegmentBatcher(length, spec.stride(), batchSize);
        List<SegmentBatcher.Batch> batches = carriesState ? batcher.lanes(data, null) : batcher.shuffled(data, null);
        List<List<Segment>> segments = new ArrayList<>();
        List<List<float[]>> outputs = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            segments.add(new ArrayList<>());
            outputs.add(new ArrayList<>());
        }
        double[] loss = new double[2];
        for (SegmentBatcher.Batch batch : batches) {
            BatchInputs in = BatchInputs.of(batch, data, length, data.get(0).dim(), Masking.NONE, null);
            float[] p = pass.probabilities(in, batch.reset(), loss);
            for (int r = 0; r < batch.rows().length; r++) {
                SegmentBatcher.SegmentRef ref = batch.rows()[r];
                if (ref == null) continue;
                segments.get(ref.sequence()).add(ref.segment());
                outputs.get(ref.sequence()).add(Arrays.copyOfRange(p, r * length * classes, (r + 1) * length * classes));
            }
        }
        List<FramePredictions> out = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            float[] f = Segmenter.toFrames(segments.get(i), outputs.get(i), data.get(i).frames(), classes);
            double[] d = new double[f.length];
            for (int k = 0; k < f.length; k++) d[k] = f[k];
            out.add(FramePredictions.ofFlatProbabilities(d));
        }
        return new Result(out, loss[1] == 0 ? Double.NaN : loss[0] / loss[1]);
    }

    /** Pools gold and predicted labels of all sequences (METHOD §1). */
    static Evaluation evaluate(List<? extends VideoRows> data, List<FramePredictions> predictions) {
        Evaluator ev = new Evaluator();
        for (int i = 0; i < data.size(); i++) ev.add(data.get(i).labels(), predictions.get(i));
        return ev.evaluate();
    }
}
