package org.affect4j.features.audio.bench;

import org.affect4j.linear.SoftmaxRegression;
import org.affect4j.linear.SoftmaxRegressionTrainer;

/**
 * The bench's view of core's {@link SoftmaxRegressionTrainer} (multinomial logistic regression, L2 on the weights,
 * standardised features, L-BFGS), with one extra input transform: {@code squash} passes the standardised values
 * through {@code asinh} (linear near 0, logarithmic in the tails), so a few extreme utterances (heavy-tailed
 * energies, spectral variances) do not dominate the fit.
 */
final class LogisticRegression {
    private final int classes;
    private final double lambda;
    private final int iterations;
    private final boolean squash;
    private double[] mean;
    private double[] scale;
    private SoftmaxRegression model;

    /**
     * @param lambda     L2 penalty ({@code mean CE + lambda/2 ||W||^2})
     * @param iterations L-BFGS iteration cap
     */
    LogisticRegression(int classes, double lambda, int iterations, boolean squash) {
        this.classes = classes;
        this.lambda = lambda;
        this.iterations = iterations;
        this.squash = squash;
    }

    LogisticRegression fit(double[][] x, int[] y) {
        int n = x.length, d = x[0].length;
        mean = new double[d];
        scale = new double[d];
        for (double[] r : x) for (int j = 0; j < d; j++) mean[j] += r[j] / n;
        for (double[] r : x) for (int j = 0; j < d; j++) scale[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
        for (int j = 0; j < d; j++) scale[j] = scale[j] > 1e-12 ? 1 / Math.sqrt(scale[j]) : 0;
        float[][] z = new float[n][];
        for (int i = 0; i < n; i++) z[i] = input(x[i]);
        model = new SoftmaxRegressionTrainer(lambda, false, iterations).fit(z, y, classes);
        return this;
    }

    double[] probabilities(double[] x) {
        return model.probabilities(input(x));
    }

    int predict(double[] x) {
        return model.predict(input(x));
    }

    /** Raw values, or asinh of the standardised values when squashing (the trainer standardises again). */
    private float[] input(double[] x) {
        float[] out = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = (float) (squash ? asinh((x[j] - mean[j]) * scale[j]) : x[j]);
        }
        return out;
    }

    private static double asinh(double v) {
        return Math.log(v + Math.sqrt(v * v + 1));
    }
}
