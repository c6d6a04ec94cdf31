package org.affect4j.linear;

import org.affect4j.util.Shuffle;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Trains an {@link MlpClassifier}: standardised inputs, one ReLU hidden layer with inverted dropout, softmax
 * cross-entropy, {@code AdamW} (Loshchilov and Hutter 2019: Adam with decoupled weight decay), mini-batches in a seeded
 * shuffled order. After every epoch the caller's validation score is computed and the best epoch's weights are
 * kept (early stopping by selection). Deterministic for a given seed.
 *
 * <p>Plain Java, not DJL (which {@code affect4j-models} keeps for the temporal models): the perceptron is one of
 * the default model's face heads, trained by its recipe and run by {@link MlpClassifier} in every prediction without
 * a PyTorch engine, and it must come out the same bits on every machine; DJL's results depend on the engine build.
 */
public final class MlpTrainer {
    private final int hidden;
    private final int epochs;
    private final double learningRate;
    private final double weightDecay;
    private final double dropout;
    private final int batchSize;
    private final long seed;

    /**
     * @param hidden       hidden units
     * @param epochs       passes over the training set
     * @param learningRate Adam step size (e.g. 1e-3)
     * @param weightDecay  decoupled weight decay per step, relative to the learning rate (e.g. 1e-4)
     * @param dropout      probability of dropping a hidden unit while training, in [0, 1)
     * @param batchSize    examples per step
     * @param seed         seed of initialisation, shuffling and dropout
     */
    public MlpTrainer(int hidden, int epochs, double learningRate, double weightDecay, double dropout, int batchSize,
                      long seed) {
        if (hidden < 1 || epochs < 1 || !(learningRate > 0) || !(weightDecay >= 0) || !(dropout >= 0 && dropout < 1)
                || batchSize < 1) {
            throw new IllegalArgumentException("invalid MLP settings: hidden " + hidden + ", epochs " + epochs
                    + ", learning rate " + learningRate + ", weight decay " + weightDecay + ", dropout " + dropout
                    + ", batch " + batchSize);
        }
        this.hidden = hidden;
        this.epochs = epochs;
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
        this.dropout = dropout;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /**
     * @param x          {@code [examples][features]}
     * @param y          class per example in {@code 0..classes-1}
     * @param classes    number of classes
     * @param validation score of a candidate model, higher is better (e.g. validation macro-F1)
     * @return the model of the epoch with the best validation score
     */
    public MlpClassifier fit(float[][] x, int[] y, int classes, ToDoubleFunction<MlpClassifier> validation) {
        int n = x.length;
        if (n == 0 || y.length != n) {
            throw new IllegalArgumentException("need as many labels as examples (> 0), got " + n + " and " + y.length);
        }
        int d = x[0].length;
        float[] mean = new float[d];
        float[] std = new float[d];
        float[][] xs = standardise(x, y, classes, mean, std);
        SplittableRandom rng = new SplittableRandom(seed);
        Layer l1 = new Layer(hidden, d, Math.sqrt(2.0 / d), rng);
        Layer l2 = new Layer(classes, hidden, Math.sqrt(1.0 / hidden), rng);
        int[] order = IntStream.range(0, n).toArray();
        double bestScore = Double.NEGATIVE_INFINITY;
        MlpClassifier best = null;
        int step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            Shuffle.inPlace(order, rng);
            for (int start = 0; start < n; start += batchSize) {
                int b = Math.min(batchSize, n - start);
                step(xs, y, order, start, b, l1, l2, rng.split(), ++step);
            }
            MlpClassifier m = new MlpClassifier(mean, std, l1.copyW(), l1.b.clone(), l2.copyW(), l2.b.clone());
            double score = validation.applyAsDouble(m);
            if (score > bestScore) {
                bestScore = score;
                best = m;
            }
        }
        return best;
    }

