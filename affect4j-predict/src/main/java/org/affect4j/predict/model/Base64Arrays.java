package org.affect4j.predict.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Weights in a model file as base64 of little-endian float32 ({@code float[]}) or float64 ({@code double[]}): read
 * back bit for bit, a third of the text of decimals and several times faster to read at start-up (decimal parsing
 * was ~0.4 CPU-s of the shipped model's load). Arrays of numbers, the form of older files, are read as well.
 * In a compiled model ({@link WeightBlob}, a reader or writer given the attribute {@link WeightBlob#ATTRIBUTE}) each
 * array is a reference {@code "@OFFSET:BYTES"} into the binary part instead ('@' is not a base64 character).
 * Weight matrices ({@link WeightsOut}) are written in 8 bits ({@link Int8Blocks}) when that holds them exactly.
 */
final class Base64Arrays {
    private Base64Arrays() {
    }

    private static final char REFERENCE = '@';

    /** The array's bytes as a reference into the writer's blob, or as base64 when there is none. */
    private static void write(ByteBuffer b, JsonGenerator g, SerializerProvider p) throws IOException {
        Object sink = p.getAttribute(WeightBlob.ATTRIBUTE);
        if (sink instanceof WeightBlob.Sink s) {
            g.writeString(REFERENCE + s.add(b.array()));
        } else {
            g.writeString(Base64.getEncoder().encodeToString(b.array()));
        }
    }

    /** The referenced bytes of a compiled model, or null when the value is base64 text. */
    private static ByteBuffer referenced(JsonParser p, DeserializationContext c, Class<?> type, int width) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING || p.getTextLength() == 0
                || p.getTextCharacters()[p.getTextOffset()] != REFERENCE) {
            return null;
        }
        if (!(c.getAttribute(WeightBlob.ATTRIBUTE) instanceof ByteBuffer blob)) {
            throw c.weirdStringException(p.getText(), type, "a compiled model's reference outside a compiled model");
        }
        ByteBuffer b = WeightBlob.slice(blob, p.getText().substring(1));
        if (b == null || b.remaining() % width != 0) throw c.weirdStringException(p.getText(), type, "a reference outside the blob");
        return b.order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] bytes(JsonParser p, DeserializationContext c, Class<?> type, int width) throws IOException {
        byte[] b;
        try {
            // decoded from the parser's buffer: no multi-megabyte String in between (start-up reads 7 MB of these)
            b = p.getBinaryValue(com.fasterxml.jackson.core.Base64Variants.MIME_NO_LINEFEEDS);
        } catch (com.fasterxml.jackson.core.exc.StreamReadException e) {
            throw c.weirdStringException("", type, "not base64 of little-endian numbers");
        }
        if (b.length % width != 0) throw c.weirdStringException("", type, "length is not a multiple of " + width);
        return b;
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The array's little-endian bytes: a compiled model's reference into its blob, or decoded base64 text. */
    private static ByteBuffer arrayBytes(JsonParser p, DeserializationContext c, Class<?> type, int width) throws IOException {
        ByteBuffer b = referenced(p, c, type, width);
        return b != null ? b : le(bytes(p, c, type, width));
    }

    /** float[] out as base64 of float32. */
    static final class F32Out extends JsonSerializer<float[]> {
        @Override
        public void serialize(float[] v, JsonGenerator g, SerializerProvider p) throws IOException {
            float32(v, g, p);
        }
    }

    private static void float32(float[] v, JsonGenerator g, SerializerProvider p) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        write(b, g, p);
    }

    /**
     * A weight matrix out: in 8 bits ({@link Int8Blocks}) when they hold it exactly or the writer rounds
     * ({@link Int8Blocks#ROUND}), else as {@link F32Out}; a compiled model keeps float32 (no decoding at start-up).
     */
    static final class WeightsOut extends JsonSerializer<float[]> {
        @Override
        public void serialize(float[] v, JsonGenerator g, SerializerProvider p) throws IOException {
            if (!(p.getAttribute(WeightBlob.ATTRIBUTE) instanceof WeightBlob.Sink)) {
                byte[] q = Boolean.TRUE.equals(p.getAttribute(Int8Blocks.ROUND)) ? Int8Blocks.encode(v) : Int8Blocks.lossless(v);
                if (q != null) {
                    g.writeString(Int8Blocks.PREFIX + Base64.getEncoder().encodeToString(q));
                    return;
                }
            }
            float32(v, g, p);
        }
    }

    /** float[] in from base64 of float32 or of 8-bit blocks ({@link Int8Blocks}), or from an array of numbers. */
    static final class F32In extends JsonDeserializer<float[]> {
        @Override
        public float[] deserialize(JsonParser p, DeserializationContext c) throws IOException {
            if (p.currentToken() == JsonToken.START_ARRAY) return c.readValue(p, float[].class);
            if (p.currentToken() == JsonToken.VALUE_STRING && p.getTextLength() >= Int8Blocks.PREFIX.length()
                    && Int8Blocks.PREFIX.contentEquals(java.nio.CharBuffer.wrap(p.getTextCharacters(), p.getTextOffset(),
                    Int8Blocks.PREFIX.length()))) {
                try {
                    return Int8Blocks.decode(ByteBuffer.wrap(Base64.getDecoder().decode(p.getText().substring(Int8Blocks.PREFIX.length()))));
                } catch (IllegalArgumentException e) {
                    throw c.weirdStringException("", float[].class, "not an 8-bit array: " + e.getMessage());
                }
            }
            ByteBuffer b = arrayBytes(p, c, float[].class, Float.BYTES);
            float[] out = new float[b.remaining() / Float.BYTES];
            b.asFloatBuffer().get(out);
            return out;
        }
    }

    /** double[] out as base64 of float64. */
    static final class F64Out extends JsonSerializer<double[]> {
        @Override
        public void serialize(double[] v, JsonGenerator g, SerializerProvider p) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(v.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            b.asDoubleBuffer().put(v);
            write(b, g, p);
        }
    }

    /** double[] in from base64 of float64, or from an array of numbers. */
    static final class F64In extends JsonDeserializer<double[]> {
        @Override
        public double[] deserialize(JsonParser p, DeserializationContext c) throws IOException {
            if (p.currentToken() == JsonToken.START_ARRAY) return c.readValue(p, double[].class);
            ByteBuffer b = arrayBytes(p, c, double[].class, Double.BYTES);
            double[] out = new double[b.remaining() / Double.BYTES];
            b.asDoubleBuffer().get(out);
            return out;
        }
    }
}
