package org.affect4j.eval;

import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;

/**
 * Accumulates gold and predicted labels video by video into a confusion matrix, so a corpus is scored while
 * holding one video at a time; {@link #evaluate()} turns the counts so far into an {@link Evaluation}.
 *
 * <p>Gold frames labelled {@link ExprClass#UNANNOTATED -1} are skipped, whatever was predicted for them; every
 * annotated frame needs a prediction in 0..7. A video is checked completely before it is counted, so a
 * rejected video leaves the counts untouched. Not thread-safe: use one evaluator per thread, or synchronise.
 *
 * <pre>{@code
 * Evaluator ev = new Evaluator();
 * for (String video : videos) ev.add(gold(video), predictions(video));
 * double f1 = ev.evaluate().macroF1();
 * }</pre>
 */
public final class Evaluator {
    private static final int K = ExprClass.COUNT;
    private final long[] counts = new long[K * K];
    private int videos;

    /** Scores one video's labels; see {@link #add(int[], int[])}. */
    public static Evaluation evaluate(int[] gold, int[] predicted) {
        return new Evaluator().add(gold, predicted).evaluate();
    }

    /** Adds one video; see {@link #add(int[], int[])}. */
    public Evaluator add(int[] gold, FramePredictions predicted) {
        return add(gold, predicted.labels());
    }

    /**
     * Adds one video.
     *
     * @param gold      one gold label per frame, each -1..7
     * @param predicted one predicted label per frame; 0..7 wherever gold is not -1
     * @return this evaluator
     * @throws IllegalArgumentException if the lengths differ or a label is out of range (naming the 0-based frame)
     */
    public Evaluator add(int[] gold, int[] predicted) {
        if (gold.length != predicted.length) {
            throw new IllegalArgumentException(predicted.length + " predicted frames for " + gold.length + " gold frames");
        }
        for (int i = 0; i < gold.length; i++) {
            if (gold[i] < ExprClass.UNANNOTATED || gold[i] >= K) {
                throw new IllegalArgumentException("frame " + i + ": gold label " + gold[i] + " is outside -1..7");
            }
            if (gold[i] != ExprClass.UNANNOTATED && (predicted[i] < 0 || predicted[i] >= K)) {
                throw new IllegalArgumentException("frame " + i + ": predicted label " + predicted[i]
                        + " is outside 0..7 on an annotated frame");
            }
        }
        for (int i = 0; i < gold.length; i++) {
            if (gold[i] != ExprClass.UNANNOTATED) counts[gold[i] * K + predicted[i]]++;
        }
        videos++;
        return this;
    }

    /** The evaluation of everything added so far (a snapshot: later {@code add}s do not change it). */
    public Evaluation evaluate() {
        return new Evaluation(new ConfusionMatrix(counts), videos);
    }
}
