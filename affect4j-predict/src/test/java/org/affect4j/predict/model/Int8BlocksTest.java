package org.affect4j.predict.model;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Int8BlocksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Gaussian weights with a few outliers, of a length that leaves a short last block. */
    private static float[] weights(long seed, int n) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextGaussian() * (i % 97 == 0 ? 0.5 : 0.05));
        for (int i = 32; i < Math.min(n, 64); i++) v[i] = 0; // a block of zeros
        return v;
    }

    @Test
    void everyWeightIsWithinHalfAStepOfItsBlocksGridAndTheGridIsKeptExactly() {
        float[] v = weights(1, 32 * 50 + 7);
        float[] r = Int8Blocks.rounded(v);
        assertEquals(v.length, r.length);
        for (int k = 0; k * Int8Blocks.BLOCK < v.length; k++) {
            int from = k * Int8Blocks.BLOCK, to = Math.min(v.length, from + Int8Blocks.BLOCK);
            float max = 0;
            for (int i = from; i < to; i++) max = Math.max(max, Math.abs(v[i]));
            float step = Int8Blocks.scale(max);
            assertTrue(step >= max / 127f && step <= max / 127f * (1 + 1e-4f), "step " + step + " for max " + max);
            for (int i = from; i < to; i++) {
                assertTrue(Math.abs(v[i] - r[i]) <= step / 2 * (1 + 1e-6f), "weight " + i + ": " + v[i] + " -> " + r[i]);
                double q = step == 0 ? 0 : r[i] / (double) step;
                assertEquals(Math.rint(q), q, 0, "on the grid");
                assertTrue(Math.abs(q) <= 127);
            }
        }
        for (int i = 32; i < 64; i++) assertEquals(0f, r[i]);
        // rounded numbers are exactly what 8 bits hold: encoded again they give the same bytes and values
        byte[] again = Int8Blocks.lossless(r);
        assertNotNull(again);
        assertArrayEquals(Int8Blocks.encode(v), again);
        assertArrayEquals(r, Int8Blocks.decode(ByteBuffer.wrap(again)));
        // trained float32 numbers are not: they stay float32
        assertNull(Int8Blocks.lossless(v));
        assertNull(Int8Blocks.lossless(new float[]{-0f}), "-0 is not 0 bit for bit");
        assertEquals(0, Int8Blocks.rounded(new float[0]).length);
    }

    @Test
    void aWeightMatrixInEightBitsIsAQuarterOfTheFileAndReadsBackBitForBit() throws Exception {
        int[] classes = {0, 4};
        float[] w1 = weights(2, 64 * 10), w2 = weights(3, 2 * 64);
        MlpHead trained = new MlpHead(classes, 64, weights(4, 10), ones(10), w1, weights(5, 64), w2, new float[]{0.1f, -0.2f});
        String f32 = JSON.writeValueAsString(trained);
        assertTrue(!f32.contains(Int8Blocks.PREFIX), "trained numbers are written as they are");
        assertArrayEquals(w1, JSON.readValue(f32, MlpHead.class).w1());

        MlpHead rounded = WeightPrecision.INT8.apply(trained, MlpHead.class);
        assertArrayEquals(Int8Blocks.rounded(w1), rounded.w1());
        assertArrayEquals(Int8Blocks.rounded(w2), rounded.w2());
        assertArrayEquals(trained.mean(), rounded.mean(), "standardisation and biases stay float32");
        assertArrayEquals(trained.b1(), rounded.b1());
        String q8 = JSON.writeValueAsString(rounded);
        assertEquals(2, q8.split(Int8Blocks.PREFIX, -1).length - 1, "w1 and w2 in 8 bits");
        assertTrue(q8.length() < f32.length() * 0.45, q8.length() + " against " + f32.length());
        MlpHead back = JSON.readValue(q8, MlpHead.class);
        assertArrayEquals(rounded.w1(), back.w1());
        assertArrayEquals(rounded.w2(), back.w2());
        assertEquals(q8, JSON.writeValueAsString(back), "written again, the same file");
        assertEquals(q8, JSON.writeValueAsString(WeightPrecision.INT8.apply(rounded, MlpHead.class)), "rounding twice is rounding once");
        assertTrue(WeightPrecision.FLOAT32.apply(trained, MlpHead.class) == trained);

        String broken = q8.replaceFirst(Int8Blocks.PREFIX + "....", Int8Blocks.PREFIX + "AAAA");
        JsonMappingException e = assertThrows(JsonMappingException.class, () -> JSON.readValue(broken, MlpHead.class));
        assertTrue(e.getMessage().contains("not an 8-bit array"), e.getMessage());
    }

    @Test
    void precisionsAreNamedAsConfigsWriteThem() {
        assertEquals(WeightPrecision.INT8, WeightPrecision.of("int8"));
        assertEquals(WeightPrecision.FLOAT32, WeightPrecision.of(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightPrecision.of("fp16"));
        assertTrue(e.getMessage().contains("'fp16'"), e.getMessage());
    }

    private static float[] ones(int n) {
        float[] o = new float[n];
        java.util.Arrays.fill(o, 1f);
        return o;
    }
}
