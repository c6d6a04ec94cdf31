package org.affect4j.linear;

import java.util.Arrays;

/**
 * A fitted multinomial logistic regression with built-in standardisation: {@code p = softmax(W ((x - mean) / std)
 * + b)}. Immutable and thread-safe. Made by {@link SoftmaxRegressionTrainer}.
 *
 * <p>Plain Java, not a DJL block: the default model's heads predict in every {@code affect4j predict}, which must
 * not start a PyTorch engine (a download and hundreds of megabytes) to compute one small matrix product.
 */
public final class SoftmaxRegression {
    private final float[] mean;
    private final float[] std;
    private final double[][] weights;
    private final double[] bias;

    /**
     * @param mean    per-feature mean subtracted first
     * @param std     per-feature divisor (non-zero)
     * @param weights {@code [classes][features]}
     * @param bias    {@code [classes]}
     */
    public SoftmaxRegression(float[] mean, float[] std, double[][] weights, double[] bias) {
        if (mean.length != std.length || weights.length != bias.length || weights.length < 2) {
            throw new IllegalArgumentException("inconsistent softmax regression: " + mean.length + " means, "
                    + std.length + " stds, " + weights.length + " weight rows, " + bias.length + " biases");
        }
        for (double[] w : weights) {
            if (w.length != mean.length) {
                throw new IllegalArgumentException("weight row has " + w.length + " values, expected " + mean.length);
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
        this.weights = Arrays.stream(weights).map(double[]::clone).toArray(double[][]::new);
        this.bias = bias.clone();
    }

    /** Per-feature means subtracted first (a copy). */
    public float[] mean() {
        return mean.clone();
    }

    /** Per-feature divisors (a copy). */
    public float[] std() {
        return std.clone();
    }

    /** Weights {@code [classes][features]} (a copy). */
    public double[][] weights() {
        return Arrays.stream(weights).map(double[]::clone).toArray(double[][]::new);
    }

    /** Biases {@code [classes]} (a copy). */
    public double[] bias() {
        return bias.clone();
    }

    /** Number of classes. */
    public int classes() {
        return bias.length;
    }

    /** Number of input features. */
    public int features() {
        return mean.length;
    }

    /** Class probabilities of one example. */
    public double[] probabilities(float[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("example has " + x.length + " features, model expects " + mean.length);
        }
        double[] z = new double[bias.length];
        double[] xs = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            xs[j] = (x[j] - mean[j]) / std[j];
        }
        for (int k = 0; k < z.length; k++) {
            double s = bias[k];
            double[] w = weights[k];
            for (int j = 0; j < xs.length; j++) {
                s += w[j] * xs[j];
            }
            z[k] = s;
        }
        return softmaxInPlace(z);
    }

    /** The most probable class of one example. */
    public int predict(float[] x) {
        return argmax(probabilities(x));
    }

    /** Index of the largest value (the first on ties). */
    public static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Writes W and b into {@code theta} as the trainer lays them out: per class, the weights then the bias. */
    void copyParameters(double[] theta) {
        int d = mean.length;
        for (int k = 0; k < bias.length; k++) {
            System.arraycopy(weights[k], 0, theta, k * (d + 1), d);
            theta[k * (d + 1) + d] = bias[k];
        }
    }

    /** Softmax of logits, computed in place (max subtracted first for stability); returns {@code z}. */
    public static double[] softmaxInPlace(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            z[k] = Math.exp(z[k] - max);
            sum += z[k];
        }
        for (int k = 0; k < z.length; k++) {
            z[k] /= sum;
        }
        return z;
    }
}
