package org.affect4j.features.audio.bench;

/**
 * Multinomial logistic regression with an L2 penalty on the weights (not the biases), on features standardised
 * with the training set's mean and standard deviation. Trained full-batch with Adam (Kingma and Ba 2015) on the
 * convex objective {@code mean CE + lambda/2 ||W||^2}; deterministic.
 */
final class LogisticRegression {
    private final int classes;
    private final double lambda;
    private final int epochs;
    private double[] mean;
    private double[] scale;
    private final boolean squash;
    private double[][] w; // [classes][dim + 1], last column the bias

    /**
     * @param squash pass standardised values through {@code asinh}: linear near 0, logarithmic in the tails, so a
     *               few extreme utterances (heavy-tailed energies, spectral variances) do not dominate the fit
     */
    LogisticRegression(int classes, double lambda, int epochs, boolean squash) {
        this.classes = classes;
        this.lambda = lambda;
        this.epochs = epochs;
        this.squash = squash;
    }

    LogisticRegression fit(double[][] x, int[] y) {
        int n = x.length;
        int d = x[0].length;
        mean = new double[d];
        scale = new double[d];
        for (double[] r : x) for (int j = 0; j < d; j++) mean[j] += r[j] / n;
        for (double[] r : x) for (int j = 0; j < d; j++) scale[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
        for (int j = 0; j < d; j++) scale[j] = scale[j] > 1e-12 ? 1 / Math.sqrt(scale[j]) : 0;
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) z[i] = standardise(x[i]);
        w = new double[classes][d + 1];
        double[][] m = new double[classes][d + 1];
        double[][] v = new double[classes][d + 1];
        double lr = 0.01, b1 = 0.9, b2 = 0.999;
        double[][] g = new double[classes][d + 1];
        double[] p = new double[classes];
        for (int t = 1; t <= epochs; t++) {
            for (double[] row : g) java.util.Arrays.fill(row, 0);
            for (int i = 0; i < n; i++) {
                probabilities(z[i], p);
                for (int c = 0; c < classes; c++) {
                    double e = (p[c] - (y[i] == c ? 1 : 0)) / n;
                    double[] gc = g[c];
                    for (int j = 0; j < d; j++) gc[j] += e * z[i][j];
                    gc[d] += e;
                }
            }
            for (int c = 0; c < classes; c++) {
                for (int j = 0; j <= d; j++) {
                    double gj = g[c][j] + (j < d ? lambda * w[c][j] : 0);
                    m[c][j] = b1 * m[c][j] + (1 - b1) * gj;
                    v[c][j] = b2 * v[c][j] + (1 - b2) * gj * gj;
                    double mh = m[c][j] / (1 - Math.pow(b1, t));
                    double vh = v[c][j] / (1 - Math.pow(b2, t));
                    w[c][j] -= lr * mh / (Math.sqrt(vh) + 1e-8);
                }
            }
        }
        return this;
    }

    /** Class probabilities of one example. */
    double[] probabilities(double[] x) {
        double[] p = new double[classes];
        probabilities(standardise(x), p);
        return p;
    }

    int predict(double[] x) {
        double[] p = probabilities(x);
        int best = 0;
        for (int c = 1; c < classes; c++) if (p[c] > p[best]) best = c;
        return best;
    }

    private double[] standardise(double[] x) {
        double[] z = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            double v = (x[j] - mean[j]) * scale[j];
            z[j] = squash ? Math.log(v + Math.sqrt(v * v + 1)) : v;
        }
        return z;
    }

    private void probabilities(double[] z, double[] p) {
        int d = z.length;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double s = w[c][d];
            for (int j = 0; j < d; j++) s += w[c][j] * z[j];
            p[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < classes; c++) p[c] /= sum;
    }
}
