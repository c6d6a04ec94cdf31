package org.affect4j.predict.model;

import org.affect4j.data.ExprClass;
import org.affect4j.linear.SoftmaxRegression;

/**
 * A softmax regression whose classes are a subset of the 8 ABAW classes (e.g. the 7 classes of FER2013 or RAVDESS,
 * which have no "Other"): probabilities come out over all 8, zero where the head has no class.
 *
 * @param classIndex ABAW index of each of the regression's classes
 * @param mean       standardisation means
 * @param std        standardisation divisors
 * @param weights    {@code [classes][features]}
 * @param bias       {@code [classes]}
 */
public record LinearHead(int[] classIndex, float[] mean, float[] std, double[][] weights, double[] bias) {
    public LinearHead {
        if (classIndex.length != bias.length) {
            throw new IllegalArgumentException(classIndex.length + " class indices for " + bias.length + " classes");
        }
        for (int c : classIndex) ExprClass.of(c);
    }

    /** Wraps a fitted regression. */
    public static LinearHead of(SoftmaxRegression r, int[] classIndex) {
        return new LinearHead(classIndex, r.mean(), r.std(), r.weights(), r.bias());
    }

    SoftmaxRegression regression() {
        return new SoftmaxRegression(mean, std, weights, bias);
    }

    /** Input width. */
    public int features() {
        return mean.length;
    }

    /** ABAW-ordered probabilities (length 8) of one input row. */
    static double[] toAbaw(double[] p, int[] classIndex) {
        double[] out = new double[ExprClass.COUNT];
        for (int k = 0; k < p.length; k++) out[classIndex[k]] += p[k];
        return out;
    }
}
