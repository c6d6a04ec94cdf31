package org.affect4j.onnx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reading half of {@link ProtoWriter}: splits a protocol-buffers message into its fields, enough to read back
 * the ONNX {@code ModelProto} files our converters write ({@link OnnxModel}). Packed repeated fields are left as
 * bytes. Not thread-safe.
 */
final class ProtoReader {
    /** One field: its number, wire type, and value (a varint, or the bytes of a length-delimited/fixed field). */
    record Field(int number, int wireType, long varint, byte[] bytes) {
        String string() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private ProtoReader() {
    }

    /**
     * The fields of one message, in order.
     *
     * @throws IllegalArgumentException on a truncated message or an unsupported (group) wire type
     */
    static List<Field> fields(byte[] b) {
        List<Field> out = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < b.length) {
            long tag = varint(b, pos);
            int number = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (wire) {
                case 0 -> out.add(new Field(number, wire, varint(b, pos), null));
                case 1, 5 -> out.add(new Field(number, wire, 0, slice(b, pos, wire == 1 ? 8 : 4)));
                case 2 -> {
                    long len = varint(b, pos);
                    if (len < 0 || len > b.length - pos[0]) {
                        throw new IllegalArgumentException("truncated protobuf message (field " + number + ")");
                    }
                    out.add(new Field(number, wire, 0, slice(b, pos, (int) len)));
                }
                default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wire + " (field " + number + ")");
            }
        }
        return out;
    }

    /** The values of a packed repeated varint field (its bytes as {@link Field#bytes()} holds them). */
    static long[] packedVarints(byte[] packed) {
        List<Long> out = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < packed.length) out.add(varint(packed, pos));
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static byte[] slice(byte[] b, int[] pos, int n) {
        if (n > b.length - pos[0]) {
            throw new IllegalArgumentException("truncated protobuf message");
        }
        byte[] r = Arrays.copyOfRange(b, pos[0], pos[0] + n);
        pos[0] += n;
        return r;
    }

    private static long varint(byte[] b, int[] pos) {
        long r = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= b.length) {
                throw new IllegalArgumentException("truncated protobuf varint");
            }
            int c = b[pos[0]++] & 0xff;
            r |= (long) (c & 0x7f) << shift;
            if (c < 0x80) {
                return r;
            }
        }
        throw new IllegalArgumentException("malformed protobuf varint");
    }
}
