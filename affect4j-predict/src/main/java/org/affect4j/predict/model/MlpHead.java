package org.affect4j.predict.model;

import org.affect4j.data.ExprClass;
import org.affect4j.linear.SoftmaxRegression;

/**
 * A one-hidden-layer perceptron over a subset of the 8 ABAW classes, in its saved form:
 * {@code p = softmax(w2 relu(w1 ((x - mean) / std) + b1) + b2)}. Plain Java, no engine to start: a few hundred
 * thousand multiply-adds per row. Made by {@link MlpHeadTrainer}.
 *
 * @param classIndex ABAW index of each output
 * @param mean       standardisation means {@code [d]}
 * @param std        standardisation divisors {@code [d]}
 * @param w1         {@code [hidden][d]}
 * @param b1         {@code [hidden]}
 * @param w2         {@code [classes][hidden]}
 * @param b2         {@code [classes]}
 */
public record MlpHead(int[] classIndex, float[] mean, float[] std, float[][] w1, float[] b1, float[][] w2, float[] b2) {
    public MlpHead {
        int d = mean.length, h = b1.length;
        if (std.length != d || w1.length != h || w2.length != b2.length || classIndex.length != b2.length) {
            throw new IllegalArgumentException("MLP head shapes disagree");
        }
        for (float[] r : w1) if (r.length != d) throw new IllegalArgumentException("MLP head: w1 rows must have " + d + " values");
        for (float[] r : w2) if (r.length != h) throw new IllegalArgumentException("MLP head: w2 rows must have " + h + " values");
        for (int c : classIndex) ExprClass.of(c);
    }

    /** Input width. */
    public int features() {
        return mean.length;
    }

    /** Probabilities over this head's classes. */
    public double[] probabilities(float[] x) {
        if (x.length != mean.length) throw new IllegalArgumentException("row has " + x.length + " values, head expects " + mean.length);
        float[] xs = new float[x.length];
        for (int j = 0; j < x.length; j++) xs[j] = (x[j] - mean[j]) / std[j];
        float[] hid = hidden(xs);
        double[] z = new double[b2.length];
        for (int k = 0; k < z.length; k++) {
            double s = b2[k];
            float[] w = w2[k];
            for (int u = 0; u < hid.length; u++) s += w[u] * hid[u];
            z[k] = s;
        }
        return SoftmaxRegression.softmaxInPlace(z);
    }

    /** ReLU hidden activations of a standardised row. */
    float[] hidden(float[] xs) {
        float[] hid = new float[b1.length];
        for (int u = 0; u < hid.length; u++) {
            float s = b1[u];
            float[] w = w1[u];
            for (int j = 0; j < xs.length; j++) s += w[j] * xs[j];
            hid[u] = Math.max(0f, s);
        }
        return hid;
    }
}
