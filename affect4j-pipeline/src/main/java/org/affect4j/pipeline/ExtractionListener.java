package org.affect4j.pipeline;

/** Progress of an extraction, for progress bars and logs. Callbacks come from the extracting thread. */
public interface ExtractionListener {
    /** Work on {@code input} starts; {@code frames} is the expected frame count (-1 if unknown). */
    default void started(MediaInput input, int frames) {
    }

    /** {@code n} more frames of the current input went through a visual pass. */
    default void framesDone(int n) {
    }

    /**
     * The face of one frame of the visual pass, in frame order (key points, face count and track id included). The
     * crop image is only valid during the call: keep what you need, not the object.
     */
    default void frameFace(FaceCrop face) {
    }

    /** A message worth telling the user (a skipped pair, no face anywhere, no audio track). */
    default void note(String message) {
    }

    /** The input is finished. */
    default void finished(MediaInput input, ExtractionResult result) {
    }

    /** A listener that ignores everything. */
    ExtractionListener NONE = new ExtractionListener() {
    };
}
