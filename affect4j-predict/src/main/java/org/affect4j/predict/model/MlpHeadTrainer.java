package org.affect4j.predict.model;

import java.util.SplittableRandom;
import java.util.function.ObjIntConsumer;

/**
 * Trains an {@link MlpHead}: inputs standardised with the training rows' statistics, He initialisation, Adam on the
 * (optionally class-balanced) cross-entropy, dropout on the hidden units and decoupled weight decay. Deterministic for
 * a seed. Single-threaded.
 */
public final class MlpHeadTrainer {
    private final int hidden, epochs, batch;
    private final double rate, decay, dropout;
    private final boolean balanced;
    private final long seed;

    /**
     * @param hidden   hidden units
     * @param epochs   passes over the rows
     * @param rate     Adam step (e.g. 1e-3)
     * @param decay    decoupled weight decay per step, relative to the step (e.g. 1e-3)
     * @param dropout  hidden dropout while training, in [0, 1)
     * @param batch    rows per step
     * @param balanced weight every class's rows to the same total
     * @param seed     initialisation, shuffling, dropout
     */
    public MlpHeadTrainer(int hidden, int epochs, double rate, double decay, double dropout, int batch, boolean balanced,
                          long seed) {
        if (hidden < 1 || epochs < 1 || batch < 1 || !(rate > 0) || !(decay >= 0) || !(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("invalid MLP settings: hidden " + hidden + ", epochs " + epochs + ", batch "
                    + batch + ", rate " + rate + ", decay " + decay + ", dropout " + dropout);
        }
        this.hidden = hidden;
        this.epochs = epochs;
        this.batch = batch;
        this.rate = rate;
        this.decay = decay;
        this.dropout = dropout;
        this.balanced = balanced;
        this.seed = seed;
    }

    /** Trains for the full number of epochs. */
    public MlpHead fit(float[][] x, int[] y, int[] classIndex) {
        return fit(x, y, classIndex, (m, e) -> { });
    }

    /**
     * @param x          rows {@code [n][d]}
     * @param y          class position per row, {@code 0..classIndex.length-1}
     * @param classIndex ABAW index of each class position
     * @param afterEpoch called with the head after every epoch and the 1-based epoch number (e.g. to score it)
     * @return the head after the last epoch
     */
    public MlpHead fit(float[][] x, int[] y, int[] classIndex, ObjIntConsumer<MlpHead> afterEpoch) {
        int n = x.length, c = classIndex.length;
        if (n == 0 || y.length != n) throw new IllegalArgumentException("need as many labels as rows (> 0)");
        int d = x[0].length;
        float[] mean = new float[d], std = new float[d];
        for (float[] r : x) for (int j = 0; j < d; j++) mean[j] += r[j] / n;
        for (float[] r : x) for (int j = 0; j < d; j++) std[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
        for (int j = 0; j < d; j++) std[j] = std[j] > 1e-12 ? (float) Math.sqrt(std[j]) : 1f;
        float[][] xs = new float[n][d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) xs[i][j] = (x[i][j] - mean[j]) / std[j];
        double[] weight = new double[c];
        int[] count = new int[c];
        for (int v : y) {
            if (v < 0 || v >= c) throw new IllegalArgumentException("label " + v + " outside 0.." + (c - 1));
            count[v]++;
        }
        for (int k = 0; k < c; k++) weight[k] = !balanced ? 1 : count[k] == 0 ? 0 : n / (double) (c * count[k]);
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] w1 = new float[hidden][d], w2 = new float[c][hidden];
        float[] b1 = new float[hidden], b2 = new float[c];
        double s1 = Math.sqrt(2.0 / d), s2 = Math.sqrt(1.0 / hidden);
        for (float[] r : w1) for (int j = 0; j < d; j++) r[j] = (float) (gauss(rng) * s1);
        for (float[] r : w2) for (int j = 0; j < hidden; j++) r[j] = (float) (gauss(rng) * s2);
        Adam a1 = new Adam(hidden * d), ab1 = new Adam(hidden), a2 = new Adam(c * hidden), ab2 = new Adam(c);
        float[] g1 = new float[hidden * d], gb1 = new float[hidden], g2 = new float[c * hidden], gb2 = new float[c];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        float[] h = new float[hidden], dh = new float[hidden];
        boolean[] keep = new boolean[hidden];
        double[] z = new double[c];
        int step = 0;
        MlpHead head = null;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1), t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start < n; start += batch) {
                int end = Math.min(n, start + batch);
                java.util.Arrays.fill(g1, 0);
                java.util.Arrays.fill(gb1, 0);
                java.util.Arrays.fill(g2, 0);
                java.util.Arrays.fill(gb2, 0);
                double wsum = 0;
                for (int b = start; b < end; b++) {
                    int i = order[b];
                    float[] xi = xs[i];
                    for (int u = 0; u < hidden; u++) {
                        keep[u] = rng.nextDouble() >= dropout;
                        if (!keep[u]) {
                            h[u] = 0;
                            continue;
                        }
                        float s = b1[u];
                        float[] w = w1[u];
                        for (int j = 0; j < d; j++) s += w[j] * xi[j];
                        h[u] = s > 0 ? s / (float) (1 - dropout) : 0;
                    }
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < c; k++) {
                        double s = b2[k];
                        for (int u = 0; u < hidden; u++) s += w2[k][u] * h[u];
                        z[k] = s;
                        max = Math.max(max, s);
                    }
                    double sum = 0;
                    for (int k = 0; k < c; k++) sum += z[k] = Math.exp(z[k] - max);
                    double wi = weight[y[i]];
                    wsum += wi;
                    java.util.Arrays.fill(dh, 0);
                    for (int k = 0; k < c; k++) {
                        float dz = (float) (wi * (z[k] / sum - (k == y[i] ? 1 : 0)));
                        gb2[k] += dz;
                        for (int u = 0; u < hidden; u++) {
                            g2[k * hidden + u] += dz * h[u];
                            dh[u] += dz * w2[k][u];
                        }
                    }
                    for (int u = 0; u < hidden; u++) {
                        if (h[u] <= 0) continue;
                        float du = dh[u] / (float) (1 - dropout);
                        gb1[u] += du;
                        int off = u * d;
                        for (int j = 0; j < d; j++) g1[off + j] += du * xi[j];
                    }
                }
                float scale = (float) (1 / Math.max(wsum, 1e-9));
                step++;
                a1.step(w1, g1, scale, step, true);
                ab1.step(b1, gb1, scale, step, false);
                a2.step(w2, g2, scale, step, true);
                ab2.step(b2, gb2, scale, step, false);
            }
            head = new MlpHead(classIndex.clone(), mean, std, deep(w1), b1.clone(), deep(w2), b2.clone());
            afterEpoch.accept(head, epoch);
        }
        return head;
    }

    private static float[][] deep(float[][] a) {
        float[][] o = new float[a.length][];
        for (int i = 0; i < a.length; i++) o[i] = a[i].clone();
        return o;
    }

    private static double gauss(SplittableRandom r) {
        double u = 1 - r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private final class Adam {
        final double[] m, v;
        double c1, c2;

        Adam(int size) {
            m = new double[size];
            v = new double[size];
        }

        void step(float[][] w, float[] g, float scale, int t, boolean decayed) {
            c1 = 1 / (1 - Math.pow(0.9, t));
            c2 = 1 / (1 - Math.pow(0.999, t));
            int cols = w[0].length;
            for (int r = 0; r < w.length; r++) {
                for (int j = 0; j < cols; j++) w[r][j] = update(w[r][j], g[r * cols + j] * scale, r * cols + j, t, decayed);
            }
        }

        void step(float[] w, float[] g, float scale, int t, boolean decayed) {
            c1 = 1 / (1 - Math.pow(0.9, t));
            c2 = 1 / (1 - Math.pow(0.999, t));
            for (int j = 0; j < w.length; j++) w[j] = update(w[j], g[j] * scale, j, t, decayed);
        }

        private float update(float w, double g, int k, int t, boolean decayed) {
            m[k] = 0.9 * m[k] + 0.1 * g;
            v[k] = 0.999 * v[k] + 0.001 * g * g;
            double mh = m[k] * c1, vh = v[k] * c2;
            double nw = w - rate * mh / (Math.sqrt(vh) + 1e-8);
            if (decayed) nw -= rate * decay * w;
            return (float) nw;
        }
    }
}
