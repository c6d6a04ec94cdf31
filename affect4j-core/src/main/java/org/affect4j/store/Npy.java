package org.affect4j.store;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minimal NumPy {@code .npy} (format 1.0) reader and writer for little-endian float32 2-D arrays and
 * boolean 1-D arrays (and a reader of int32 1-D arrays), C order: exactly what {@code numpy.load} reads as is.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** The header bytes (magic, version, length, dict padded to a multiple of 64) for the given dtype/shape. */
    static byte[] header(String descr, long... shape) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            s.append(shape[i]).append(shape.length == 1 ? "," : (i + 1 < shape.length ? ", " : ""));
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + s + "), }";
        int total = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        // pad generously so a streaming writer can later rewrite the shape in place
        String padded = dict + " ".repeat(pad + 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + padded.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) padded.length());
        b.put(padded.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** Writes a float32 {@code [rows, dim]} array. */
    public static void writeFloat2d(OutputStream out, float[] data, int rows, int dim) throws IOException {
        out.write(header("<f4", rows, dim));
        ByteBuffer buf = ByteBuffer.allocate(Math.max(4, Math.min(data.length, 1 << 16) * 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putFloat(v);
        }
        out.write(buf.array(), 0, buf.position());
    }

    /** Writes a boolean 1-D array. */
    public static void writeBool1d(OutputStream out, boolean[] mask) throws IOException {
        out.write(header("|b1", mask.length));
        byte[] b = new byte[mask.length];
        for (int i = 0; i < mask.length; i++) b[i] = (byte) (mask[i] ? 1 : 0);
        out.write(b);
    }

    /**
     * Parsed header of an .npy stream.
     *
     * @param dataOffset bytes from the start of the file to the first data byte
     */
    public record Header(String descr, long[] shape, long dataOffset) {
        long count() {
            long n = 1;
            for (long d : shape) n *= d;
            return n;
        }
    }

    /** Reads the header, leaving the stream at the first data byte. */
    public static Header readHeader(DataInputStream in, String what) throws IOException {
        byte[] magic = new byte[6];
        in.readFully(magic);
        for (int i = 0; i < 6; i++) {
            if (magic[i] != MAGIC[i]) throw new IOException(what + " is not a .npy file");
        }
        int major = in.readUnsignedByte();
        in.readUnsignedByte();
        int len;
        long offset;
        if (major == 1) {
            len = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            offset = 10L + len;
        } else {
            len = Integer.reverseBytes(in.readInt());
            offset = 12L + len;
        }
        byte[] h = new byte[len];
        in.readFully(h);
        String dict = new String(h, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(dict), f = FORTRAN.matcher(dict), s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) throw new IOException(what + " has a malformed .npy header");
        if (f.group(1).equals("True")) throw new IOException(what + " is in Fortran order, expected C order");
        String[] parts = s.group(1).split(",");
        int n = 0;
        long[] shape = new long[parts.length];
        for (String p : parts) {
            if (!p.isBlank()) shape[n++] = Long.parseLong(p.trim());
        }
        return new Header(d.group(1), java.util.Arrays.copyOf(shape, n), offset);
    }

    /** Reads a float32 2-D array (a 1-D array reads as one column). Returns {rows, dim} in {@code shapeOut}. */
    public static float[] readFloat2d(InputStream raw, int[] shapeOut, String what) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16));
        Header h = readHeader(in, what);
        if (!h.descr().equals("<f4")) throw new IOException(what + " holds " + h.descr() + ", expected float32 (<f4)");
        if (h.shape().length < 1 || h.shape().length > 2) throw new IOException(what + " is not a 1-D or 2-D array");
        long count = h.count();
        if (count > Integer.MAX_VALUE) throw new IOException(what + " is too large for one array");
        shapeOut[0] = (int) h.shape()[0];
        shapeOut[1] = h.shape().length == 2 ? (int) h.shape()[1] : 1;
        byte[] bytes = new byte[(int) count * 4];
        in.readFully(bytes);
        float[] out = new float[(int) count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** Reads an int32 1-D array (e.g. class labels). */
    public static int[] readInt1d(InputStream raw, String what) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16));
        Header h = readHeader(in, what);
        if (!h.descr().equals("<i4")) throw new IOException(what + " holds " + h.descr() + ", expected int32 (<i4)");
        if (h.shape().length != 1) throw new IOException(what + " is not a 1-D array");
        byte[] bytes = new byte[(int) h.shape()[0] * 4];
        in.readFully(bytes);
        int[] out = new int[(int) h.shape()[0]];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
        return out;
    }

    /** Reads a boolean (or uint8) 1-D array. */
    public static boolean[] readBool1d(InputStream raw, String what) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16));
        Header h = readHeader(in, what);
        if (!(h.descr().equals("|b1") || h.descr().equals("|u1"))) {
            throw new IOException(what + " holds " + h.descr() + ", expected a boolean mask (|b1)");
        }
        if (h.shape().length != 1) throw new IOException(what + " is not a 1-D mask");
        byte[] b = new byte[(int) h.shape()[0]];
        in.readFully(b);
        boolean[] out = new boolean[b.length];
        for (int i = 0; i < b.length; i++) out[i] = b[i] != 0;
        return out;
    }
}
