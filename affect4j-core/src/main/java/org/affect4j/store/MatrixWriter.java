package org.affect4j.store;

import org.affect4j.util.AtomicFiles;
import org.affect4j.util.Sha256;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/**
 * Streams one (feature, video) matrix into the store row by row, so a one-hour video never holds its features in
 * memory. Rows go to temporary files; {@link #commit()} writes the final shape into the header and renames mask
 * then its {@link MatrixManifest}, then matrix into place (the same atomic protocol as {@link FeatureStore#put}); {@link #close()} without commit
 * deletes everything. Not thread-safe.
 */
public final class MatrixWriter implements AutoCloseable {
    private final Path matrix;
    private final Path mask;
    private final Path manifest;
    private final FeatureDescriptor descriptor;
    private final String video;
    private final Path tmpMatrix;
    private final Path tmpMask;
    private final int dim;
    private final java.nio.channels.FileChannel matrixChannel;
    private final OutputStream data;
    private final OutputStream maskOut;
    private final ByteBuffer row;
    private final int headerLength;
    private int rows;
    private boolean done;

    MatrixWriter(Path matrix, Path mask, Path manifest, FeatureDescriptor descriptor, String video) {
        this.matrix = matrix;
        this.mask = mask;
        this.manifest = manifest;
        this.descriptor = descriptor;
        this.video = video;
        this.dim = descriptor.dim();
        this.row = ByteBuffer.allocate(dim * 4).order(ByteOrder.LITTLE_ENDIAN);
        try {
            Files.createDirectories(matrix.getParent());
            // a writer killed mid-video left its temporary files (as large as the matrix): this pair's writer now
            // is this one, so they go (FeatureStore: one writer per pair at a time)
            AtomicFiles.removeLeftovers(matrix);
            AtomicFiles.removeLeftovers(mask);
            tmpMatrix = AtomicFiles.createTemp(matrix);
            tmpMask = AtomicFiles.createTemp(mask);
            // a placeholder header as long as the final one: the shape is rewritten in place at commit
            byte[] header = Npy.header("<f4", Integer.MAX_VALUE, dim);
            headerLength = header.length;
            // locked while this writer lives, so the next writer of the pair knows these files are not leftovers
            matrixChannel = AtomicFiles.lockedChannel(tmpMatrix);
            data = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(matrixChannel), 1 << 16);
            data.write(header);
            maskOut = new BufferedOutputStream(AtomicFiles.openLocked(tmpMask), 1 << 12);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start writing " + matrix + ": " + e.getMessage(), e);
        }
    }

    /** Appends one row; {@code values} must have {@code dim} finite numbers. */
    public void append(float[] values, boolean valid) {
        if (values.length != dim) throw new IllegalArgumentException("row of " + values.length + " values, expected " + dim);
        row.clear();
        for (float v : values) {
            if (!Float.isFinite(v)) throw new IllegalArgumentException(matrix + ": row " + rows + " contains NaN or infinity");
            row.putFloat(v);
        }
        try {
            data.write(row.array());
            maskOut.write(valid ? 1 : 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + matrix + ": " + e.getMessage(), e);
        }
        rows++;
    }

    /** Rows appended so far. */
    public int rows() {
        return rows;
    }

    /** Finishes both files and moves them into place (mask first). */
    public void commit() {
        commit(rows);
    }

    /**
     * {@link #commit()} keeping the first {@code keep} rows only: for a stream that learns where it ends after it has
     * written past it (a soundtrack outlasting its video's pictures).
     *
     * @param keep rows to keep, at most {@link #rows()}
     */
    public void commit(int keep) {
        if (keep < 0 || keep > rows) throw new IllegalArgumentException("cannot keep " + keep + " of " + rows + " rows");
        try {
            data.flush();
            if (keep < rows) matrixChannel.truncate(headerLength + (long) keep * dim * 4);
            rows = keep;
            byte[] header = Npy.header("<f4", rows, dim);
            byte[] padded = java.util.Arrays.copyOf(header, headerLength);
            // pad with spaces before the final newline so the header length stays the same
            java.util.Arrays.fill(padded, header.length - 1, headerLength - 1, (byte) ' ');
            padded[headerLength - 1] = '\n';
            ByteBuffer.wrap(padded, 8, 2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) (headerLength - 10));
            matrixChannel.write(ByteBuffer.wrap(padded), 0);
            data.close();
            maskOut.close();
            byte[] maskBytes = java.util.Arrays.copyOf(Files.readAllBytes(tmpMask), rows);
            MessageDigest maskHash = Sha256.digest();
            AtomicFiles.write(mask, out -> {
                OutputStream hashed = new DigestOutputStream(out, maskHash);
                hashed.write(Npy.header("|b1", rows));
                hashed.write(maskBytes);
            });
            // the header was rewritten in place, so the matrix is hashed once complete, from the page cache: about
            // 2 s per GiB on this project's machines (0.53 s for 256 MiB), while a GiB of 512-d rows is 500,000 frames
            // of extraction
            MatrixManifest.of(descriptor, video, rows, Sha256.of(tmpMatrix), Sha256.hex(maskHash)).write(manifest);
            AtomicFiles.moveIntoPlace(tmpMatrix, matrix);
            done = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + matrix + ": " + e.getMessage(), e);
        } finally {
            AtomicFiles.deleteQuietly(tmpMask);
        }
    }

    @Override
    public void close() {
        if (done) return;
        try {
            data.close();
            maskOut.close();
        } catch (IOException ignored) {
            // abandoning: the temporary files are deleted below either way
        }
        AtomicFiles.deleteQuietly(tmpMatrix);
        AtomicFiles.deleteQuietly(tmpMask);
    }
}
