package org.affect4j.media;

import java.io.IOException;

/**
 * A stream of frames at the native rate, decoded one at a time: a frame is handed out and released, never the
 * whole video in memory. Closing releases the decoder. Not thread-safe.
 */
public interface VideoSource extends AutoCloseable {
    /** Frames per second as read from the container (or given, for image folders). */
    double frameRate();

    /** Frame count the container claims (may be wrong; the frames really decoded are what count), or -1. */
    int declaredFrameCount();

    /** Frame width in pixels. */
    int width();

    /** Frame height in pixels. */
    int height();

    /** The next frame, or {@code null} at the end. */
    VideoFrame next() throws IOException;

    /**
     * Moves past the next frame without handing it out: a caller that needs only some frames' pictures (the key
     * frames of a face search) spares a decoder the conversion and copy of the others. The frame counts as read
     * ({@link VideoFrame#index()} of the next one is one more).
     *
     * @return false at the end
     * @throws IOException when decoding fails
     */
    default boolean skip() throws IOException {
        return next() != null;
    }

    /** A short name for the source (file name without extension, or folder name). */
    String name();

    @Override
    void close();
}
