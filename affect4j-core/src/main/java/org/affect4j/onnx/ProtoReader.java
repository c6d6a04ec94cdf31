package org.affect4j.onnx;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reading half of {@link ProtoWriter}: splits a protocol-buffers message into its fields, enough to read back
 * the ONNX {@code ModelProto} files our converters write ({@link OnnxModel}). A field's value is a view of the
 * message's bytes, copied only when asked for ({@link Field#bytes()}): a model nests its subgraphs several levels
 * deep, and copying each level cost ~100 ms of a cold start on a 2.3 MB file. Packed repeated fields are left as
 * bytes. Not thread-safe.
 */
final class ProtoReader {
    /** One field: its number, wire type, and value (a varint, or where a length-delimited/fixed field's bytes lie). */
    record Field(int number, int wireType, long varint, byte[] buffer, int offset, int length) {
        /** A copy of the value's bytes. */
        byte[] bytes() {
            return buffer == null ? null : Arrays.copyOfRange(buffer, offset, offset + length);
        }

        String string() {
            return new String(buffer, offset, length, StandardCharsets.UTF_8);
        }

        /** The fields of the message this field holds, read in place. */
        List<Field> fields() {
            return ProtoReader.fields(buffer, offset, length);
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
        return fields(b, 0, b.length);
    }

    private static List<Field> fields(byte[] b, int from, int length) {
        List<Field> out = new ArrayList<>();
        int end = from + length;
        int[] pos = {from};
        while (pos[0] < end) {
            long tag = varint(b, pos, end);
            int number = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (wire) {
                case 0 -> out.add(new Field(number, wire, varint(b, pos, end), null, 0, 0));
                case 1, 5 -> out.add(field(number, wire, b, pos, end, wire == 1 ? 8 : 4));
                case 2 -> {
                    long len = varint(b, pos, end);
                    if (len < 0 || len > end - pos[0]) {
                        throw new IllegalArgumentException("truncated protobuf message (field " + number + ")");
                    }
                    out.add(field(number, wire, b, pos, end, (int) len));
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
        while (pos[0] < packed.length) out.add(varint(packed, pos, packed.length));
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static Field field(int number, int wire, byte[] b, int[] pos, int end, int n) {
        if (n > end - pos[0]) {
            throw new IllegalArgumentException("truncated protobuf message");
        }
        Field f = new Field(number, wire, 0, b, pos[0], n);
        pos[0] += n;
        return f;
    }

    private static long varint(byte[] b, int[] pos, int end) {
        long r = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= end) {
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
