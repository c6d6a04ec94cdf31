package org.affect4j.predict.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.affect4j.linear.MlpClassifier;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * A one-hidden-layer perceptron head ({@link MlpClassifier}). Its weights are saved as base64 of little-endian
 * float32 (row-major), so a 1,479 x 256 layer is 2 MB of text instead of 5 and reads back bit for bit.
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
                      @JsonSerialize(using = F32.Out.class) @JsonDeserialize(using = F32.In.class) float[] mean,
                      @JsonSerialize(using = F32.Out.class) @JsonDeserialize(using = F32.In.class) float[] std,
                      @JsonSerialize(using = F32.Out.class) @JsonDeserialize(using = F32.In.class) float[] w1,
                      @JsonSerialize(using = F32.Out.class) @JsonDeserialize(using = F32.In.class) float[] b1,
                      @JsonSerialize(using = F32.Out.class) @JsonDeserialize(using = F32.In.class) float[] w2,
                      @JsonSerialize(using = F32.Out.class) @JsonDeserialize(using = F32.In.class) float[] b2)
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

    /** float[] as base64 of little-endian float32. */
    static final class F32 {
        private F32() {
        }

        static final class Out extends JsonSerializer<float[]> {
            @Override
            public void serialize(float[] v, JsonGenerator g, SerializerProvider p) throws IOException {
                ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(v);
                g.writeString(Base64.getEncoder().encodeToString(b.array()));
            }
        }

        static final class In extends JsonDeserializer<float[]> {
            @Override
            public float[] deserialize(JsonParser p, DeserializationContext c) throws IOException {
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(p.getValueAsString());
                } catch (IllegalArgumentException e) {
                    throw c.weirdStringException(p.getValueAsString(), float[].class, "not base64 float32");
                }
                if (bytes.length % 4 != 0) throw c.weirdStringException("", float[].class, "length is not a multiple of 4");
                float[] out = new float[bytes.length / 4];
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
                return out;
            }
        }
    }
}
