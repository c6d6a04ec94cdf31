package org.affect4j.pipeline;

import java.io.IOException;

/**
 * Per-frame aligned faces of one input, in frame order, streamed (a frame is handed out and released).
 * Implementations: pre-aligned frame folders, single images, and videos (detect, track, align).
 */
public interface FaceCropSource extends AutoCloseable {
    /** Frames per second of the frames handed out. */
    double frameRate();

    /** Expected number of frames, or -1 if unknown before decoding. */
    int expectedFrames();

    /** The next frame's face, or {@code null} at the end. */
    FaceCrop next() throws IOException;

    @Override
    void close();
}
