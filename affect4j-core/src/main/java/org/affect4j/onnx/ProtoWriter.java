package org.affect4j.onnx;

import java.nio.charset.StandardCharsets;

/**
 * A minimal protocol-buffers wire-format encoder: just enough (varints, 32-bit floats, length-delimited bytes and
 * nested messages) to write ONNX {@code ModelProto} files without a protobuf dependency. Not thread-safe.
 */
final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    /** The bytes written, {@code buf[0, size)}: an array of its own so a nested message is copied once into its parent. */
    private byte[] buf = new byte[64];
    private int size;

    /** Writes an int64/int32/enum/bool field (negative values take ten bytes, as protobuf requires). */
    ProtoWriter varint(int field, long value) {
        tag(field, VARINT);
        rawVarint(value);
        return this;
    }

    /** Writes a {@code float} field. */
    ProtoWriter float32(int field, float value) {
        tag(field, FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            write((bits >>> (8 * i)) & 0xff);
        }
        return this;
    }

    /** Writes a {@code string} field as UTF-8. */
    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a {@code bytes} field. */
    ProtoWriter bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(value.length);
        write(value, 0, value.length);
        return this;
    }

    /** Writes a nested message field (its bytes copied once, straight from the nested writer). */
    ProtoWriter message(int field, ProtoWriter nested) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(nested.size);
        write(nested.buf, 0, nested.size);
        return this;
    }

    /** Appends bytes that already are a serialised message's content (fields read by {@link ProtoReader}). */
    ProtoWriter raw(byte[] content) {
        write(content, 0, content.length);
        return this;
    }

    byte[] toByteArray() {
        return java.util.Arrays.copyOf(buf, size);
    }

    private void tag(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long value) {
        while ((value & ~0x7FL) != 0) {
            write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        write((int) value);
    }

    private void write(int b) {
        if (size == buf.length) grow(1);
        buf[size++] = (byte) b;
    }

    private void write(byte[] b, int off, int len) {
        if (buf.length - size < len) grow(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    private void grow(int more) {
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
}
