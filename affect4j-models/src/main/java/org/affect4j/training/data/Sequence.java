package org.affect4j.training.data;

/**
 * One video held in memory: its fused per-frame input and labels. The arrays are shared, never modified after
 * loading.
 *
 * @param video  store video name
 * @param frames number of frames n
 * @param dim    concatenated feature width D
 * @param x      row-major {@code [n, D]} inputs
 * @param labels {@code [n]} class per frame, -1 = does not count
 */
public record Sequence(String video, int frames, int dim, float[] x, int[] labels) implements VideoRows {
    public Sequence {
        if (x.length != (long) frames * dim || labels.length != frames) {
            throw new IllegalArgumentException("sequence '" + video + "': arrays do not match [" + frames + ", " + dim + "]");
        }
    }

    @Override
    public void copyRows(int start, int count, float[] dst, int offset) {
        System.arraycopy(x, start * dim, dst, offset, count * dim);
    }
}
