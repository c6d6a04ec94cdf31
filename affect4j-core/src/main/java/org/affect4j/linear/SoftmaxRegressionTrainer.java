package org.affect4j.linear;

import java.util.stream.IntStream;

/**
 * Fits a {@link SoftmaxRegression}: features standardised on the training set, then the weighted mean cross-entropy
 * plus {@code l2/2 * ||W||^2} (bias not penalised) minimised by {@link Lbfgs} from zero. Deterministic (the result
 * does not depend on thread scheduling: per-example gradients are summed in fixed blocks).
 *
 * <p>Kept in plain Java rather than as a DJL network: the fit needs a full-batch second-order optimiser (see
 * {@link Lbfgs}) that DJL lacks, it runs where the predict module runs (no PyTorch engine needed), and its result
 * is the same bits on every machine, which the shipped default model's rebuild relies on.
 */
public final class SoftmaxRegressionTrainer {
    private final double l2;
    private final boolean balanced;
    private final int maxIterations;

    /**
     * @param l2            L2 penalty on the weights (sklearn's {@code C} is {@code 1 / (l2 * n)})
     * @param balanced      weight each example by {@code n / (classes * count(its class))}, for macro-F1
     * @param maxIterations L-BFGS iteration cap (e.g. 300)
     */
    public SoftmaxRegressionTrainer(double l2, boolean balanced, int maxIterations) {
        if (!(l2 >= 0) || maxIterations < 1) {
            throw new IllegalArgumentException("need l2 >= 0 and maxIterations >= 1, got " + l2 + ", " + maxIterations);
        }
        this.l2 = l2;
        this.balanced = balanced;
        this.maxIterations = maxIterations;
    }

    /**
     * @param x       {@code [examples][features]}
     * @param y       class index of each example, in {@code 0..classes-1}
     * @param classes number of classes
     * @throws IllegalArgumentException on empty, ragged or mislabelled input
     */
    public SoftmaxRegression fit(float[][] x, int[] y, int classes) {
        return fit(x, y, classes, null);
    }

    /**
     * As {@link #fit(float[][], int[], int)}, starting from {@code start} (a model fitted on the same data, e.g. with
     * a stronger penalty: warm starts along a regularisation path converge in a fraction of the iterations).
     *
     * @param start initial model, or null to start from zero
     */
    public SoftmaxRegression fit(float[][] x, int[] y, int classes, SoftmaxRegression start) {
        int n = x.length;
        if (n == 0 || y.length != n) {
            throw new IllegalArgumentException("need as many labels as examples (> 0), got " + n + " examples and "
                    + y.length + " labels");
        }
        int d = x[0].length;
        float[] mean = new float[d];
        float[] std = new float[d];
        standardisation(x, d, mean, std);
        float[][] xs = new float[n][d];
        int[] counts = new int[classes];
        for (int i = 0; i < n; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("example " + i + " has " + x[i].length + " features, expected " + d);
            }
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("label " + y[i] + " of example " + i + " is outside 0.." + (classes - 1));
            }
            counts[y[i]]++;
            for (int j = 0; j < d; j++) {
                xs[i][j] = (x[i][j] - mean[j]) / std[j];
            }
        }
        double[] w = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            w[i] = balanced ? (double) n / (classes * counts[y[i]]) : 1.0;
            total += w[i];
        }
        double norm = total;
        int p = classes * (d + 1);
        double[] theta = new double[p];
        if (start != null) {
            if (start.classes() != classes || start.features() != d) {
                throw new IllegalArgumentException("warm start has " + start.classes() + " classes x "
                        + start.features() + " features, expected " + classes + " x " + d);
            }
            start.copyParameters(theta);
        }
        Lbfgs.Objective f = (t, grad) -> objective(t, grad, xs, y, w, norm, classes, d);
        new Lbfgs(10, maxIterations, 1e-8).minimise(f, theta);
        double[][] wk = new double[classes][d];
        double[] b = new double[classes];
        for (int k = 0; k < classes; k++) {
            System.arraycopy(theta, k * (d + 1), wk[k], 0, d);
            b[k] = theta[k * (d + 1) + d];
        }
        return new SoftmaxRegression(mean, std, wk, b);
    }

    private double objective(double[] t, double[] grad, float[][] xs, int[] y, double[] w, double norm, int classes,
                             int d) {
        int n = xs.length;
        int blocks = Math.max(1, Math.min(64, n / 256));
        double[][] partGrad = new double[blocks][t.length];
        double[] partLoss = new double[blocks];
        IntStream.range(0, blocks).parallel().forEach(blk -> {
            double[] gb = partGrad[blk];
            double[] z = new double[classes];
            double loss = 0;
            for (int i = blk * n / blocks; i < (blk + 1) * n / blocks; i++) {
                float[] xi = xs[i];
                for (int k = 0; k < classes; k++) {
                    int o = k * (d + 1);
                    double s = t[o + d];
                    for (int j = 0; j < d; j++) {
                        s += t[o + j] * xi[j];
                    }
                    z[k] = s;
                }
                SoftmaxRegression.softmaxInPlace(z);
                loss -= w[i] * Math.log(Math.max(z[y[i]], 1e-300));
                for (int k = 0; k < classes; k++) {
                    double gk = w[i] * (z[k] - (k == y[i] ? 1 : 0));
                    int o = k * (d + 1);
                    for (int j = 0; j < d; j++) {
                        gb[o + j] += gk * xi[j];
                    }
                    gb[o + d] += gk;
                }
            }
            partLoss[blk] = loss;
        });
        java.util.Arrays.fill(grad, 0);
        double loss = 0;
        for (int blk = 0; blk < blocks; blk++) {
            loss += partLoss[blk];
            for (int q = 0; q < grad.length; q++) {
                grad[q] += partGrad[blk][q];
            }
        }
        loss /= norm;
        for (int q = 0; q < grad.length; q++) {
            grad[q] /= norm;
        }
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < d; j++) {
                int q = k * (d + 1) + j;
                loss += 0.5 * l2 * t[q] * t[q];
                grad[q] += l2 * t[q];
            }
        }
        return loss;
    }

    /** Per-feature mean and standard deviation; constant features get std 1 so they stay 0. */
    private static void standardisation(float[][] x, int d, float[] mean, float[] std) {
        double[] m = new double[d];
        double[] v = new double[d];
        for (float[] r : x) {
            for (int j = 0; j < Math.min(d, r.length); j++) {
                m[j] += r[j];
            }
        }
        for (int j = 0; j < d; j++) {
            m[j] /= x.length;
        }
        for (float[] r : x) {
            for (int j = 0; j < Math.min(d, r.length); j++) {
                double e = r[j] - m[j];
                v[j] += e * e;
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] = (float) m[j];
            double s = Math.sqrt(v[j] / x.length);
            std[j] = s > 1e-8 ? (float) s : 1f;
        }
    }
}
