package org.affect4j.media;

/** A media file that cannot be used: missing, empty, truncated, not a video, no video or audio stream. */
public class MediaException extends IllegalArgumentException {
    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
