package org.affect4j.store;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One (feature, video) matrix of the store read through memory-mapped files: rows are copied out on demand, so a
 * reader of the whole corpus holds in its heap only the rows it is using; the pages themselves are the operating
 * system's file cache, shared between processes and given back under memory pressure. One mapping holds at most
 * 2 GB, so the matrix is mapped in chunks of whole rows. Rows read exactly as {@link FeatureStore#get} reads them.
 * Thread-safe (absolute reads only).
 */
public final class MappedMatrix {
    /** Largest chunk one mapping may hold. */
    static final long MAX_CHUNK_BYTES = Integer.MAX_VALUE;

    private final int rows;
    private final int dim;
    private final int rowsPerChunk;
    private final FloatBuffer[] chunks;
    private final ByteBuffer mask;
    private final int validCount;

    private MappedMatrix(int rows, int dim, int rowsPerChunk, FloatBuffer[] chunks, ByteBuffer mask) {
        this.rows = rows;
        this.dim = dim;
        this.rowsPerChunk = rowsPerChunk;
        this.chunks = chunks;
        this.mask = mask;
        int n = 0;
        for (int r = 0; r < rows; r++) {
            if (mask.get(r) != 0) n++;
        }
        this.validCount = n;
    }

    /**
     * Maps a float32 array and its boolean mask of rows: a 1-D array is one column, an N-D array {@code [rows, ...]}
     * has rows of its trailing axes flattened in C order (e.g. images {@code [N, H, W, C]}).
     *
     * @throws UncheckedIOException a file is unreadable, not a float32 / boolean .npy, truncated, or the two disagree
     */
    public static MappedMatrix open(Path matrix, Path maskFile) {
        return open(matrix, maskFile, MAX_CHUNK_BYTES);
    }

    /**
     * Maps a float32 matrix and its boolean mask; chunks hold at most {@code maxChunkBytes} (whole rows).
     *
     * @throws UncheckedIOException a file is unreadable, not a float32 / boolean .npy, truncated, or the two disagree
     */
    static MappedMatrix open(Path matrix, Path maskFile, long maxChunkBytes) {
        try (FileChannel ch = FileChannel.open(matrix, StandardOpenOption.READ);
             FileChannel mch = FileChannel.open(maskFile, StandardOpenOption.READ)) {
            Npy.Header h = Npy.readHeader(new DataInputStream(Channels.newInputStream(ch)), matrix.toString());
            if (!h.descr().equals("<f4")) throw new IOException(matrix + " holds " + h.descr() + ", expected float32 (<f4)");
            if (h.shape().length < 1) throw new IOException(matrix + " is a scalar, expected an array of rows");
            long rows = h.shape()[0];
            long dim = 1; // an N-D array reads as rows of its trailing axes flattened in C order
            for (int a = 1; a < h.shape().length; a++) dim *= h.shape()[a];
            long rowBytes = dim * Float.BYTES;
            if (rows > Integer.MAX_VALUE || dim < 1 || rowBytes > maxChunkBytes) {
                throw new IOException(matrix + " has an unsupported shape [" + rows + ", " + dim + "]");
            }
            if (ch.size() < h.dataOffset() + rows * rowBytes) {
                throw new IOException(matrix + " is truncated: its header says [" + rows + ", " + dim + "]");
            }
            int perChunk = (int) Math.min(Math.max(1, rows), maxChunkBytes / rowBytes);
            FloatBuffer[] chunks = new FloatBuffer[(int) ((rows + perChunk - 1) / perChunk)];
            for (int c = 0; c < chunks.length; c++) {
                long first = (long) c * perChunk;
                long count = Math.min(perChunk, rows - first);
                chunks[c] = ch.map(FileChannel.MapMode.READ_ONLY, h.dataOffset() + first * rowBytes, count * rowBytes)
                        .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            }
            Npy.Header mh = Npy.readHeader(new DataInputStream(Channels.newInputStream(mch)), maskFile.toString());
            if (!(mh.descr().equals("|b1") || mh.descr().equals("|u1")) || mh.shape().length != 1) {
                throw new IOException(maskFile + " is not a boolean 1-D mask (|b1)");
            }
            if (mh.shape()[0] != rows) {
                throw new IOException("mask of " + matrix + " has " + mh.shape()[0] + " rows, matrix has " + rows);
            }
            if (mch.size() < mh.dataOffset() + rows) throw new IOException(maskFile + " is truncated");
            ByteBuffer mask = mch.map(FileChannel.MapMode.READ_ONLY, mh.dataOffset(), rows);
            return new MappedMatrix((int) rows, (int) dim, perChunk, chunks, mask);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + matrix + ": " + e.getMessage(), e);
        }
    }

    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    /** False where the frame had no face, no audio, ... */
    public boolean isValid(int row) {
        return mask.get(row) != 0;
    }

    /** Number of valid rows. */
    public int validCount() {
        return validCount;
    }

    /** Copies row {@code row} (its {@code dim} values, as stored) into {@code dst} from {@code offset}. */
    public void copyRow(int row, float[] dst, int offset) {
        if (row < 0 || row >= rows) throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        chunks[row / rowsPerChunk].get((row % rowsPerChunk) * dim, dst, offset, dim);
    }

    /** Mappings this matrix uses (for tests of the 2 GB split). */
    int chunkCount() {
        return chunks.length;
    }
}
