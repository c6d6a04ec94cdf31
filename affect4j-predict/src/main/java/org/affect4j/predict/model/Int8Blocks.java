package org.affect4j.predict.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Weight matrices in 8 bits, as GGML's {@code Q8_0} stores them: the array cut into blocks of {@value #BLOCK} values,
 * each value {@code q * scale} with {@code q} in [-127, 127] and one float32 scale per block. A model file holds such
 * an array as {@code "q8:"} and base64 of {@code [int32 length][float32 scale per block][int8 q per value]}, little
 * endian (':' is not a base64 character, so the prefix cannot start a plain array).
 *
 * <p>A block's scale is its largest magnitude / 127, rounded up to 17 significant bits: then {@code q * scale} is
 * exact in float32 for every {@code q}, and numbers that came out of these blocks quantise to the same blocks again.
 * So a model whose weights were rounded here ({@link WeightPrecision#INT8}) is written in 8 bits and read back bit for
 * bit, and any other array ({@link #lossless} finds out) is written as float32.
 */
final class Int8Blocks {
    private Int8Blocks() {
    }

    /** Values per block: GGML's choice, which keeps a block's largest value close to its typical one. */
    static final int BLOCK = 32;
    /** Starts an 8-bit array's text in a model file. */
    static final String PREFIX = "q8:";
    /** A writer attribute: when {@code Boolean.TRUE}, weight arrays are rounded to 8 bits as they are written. */
    static final String ROUND = "affect4j.int8Weights";

    /** The scale of a block whose largest magnitude is {@code max}: max / 127 with its low 7 mantissa bits rounded up. */
    static float scale(float max) {
        int bits = Float.floatToRawIntBits(max / 127f);
        if ((bits & 0x7F) != 0) bits = (bits & ~0x7F) + 0x80; // a carry into the exponent keeps 17 bits too
        return Float.intBitsToFloat(bits);
    }

    /** The encoded bytes of {@code v} in 8 bits (rounding every value to its block's grid). */
    static byte[] encode(float[] v) {
        int blocks = (v.length + BLOCK - 1) / BLOCK;
        ByteBuffer b = ByteBuffer.allocate(Integer.BYTES + blocks * Float.BYTES + v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(v.length);
        int qAt = Integer.BYTES + blocks * Float.BYTES;
        for (int k = 0; k < blocks; k++) {
            int from = k * BLOCK;
            int to = Math.min(v.length, from + BLOCK);
            float max = 0;
            for (int i = from; i < to; i++) max = Math.max(max, Math.abs(v[i]));
            float s = scale(max);
            b.putFloat(Integer.BYTES + k * Float.BYTES, s);
            for (int i = from; i < to; i++) {
                long q = s == 0 ? 0 : Math.round(v[i] / s);
                b.put(qAt + i, (byte) Math.max(-127, Math.min(127, q)));
            }
        }
        return b.array();
    }

    /** The values of encoded bytes. */
    static float[] decode(ByteBuffer b) {
        b = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < Integer.BYTES) throw new IllegalArgumentException("an 8-bit array without its length");
        int n = b.getInt(b.position());
        int blocks = n < 0 ? -1 : (n + BLOCK - 1) / BLOCK;
        if (blocks < 0 || b.remaining() != Integer.BYTES + (long) blocks * Float.BYTES + n) {
            throw new IllegalArgumentException("an 8-bit array of " + b.remaining() + " bytes cannot hold " + n + " values");
        }
        int scales = b.position() + Integer.BYTES;
        int qs = scales + blocks * Float.BYTES;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = b.get(qs + i) * b.getFloat(scales + (i / BLOCK) * Float.BYTES);
        return out;
    }

    /** {@code v} rounded to its blocks' grids (what a model file in 8 bits reads back). */
    static float[] rounded(float[] v) {
        return decode(ByteBuffer.wrap(encode(v)));
    }

    /** The encoded bytes of {@code v} when 8 bits hold it exactly, else null. */
    static byte[] lossless(float[] v) {
        byte[] e = encode(v);
        float[] back = decode(ByteBuffer.wrap(e));
        for (int i = 0; i < v.length; i++) {
            if (Float.floatToRawIntBits(back[i]) != Float.floatToRawIntBits(v[i])) return null;
        }
        return e;
    }
}
