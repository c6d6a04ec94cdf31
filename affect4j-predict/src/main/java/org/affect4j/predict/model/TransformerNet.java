package org.affect4j.predict.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.util.List;

/**
 * A research run's Transformer network ({@code org.affect4j.models.ExpressionNet} with a {@code transformer} encoder
 * and no hidden head layers) in plain Java, so a shipped model runs it without the training engine: standardise,
 * fusion {@code Linear + ReLU}, bias-free projection to the model width, sinusoidal positions, post-norm encoder
 * layers (attention over the valid steps only), a linear output per step. Inference only (dropout is identity).
 * Saved with float32 base64 arrays ({@link Base64Arrays}); the dense layers' weights in 8 bits when the network was
 * rounded ({@link WeightPrecision#INT8}).
 *
 * @param mean       standardisation means of the input
 * @param std        standardisation divisors
 * @param fusion     {@code in -> fusionDim}, followed by ReLU
 * @param projection bias-free {@code fusionDim -> width}
 * @param heads      attention heads
 * @param layers     encoder layers, bottom first
 * @param output     {@code width -> classes} logits per step
 */
public record TransformerNet(@JsonSerialize(using = Base64Arrays.F32Out.class) @JsonDeserialize(using = Base64Arrays.F32In.class) float[] mean,
                             @JsonSerialize(using = Base64Arrays.F32Out.class) @JsonDeserialize(using = Base64Arrays.F32In.class) float[] std,
                             Dense fusion, Dense projection, int heads, List<Layer> layers, Dense output) {
    /** LayerNorm's epsilon in PyTorch and DJL. */
    private static final float EPS = 1e-5f;

    public TransformerNet {
        layers = List.copyOf(layers);
        int width = projection.out();
        if (mean.length != std.length || fusion.in() != mean.length || projection.in() != fusion.out()
                || output.in() != width || heads <= 0 || width % heads != 0 || width % 2 != 0) {
            throw new IllegalArgumentException("transformer network shapes do not fit together");
        }
        for (Layer l : layers) l.check(width);
    }

    /**
     * A dense layer {@code y = W x + b}.
     *
     * @param in     input width
     * @param out    output width
     * @param weight {@code [out][in]} row-major
     * @param bias   {@code [out]}, or an empty array for none
     */
    public record Dense(int in, int out,
                        @JsonSerialize(using = Base64Arrays.WeightsOut.class) @JsonDeserialize(using = Base64Arrays.F32In.class) float[] weight,
                        @JsonSerialize(using = Base64Arrays.F32Out.class) @JsonDeserialize(using = Base64Arrays.F32In.class) float[] bias) {
        public Dense {
            if (weight.length != in * out || (bias.length != 0 && bias.length != out)) {
                throw new IllegalArgumentException("dense layer " + in + " -> " + out + " has " + weight.length
                        + " weights and " + bias.length + " biases");
            }
        }

        /**
         * {@code x [rows][in]} to {@code [rows][out]}. Each output is summed in the order {@code bias, w0 x0, w1 x1, ...}
         * as a dot product would, but the loop runs over the outputs innermost (the weights transposed once per call),
         * which the JIT vectorises; a floating-point reduction it would not.
         */
        float[][] apply(float[][] x) {
            float[] wt = new float[in * out];
            for (int j = 0; j < out; j++) for (int k = 0; k < in; k++) wt[k * out + j] = weight[j * in + k];
            float[][] y = new float[x.length][];
            for (int r = 0; r < x.length; r++) y[r] = bias.length == 0 ? new float[out] : bias.clone();
            int r = 0;
            for (; r + 4 <= x.length; r += 4) { // four rows per pass over the weights
                float[] x0 = x[r], x1 = x[r + 1], x2 = x[r + 2], x3 = x[r + 3];
                float[] o0 = y[r], o1 = y[r + 1], o2 = y[r + 2], o3 = y[r + 3];
                for (int k = 0; k < in; k++) {
                    float a0 = x0[k], a1 = x1[k], a2 = x2[k], a3 = x3[k];
                    int w = k * out;
                    for (int j = 0; j < out; j++) {
                        float wj = wt[w + j];
                        o0[j] += a0 * wj;
                        o1[j] += a1 * wj;
                        o2[j] += a2 * wj;
                        o3[j] += a3 * wj;
                    }
                }
            }
            for (; r < x.length; r++) {
                float[] row = x[r], o = y[r];
                for (int k = 0; k < in; k++) {
                    float a = row[k];
                    int w = k * out;
                    for (int j = 0; j < out; j++) o[j] += a * wt[w + j];
                }
            }
            return y;
        }
    }

    /**
     * One post-norm encoder layer: {@code x = norm1(x + attention(x)); x = norm2(x + linear2(relu(linear1(x))))}.
     *
     * @param query  query projection
     * @param key    key projection
     * @param value  value projection
     * @param result attention output projection
     * @param norm1Gain  first LayerNorm's gain
     * @param norm1Shift first LayerNorm's shift
     * @param linear1    feed-forward in
     * @param linear2    feed-forward out
     * @param norm2Gain  second LayerNorm's gain
     * @param norm2Shift second LayerNorm's shift
     */
    public record Layer(Dense query, Dense key, Dense value, Dense result,
                        @JsonSerialize(using = Base64Arrays.F32Out.class) @JsonDeserialize(using = Base64Arrays.F32In.class) float[] norm1Gain,
                        @JsonSerialize(using = Base64Arrays.F32Out.class) @JsonDeserialize(using = Base64Arrays.F32In.class) float[] norm1Shift,
                        Dense linear1, Dense linear2,
                        @JsonSerialize(using = Base64Arrays.F32Out.class) @JsonDeserialize(using = Base64Arrays.F32In.class) float[] norm2Gain,
                        @JsonSerialize(using = Base64Arrays.F32Out.class) @JsonDeserialize(using = Base64Arrays.F32In.class) float[] norm2Shift) {
        void check(int width) {
            for (Dense d : List.of(query, key, value, result)) {
                if (d.in() != width || d.out() != width) throw new IllegalArgumentException("attention projections must be " + width + " wide");
            }
            if (linear1.in() != width || linear2.out() != width || linear2.in() != linear1.out()
                    || norm1Gain.length != width || norm1Shift.length != width || norm2Gain.length != width || norm2Shift.length != width) {
                throw new IllegalArgumentException("encoder layer shapes do not fit width " + width);
            }
        }
    }

    /** Input width. */
    public int inputs() {
        return mean.length;
    }

    /** Model width (the encoder layers' input and output). */
    public int width() {
        return projection.out();
    }

    /** Outputs per step (logits). */
    public int classes() {
        return output.out();
    }

    /**
     * Logits of every step of one sequence. Invalid steps are not attended to (their own outputs are computed but
     * mean nothing); at least one step must be valid for the valid steps' outputs to be defined.
     *
     * @param x     {@code [steps][inputs]} raw (unstandardised) values
     * @param valid per step, whether it may be attended to
     * @return {@code [steps][classes]} logits
     */
    public float[][] logits(float[][] x, boolean[] valid) {
        int t = x.length, width = projection.out();
        float[][] z = new float[t][];
        for (int i = 0; i < t; i++) {
            if (x[i].length != mean.length) throw new IllegalArgumentException("step " + i + " has " + x[i].length + " values, expected " + mean.length);
            float[] r = new float[mean.length];
            for (int k = 0; k < r.length; k++) r[k] = (x[i][k] - mean[k]) / std[k];
            z[i] = r;
        }
        float[][] h = fusion.apply(z);
        for (float[] r : h) for (int k = 0; k < r.length; k++) r[k] = Math.max(0f, r[k]);
        h = projection.apply(h);
        float[] pe = org.affect4j.models.SinusoidalPositions.table(t, width);
        for (int i = 0; i < t; i++) for (int k = 0; k < width; k++) h[i][k] += pe[i * width + k];
        for (Layer l : layers) h = layer(l, h, valid);
        return output.apply(h);
    }

    private float[][] layer(Layer l, float[][] x, boolean[] valid) {
        int t = x.length, width = projection.out(), hs = width / heads;
        float[][] q = l.query().apply(x), k = l.key().apply(x), v = l.value().apply(x);
        float[][] ctx = new float[t][width];
        double scale = 1.0 / Math.sqrt(hs);
        float[] p = new float[t], s = new float[t];
        float[][] kt = new float[width][t]; // keys transposed: the scores of one query are summed over the steps innermost
        for (int j = 0; j < t; j++) for (int c = 0; c < width; c++) kt[c][j] = k[j][c];
        for (int hd = 0; hd < heads; hd++) {
            int o = hd * hs;
            for (int i = 0; i < t; i++) {
                java.util.Arrays.fill(s, 0f);
                for (int c = 0; c < hs; c++) {
                    float qc = q[i][o + c];
                    float[] kc = kt[o + c];
                    for (int j = 0; j < t; j++) s[j] += qc * kc[j];
                }
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < t; j++) {
                    if (!valid[j]) {
                        p[j] = Float.NEGATIVE_INFINITY;
                        continue;
                    }
                    p[j] = (float) (s[j] * scale);
                    max = Math.max(max, p[j]);
                }
                double sum = 0;
                for (int j = 0; j < t; j++) {
                    double e = valid[j] ? Math.exp(p[j] - max) : 0;
                    p[j] = (float) e;
                    sum += e;
                }
                float[] out = ctx[i];
                for (int j = 0; j < t; j++) {
                    if (p[j] == 0) continue;
                    float w = (float) (p[j] / sum);
                    for (int c = 0; c < hs; c++) out[o + c] += w * v[j][o + c];
                }
            }
        }
        float[][] a = l.result().apply(ctx);
        for (int i = 0; i < t; i++) for (int c = 0; c < width; c++) a[i][c] += x[i][c];
        normalise(a, l.norm1Gain(), l.norm1Shift());
        float[][] f = l.linear1().apply(a);
        for (float[] r : f) for (int c = 0; c < r.length; c++) r[c] = Math.max(0f, r[c]);
        f = l.linear2().apply(f);
        for (int i = 0; i < t; i++) for (int c = 0; c < width; c++) f[i][c] += a[i][c];
        normalise(f, l.norm2Gain(), l.norm2Shift());
        return f;
    }

    private static void normalise(float[][] x, float[] gain, float[] shift) {
        for (float[] r : x) {
            double m = 0, v = 0;
            for (float a : r) m += a;
            m /= r.length;
            for (float a : r) v += (a - m) * (a - m);
            double inv = 1.0 / Math.sqrt(v / r.length + EPS);
            for (int c = 0; c < r.length; c++) r[c] = (float) ((r[c] - m) * inv) * gain[c] + shift[c];
        }
    }
}
