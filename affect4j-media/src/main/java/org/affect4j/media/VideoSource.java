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

    /** A short name for the source (file name without extension, or folder name). */
    String name();

    @Override
    void close();
}
