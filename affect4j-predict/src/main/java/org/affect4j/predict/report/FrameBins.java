package org.affect4j.predict.report;

import java.util.function.IntUnaryOperator;

/**
 * Splits frames {@code 0..frames-1} into consecutive bins, which is how the timeline draws any number of frames in
 * a fixed number of points or pixel columns: bin {@code b} covers frames {@code [start(b), end(b))}. When there are
 * more bins than frames (a short clip on a wide plot) each bin holds the one frame under its centre, so every bin
 * is non-empty.
 */
final class FrameBins {
    private final int frames;
    private final int bins;

    /**
     * @param frames number of frames, 0 or more
     * @param bins   number of bins, 1 or more
     */
    FrameBins(int frames, int bins) {
        if (frames < 0 || bins < 1) throw new IllegalArgumentException(frames + " frames in " + bins + " bins");
        this.frames = frames;
        this.bins = bins;
    }

    /** Number of bins. */
    int bins() {
        return bins;
    }

    /** First frame of bin {@code b}. */
    int start(int b) {
        if (frames < bins) return (int) (((long) 2 * b + 1) * frames / (2L * bins)); // the frame under the bin's centre
        return (int) ((long) b * frames / bins);
    }

    /** One past the last frame of bin {@code b}. */
    int end(int b) {
        if (frames < bins) return Math.min(frames, start(b) + 1);
        return (int) ((long) (b + 1) * frames / bins);
    }

    /**
     * The most frequent value per bin (lowest value on a tie), e.g. the label shown in one pixel column of the
     * strip. Cost: one pass over the frames plus the bins.
     *
     * @param value      the value of a frame, in {@code 0..categories-1}
     * @param categories number of distinct values
     * @return one value per bin; {@code -1} for a bin with no frame (only when there are no frames)
     */
    int[] modes(IntUnaryOperator value, int categories) {
        int[] modes = new int[bins];
        int[] counts = new int[categories];
        for (int b = 0; b < bins; b++) {
            java.util.Arrays.fill(counts, 0);
            int best = -1;
            for (int i = start(b); i < end(b); i++) {
                int v = value.applyAsInt(i);
                counts[v]++;
                if (best < 0 || counts[v] > counts[best] || (counts[v] == counts[best] && v < best)) best = v;
            }
            modes[b] = best;
        }
        return modes;
    }
}
