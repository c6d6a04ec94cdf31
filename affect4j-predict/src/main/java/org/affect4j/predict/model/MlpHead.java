package org.affect4j.predict.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.affect4j.linear.MlpClassifier;

/**
 * A one-hidden-layer perceptron head ({@link MlpClassifier}). Its weights are saved as base64 of little-endian
 * float32 (row-major), so a 1,479 x 256 layer is 2 MB of text instead of 5 and reads back bit for bit; the two layers'
 * weights of a head rounded to 8 bits ({@link WeightPrecision#INT8}) take a quarter of that.
 *
 * @param classIndex ABAW index of each output
 * @param hidden     hidden units
 * @param mean       standardisation means {@code [features]}
 * @param std        standardisation divisors {@code [features]}
 * @param w1         first layer {@code [hidden * features]}
 * @param b1         {@code [hidden]}
 * @param w2         output layer {@code [classes * hidden]}
 * @param b2         {@code [classes]}
 */
public record MlpHead(int[] classIndex, int hidden,
                      @JsonSerialize(using = Base64Arrays.F32Out.class) @JsonDeserialize(using = Base64Arrays.F32In.class) float[] mean,
                      @JsonSerialize(using = Base64Arrays.F32Out.class) @JsonDeserialize(using = Base64Arrays.F32In.class) float[] std,
                      @JsonSerialize(using = Base64Arrays.WeightsOut.class) @JsonDeserialize(using = Base64Arrays.F32In.class) float[] w1,
                      @JsonSerialize(using = Base64Arrays.F32Out.class) @JsonDeserialize(using = Base64Arrays.F32In.class) float[] b1,
                      @JsonSerialize(using = Base64Arrays.WeightsOut.class) @JsonDeserialize(using = Base64Arrays.F32In.class) float[] w2,
                      @JsonSerialize(using = Base64Arrays.F32Out.class) @JsonDeserialize(using = Base64Arrays.F32In.class) float[] b2)
        implements Head {
    public MlpHead {
        Head.checkClasses(classIndex, b2.length);
        int d = mean.length;
        if (std.length != d || b1.length != hidden || w1.length != hidden * d || w2.length != b2.length * hidden) {
            throw new IllegalArgumentException("MLP head shapes disagree: " + d + " features, " + hidden + " hidden, "
                    + b2.length + " classes");
        }
    }

    /** Wraps a fitted perceptron. */
    public static MlpHead of(MlpClassifier m, int[] classIndex) {
        return new MlpHead(classIndex, m.b1().length, m.mean(), m.std(), flat(m.w1()), m.b1(), flat(m.w2()), m.b2());
    }

    @Override
    @JsonIgnore
    public int features() {
        return mean.length;
    }

    @Override
    public Scorer scorer() {
        MlpClassifier m = classifier();
        return row -> Head.toAbaw(m.probabilities(row), classIndex);
    }

    /** The perceptron these weights describe. */
    MlpClassifier classifier() {
        return new MlpClassifier(mean, std, rows(w1, hidden), b1, rows(w2, b2.length), b2);
    }

    private static float[] flat(float[][] m) {
        int c = m[0].length;
        float[] out = new float[m.length * c];
        for (int r = 0; r < m.length; r++) System.arraycopy(m[r], 0, out, r * c, c);
        return out;
    }

    private static float[][] rows(float[] flat, int n) {
        int c = flat.length / n;
        float[][] out = new float[n][];
        for (int r = 0; r < n; r++) out[r] = java.util.Arrays.copyOfRange(flat, r * c, (r + 1) * c);
        return out;
    }
}
