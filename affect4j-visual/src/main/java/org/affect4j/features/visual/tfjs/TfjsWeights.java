package org.affect4j.features.visual.tfjs;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the binary weights of a TensorFlow.js model from its weights manifest: the list of groups, each with
 * shard {@code paths} (concatenated in order) and {@code weights} laid out back to back. Dequantises as tfjs does
 * ({@code uint8}/{@code uint16}: {@code q * scale + min} in double, stored as float; {@code float16}: exact widening).
 */
public final class TfjsWeights {
    private TfjsWeights() {
    }

    /**
     * Loads every weight of {@code manifest} (a JSON array of groups) whose shards live in {@code dir}.
     *
     * @param source file the manifest came from, named in error messages
     * @return weights by name, in manifest order
     * @throws IllegalArgumentException if a shard is missing, too short, or a dtype is unsupported
     */
    public static Map<String, TfjsTensor> load(JsonNode manifest, Path dir, Path source) {
        if (manifest == null || !manifest.isArray()) {
            throw new IllegalArgumentException(source + ": weights manifest is not a JSON array");
        }
        Map<String, TfjsTensor> out = new LinkedHashMap<>();
        for (JsonNode group : manifest) {
            ByteBuffer buf = ByteBuffer.wrap(readShards(group.path("paths"), dir, source)).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonNode w : group.path("weights")) {
                TfjsTensor t = read(w, buf, source);
                out.put(t.name(), t);
            }
            if (buf.hasRemaining()) {
                throw new IllegalArgumentException(source + ": " + buf.remaining()
                        + " bytes left over after the last weight of a group; manifest and shards disagree");
            }
        }
        return out;
    }

    private static byte[] readShards(JsonNode paths, Path dir, Path source) {
        try {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (JsonNode p : paths) {
                Path shard = dir.resolve(p.asText());
                if (!Files.isRegularFile(shard)) {
                    throw new IllegalArgumentException(source + ": weight shard " + shard + " does not exist");
                }
                all.write(Files.readAllBytes(shard));
            }
            return all.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read weight shards of " + source + ": " + e.getMessage(), e);
        }
    }

    private static TfjsTensor read(JsonNode w, ByteBuffer buf, Path source) {
        String name = w.path("name").asText();
        JsonNode shapeNode = w.path("shape");
        int[] shape = new int[shapeNode.size()];
        int n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt();
            n *= shape[i];
        }
        String dtype = w.path("dtype").asText();
        JsonNode q = w.get("quantization");
        String stored = q == null ? dtype : q.path("dtype").asText();
        int bytesPer = switch (stored) {
            case "float32", "int32" -> 4;
            case "uint16", "float16" -> 2;
            case "uint8", "bool" -> 1;
            default -> throw new IllegalArgumentException(source + ": weight " + name + " has unsupported dtype " + stored);
        };
        if (buf.remaining() < (long) n * bytesPer) {
            throw new IllegalArgumentException(source + ": weight shards end inside weight " + name);
        }
        if (dtype.equals("int32") && q == null) {
            int[] ints = new int[n];
            for (int i = 0; i < n; i++) {
                ints[i] = buf.getInt();
            }
            return new TfjsTensor(name, shape, null, ints);
        }
        if (!dtype.equals("float32")) {
            throw new IllegalArgumentException(source + ": weight " + name + " has unsupported dtype " + dtype);
        }
        float[] f = new float[n];
        switch (stored) {
            case "float32" -> {
                for (int i = 0; i < n; i++) {
                    f[i] = buf.getFloat();
                }
            }
            case "float16" -> {
                for (int i = 0; i < n; i++) {
                    f[i] = halfToFloat(buf.getShort());
                }
            }
            case "uint8", "uint16" -> {
                double scale = q.path("scale").asDouble();
                double min = q.path("min").asDouble();
                for (int i = 0; i < n; i++) {
                    int v = stored.equals("uint8") ? buf.get() & 0xff : buf.getShort() & 0xffff;
                    f[i] = (float) (v * scale + min);
                }
            }
            default -> throw new IllegalArgumentException(source + ": weight " + name + " quantised as " + stored
                    + " is not supported");
        }
        return new TfjsTensor(name, shape, f, null);
    }

    /** IEEE 754 binary16 to float, exact (Java 17 has no {@code Float.float16ToFloat}). */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            // subnormal half: value = mant * 2^-24, exactly representable as a normal float
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
