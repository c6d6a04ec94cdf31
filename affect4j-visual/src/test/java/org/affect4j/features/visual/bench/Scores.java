package org.affect4j.features.visual.bench;

import java.util.Locale;

/**
 * Macro-F1, accuracy and per-class F1 over a fixed number of classes (a class absent from gold and prediction
 * counts as F1 = 0, the challenge's convention). Immutable.
 *
 * @param macroF1    unweighted mean of the per-class F1
 * @param accuracy   fraction correct
 * @param perClassF1 F1 of each class
 */
public record Scores(double macroF1, double accuracy, double[] perClassF1) {
    /** Scores {@code predicted} against {@code gold} over classes {@code 0..classes-1}. */
    public static Scores of(int[] gold, int[] predicted, int classes) {
        if (gold.length != predicted.length || gold.length == 0) {
            throw new IllegalArgumentException("need equally many (> 0) gold and predicted labels, got "
                    + gold.length + " and " + predicted.length);
        }
        long[] tp = new long[classes], fp = new long[classes], fn = new long[classes];
        long correct = 0;
        for (int i = 0; i < gold.length; i++) {
            if (gold[i] == predicted[i]) {
                tp[gold[i]]++;
                correct++;
            } else {
                fp[predicted[i]]++;
                fn[gold[i]]++;
            }
        }
        double[] f1 = new double[classes];
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            long denom = 2 * tp[k] + fp[k] + fn[k];
            f1[k] = denom == 0 ? 0 : 2.0 * tp[k] / denom;
            sum += f1[k];
        }
        return new Scores(sum / classes, (double) correct / gold.length, f1);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "macro-F1 %.3f, accuracy %.3f, per class [", macroF1, accuracy));
        for (int k = 0; k < perClassF1.length; k++) {
            b.append(k > 0 ? " " : "").append(String.format(Locale.ROOT, "%.2f", perClassF1[k]));
        }
        return b.append(']').toString();
    }
}