    private void step(float[][] xs, int[] y, int[] order, int start, int b, Layer l1, Layer l2, SplittableRandom rng,
                      int t) {
        int h = l1.out, k = l2.out, d = l1.in;
        float[][] hid = new float[b][h];
        float[][] dOut = new float[b][k];
        float keep = (float) (1 - dropout);
        long[] seeds = new long[b];
        for (int r = 0; r < b; r++) {
            seeds[r] = rng.nextLong();
        }
        // forward, loss gradient at the logits, and gradient at the hidden layer, one example per task
        float[][] dHid = new float[b][h];
        IntStream.range(0, b).parallel().forEach(r -> {
            float[] xi = xs[order[start + r]];
            SplittableRandom dr = new SplittableRandom(seeds[r]);
            float[] a = hid[r];
            for (int u = 0; u < h; u++) {
                float s = l1.b[u] + MlpClassifier.dot(l1.w[u], xi);
                a[u] = s > 0 && (dropout == 0 || dr.nextDouble() < keep) ? s / keep : 0f;
            }
            double[] z = new double[k];
            for (int c = 0; c < k; c++) {
                double s = l2.b[c];
                for (int u = 0; u < h; u++) {
                    s += l2.w[c][u] * a[u];
                }
                z[c] = s;
            }
            SoftmaxRegression.softmaxInPlace(z);
            int yi = y[order[start + r]];
            for (int c = 0; c < k; c++) {
                dOut[r][c] = (float) ((z[c] - (c == yi ? 1 : 0)) / b);
            }
            for (int u = 0; u < h; u++) {
                if (a[u] != 0f) {
                    float s = 0;
                    for (int c = 0; c < k; c++) {
                        s += dOut[r][c] * l2.w[c][u];
                    }
                    dHid[r][u] = s / keep;
                }
            }
        });
        // parameter gradients, one output unit per task (no shared writes)
        IntStream.range(0, h).parallel().forEach(u -> {
            float[] g = l1.g[u];
            java.util.Arrays.fill(g, 0f);
            float gb = 0;
            for (int r = 0; r < b; r++) {
                float dv = dHid[r][u];
                if (dv != 0f) {
                    float[] xi = xs[order[start + r]];
                    for (int j = 0; j < d; j++) {
                        g[j] += dv * xi[j];
                    }
                    gb += dv;
                }
            }
            l1.gb[u] = gb;
        });
        for (int c = 0; c < k; c++) {
            float[] g = l2.g[c];
            java.util.Arrays.fill(g, 0f);
            float gb = 0;
            for (int r = 0; r < b; r++) {
                for (int u = 0; u < h; u++) {
                    g[u] += dOut[r][c] * hid[r][u];
                }
                gb += dOut[r][c];
            }
            l2.gb[c] = gb;
        }
        l1.adam(t, learningRate, weightDecay);
        l2.adam(t, learningRate, weightDecay);
    }

    private static float[][] standardise(float[][] x, int[] y, int classes, float[] mean, float[] std) {
        int n = x.length, d = mean.length;
        double[] m = new double[d], v = new double[d];
        for (int i = 0; i < n; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("example " + i + " has " + x[i].length + " features, expected " + d);
            }
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("label " + y[i] + " of example " + i + " is outside 0.." + (classes - 1));
            }
            for (int j = 0; j < d; j++) {
                m[j] += x[i][j];
            }
        }
        for (int j = 0; j < d; j++) {
            m[j] /= n;
        }
        for (float[] r : x) {
            for (int j = 0; j < d; j++) {
                v[j] += (r[j] - m[j]) * (r[j] - m[j]);
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] = (float) m[j];
            double s = Math.sqrt(v[j] / n);
            std[j] = s > 1e-8 ? (float) s : 1f;
        }
        float[][] xs = new float[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                xs[i][j] = (x[i][j] - mean[j]) / std[j];
            }
        }
        return xs;
    }

    /** A dense layer's weights, gradients and AdamW moments (one set per weight row, one for the biases). */
    private static final class Layer {
        final int out, in;
        final float[][] w, g;
        final float[] b, gb;
        final AdamW[] rows;
        final AdamW biases;

        Layer(int out, int in, double initStd, SplittableRandom rng) {
            this.out = out;
            this.in = in;
            w = new float[out][in];
            g = new float[out][in];
            b = new float[out];
            gb = new float[out];
            rows = new AdamW[out];
            for (int o = 0; o < out; o++) {
                rows[o] = new AdamW(in);
            }
            biases = new AdamW(out);
            for (float[] row : w) {
                for (int j = 0; j < in; j++) {
                    // Box-Muller: SplittableRandom has no nextGaussian in Java 17
                    double u1 = 1 - rng.nextDouble(), u2 = rng.nextDouble();
                    row[j] = (float) (initStd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
                }
            }
        }

        /** Weights decay, biases do not. */
        void adam(int t, double lr, double wd) {
            for (int o = 0; o < out; o++) {
                rows[o].step(w[o], g[o], t, lr, wd);
            }
            biases.step(b, gb, t, lr, 0);
        }

        float[][] copyW() {
            float[][] r = new float[out][];
            for (int o = 0; o < out; o++) {
                r[o] = w[o].clone();
            }
            return r;
        }
    }
}
