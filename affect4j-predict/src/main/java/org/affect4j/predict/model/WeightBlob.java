package org.affect4j.predict.model;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The binary part of a compiled model file: the model's weight arrays as raw little-endian bytes, one after the other
 * at 8-byte boundaries, which the file's JSON part names as {@code "@OFFSET:BYTES"} where a model file has base64.
 * A Jackson writer given a {@link Sink} under {@link #ATTRIBUTE} writes such references; a reader given the blob (a
 * {@link ByteBuffer}) under the same attribute reads them, copying each array straight out of the blob.
 */
public final class WeightBlob {
    /** The reader's and writer's attribute holding the blob ({@link ByteBuffer}) or the {@link Sink}. */
    public static final String ATTRIBUTE = "affect4j.weightBlob";

    private WeightBlob() {
    }

    /** Collects the arrays of a model being written compiled. */
    public static final class Sink {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);

        /** Appends one array's bytes; returns its reference without the leading '@'. */
        String add(byte[] bytes) {
            int offset = out.size();
            out.write(bytes, 0, bytes.length);
            while (out.size() % Long.BYTES != 0) out.write(0); // every array starts aligned for its view
            return offset + ":" + bytes.length;
        }

        /**
         * The blob so far.
         *
         * @return its bytes
         */
        public byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** The bytes a reference {@code OFFSET:BYTES} names, or null when it is malformed or outside the blob. */
    static ByteBuffer slice(ByteBuffer blob, String reference) {
        int colon = reference.indexOf(':');
        if (colon < 0) return null;
        long offset;
        long length;
        try {
            offset = Long.parseLong(reference, 0, colon, 10);
            length = Long.parseLong(reference, colon + 1, reference.length(), 10);
        } catch (NumberFormatException e) {
            return null;
        }
        if (offset < 0 || length < 0 || offset + length > blob.capacity()) return null;
        return blob.slice((int) offset, (int) length);
    }
}
