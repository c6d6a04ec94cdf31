package org.affect4j.training;

/**
 * One video held in memory for training or prediction: its fused per-frame input and labels. The arrays are
 * shared, never modified after loading.
 *
 * @param video  store video name
 * @param frames number of frames n
 * @param dim    concatenated feature width D
 * @param x      row-major {@code [n, D]} inputs
 * @param labels {@code [n]} class per frame, -1 = does not count
 */
public record Sequence(String video, int frames, int dim, float[] x, int[] labels) {
    public Sequence {
        if (x.length != (long) frames * dim || labels.length != frames) {
            throw new IllegalArgumentException("sequence '" + video + "': arrays do not match [" + frames + ", " + dim + "]");
        }
    }

    /** Number of frames with a label. */
    public int annotatedFrames() {
        int n = 0;
        for (int l : labels) {
            if (l >= 0) n++;
        }
        return n;
    }
}
