package org.affect4j.segments;

/**
 * A window of a video's frames fed to a temporal model.
 *
 * @param start      index of the first frame
 * @param length     the segment length l (all segments of a cut have the same length)
 * @param realFrames how many of the {@code length} positions are real frames; the rest are padding, which carries
 *                   no label and never counts in loss or metric
 */
public record Segment(int start, int length, int realFrames) {
    public Segment {
        if (start < 0 || length <= 0 || realFrames < 0 || realFrames > length) {
            throw new IllegalArgumentException("bad segment start=" + start + " length=" + length + " real=" + realFrames);
        }
    }

    /** Padding mask: {@code true} for real positions. */
    public boolean[] mask() {
        boolean[] m = new boolean[length];
        for (int i = 0; i < realFrames; i++) m[i] = true;
        return m;
    }
}
