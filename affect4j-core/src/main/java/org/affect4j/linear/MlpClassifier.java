package org.affect4j.linear;

/**
 * A fitted one-hidden-layer perceptron with built-in standardisation:
 * {@code p = softmax(W2 relu(W1 ((x - mean) / std) + b1) + b2)}. Immutable and thread-safe. Made by
 * {@link MlpTrainer}.
 */
public final class MlpClassifier {
    private final float[] mean;
    private final float[] std;
    private final float[][] w1;
    private final float[] b1;
    private final float[][] w2;
    private final float[] b2;

    /**
     * Arrays are used as given (the trainer hands over copies; a saved model hands over what it read); shapes
     * {@code w1 [h][d]}, {@code w2 [classes][h]}.
     */
    public MlpClassifier(float[] mean, float[] std, float[][] w1, float[] b1, float[][] w2, float[] b2) {
        this.mean = mean;
        this.std = std;
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
    }

    public float[] mean() {
        return mean;
    }

    public float[] std() {
        return std;
    }

    public float[][] w1() {
        return w1;
    }

    public float[] b1() {
        return b1;
    }

    public float[][] w2() {
        return w2;
    }

    public float[] b2() {
        return b2;
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
        float[] xs = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            xs[j] = (x[j] - mean[j]) / std[j];
        }
        float[] h = new float[b1.length];
        for (int u = 0; u < h.length; u++) h[u] = Math.max(0f, b1[u] + dot(w1[u], xs));
        double[] z = new double[b2.length];
        for (int k = 0; k < z.length; k++) {
            double s = b2[k];
            for (int u = 0; u < h.length; u++) {
                s += w2[k][u] * h[u];
            }
            z[k] = s;
        }
        return SoftmaxRegression.softmaxInPlace(z);
    }

    /**
     * The dot product of two equally long vectors, summed in four interleaved parts: the JIT runs independent sums
     * side by side where one running sum would wait on each addition (about 3x faster on the first layer).
     */
    static float dot(float[] w, float[] x) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int j = 0, n = x.length;
        for (; j + 3 < n; j += 4) {
            s0 += w[j] * x[j];
            s1 += w[j + 1] * x[j + 1];
            s2 += w[j + 2] * x[j + 2];
            s3 += w[j + 3] * x[j + 3];
        }
        for (; j < n; j++) s0 += w[j] * x[j];
        return (s0 + s1) + (s2 + s3);
    }

    /** The most probable class of one example. */
    public int predict(float[] x) {
        return SoftmaxRegression.argmax(probabilities(x));
    }
}
