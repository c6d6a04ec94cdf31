package org.affect4j.features.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Decoded samples kept for a second pass over a signal, so a recording that must be read twice (the whole signal's
 * level first, {@link SignalLevel}, then the analysis) is decoded once: decoding a 10-minute soundtrack costs ~0.3
 * CPU-s, writing and reading back its 38 MB of samples a few milliseconds. The samples go to a temporary file that is
 * deleted on {@link #close} (on Linux it has no name once opened, so even a killed run leaves nothing behind); memory
 * stays flat whatever the length, and the page cache keeps the samples near. When the file cannot be made or written
 * (no temporary folder, a full disk), the spool gives up quietly and {@link #complete} says so: the caller then
 * decodes again, as it would without one. Not thread-safe.
 */
final class SampleSpool implements AutoCloseable {
    /** Samples per piece handed to the consumer on replay (256 KB). */
    static final int PIECE = 1 << 16;

    private final Path folder;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(PIECE * Float.BYTES).order(ByteOrder.nativeOrder());
    private Path file;
    private FileChannel channel;
    private long samples;
    private boolean failed;

    /** A spool in {@code folder} (the JVM's temporary folder when null); the file is made on the first sample. */
    SampleSpool(Path folder) {
        this.folder = folder;
    }

    /** Keeps {@code x} (copied: the caller may reuse it). */
    void add(float[] x) {
        if (failed) return;
        try {
            if (channel == null) open();
            int i = 0;
            while (i < x.length) {
                int n = Math.min(x.length - i, buffer.remaining() / Float.BYTES);
                buffer.asFloatBuffer().put(x, i, n);
                buffer.position(buffer.position() + n * Float.BYTES);
                i += n;
                if (!buffer.hasRemaining()) flush();
            }
            samples += x.length;
        } catch (IOException | UncheckedIOException e) {
            fail();
        }
    }

    /** True when every sample given is kept and can be {@link #replay}ed. */
    boolean complete() {
        return !failed;
    }

    /** Samples kept. */
    long samples() {
        return samples;
    }

    /**
     * Hands the kept samples on in order, in fresh arrays of at most {@link #PIECE} samples the consumer may keep.
     *
     * @throws IllegalStateException when the spool is not {@link #complete}
     * @throws UncheckedIOException  when the file cannot be read back
     */
    void replay(Consumer<float[]> to) {
        if (failed) throw new IllegalStateException("the spool lost samples: decode again");
        if (channel == null) return;
        try {
            flush();
            long at = 0;
            long left = samples;
            while (left > 0) {
                int n = (int) Math.min(PIECE, left);
                buffer.clear().limit(n * Float.BYTES);
                while (buffer.hasRemaining()) {
                    int r = channel.read(buffer, at + buffer.position());
                    if (r < 0) throw new IOException("the spool file " + file + " ended early");
                }
                float[] piece = new float[n];
                buffer.flip();
                buffer.asFloatBuffer().get(piece);
                at += (long) n * Float.BYTES;
                left -= n;
                to.accept(piece);
            }
            buffer.clear();
        } catch (IOException e) {
            throw new UncheckedIOException("reading decoded samples back from " + file + " failed", e);
        }
    }

    private void open() throws IOException {
        file = folder == null ? Files.createTempFile("affect4j-samples-", ".f32")
                : Files.createTempFile(folder, "affect4j-samples-", ".f32");
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) channel.write(buffer);
        buffer.clear();
    }

    private void fail() {
        failed = true;
        close();
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // deleting a temporary file is best effort
            }
            channel = null;
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // as above
            }
        }
    }
}
