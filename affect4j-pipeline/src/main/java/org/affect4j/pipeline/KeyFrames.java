package org.affect4j.pipeline;

/**
 * Which face frames of a video are embedded when only every n-th is ({@link ExtractionOptions#faceEvery()}): the first
 * face frame, then each face frame at least n frames after the last embedded one; the face frames between get rows
 * interpolated from the key frames around them (VideoExtraction). The one statement of the rule, asked by the crop source (which then does not align the frames between)
 * and by the extraction (which does not embed them), so the two cannot disagree. Frames are given in order, once each.
 */
final class KeyFrames {
    private final int every;
    private int last = -1;

    /** @param every the stride ({@code faceEvery}, 1: every face frame is embedded) */
    KeyFrames(int every) {
        if (every < 1) throw new IllegalArgumentException("faceEvery must be >= 1, got " + every);
        this.every = every;
    }

    /**
     * Whether the next frame is embedded.
     *
     * @param index the frame's index (increasing from call to call)
     * @param found whether the frame has a face
     * @return true for a face frame that is embedded; false for a frame without a face or one that holds the last
     *         embedded frame's rows
     */
    boolean embeds(int index, boolean found) {
        if (!found || (last >= 0 && index - last < every)) return false;
        last = index;
        return true;
    }
}
