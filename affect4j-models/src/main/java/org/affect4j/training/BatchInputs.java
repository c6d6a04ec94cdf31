package org.affect4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.affect4j.training.data.VideoRows;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One batch as flat Java arrays: inputs {@code [B, l, D]}, validity {@code [B, l]} (1 real frame, 0 padding or idle
 * lane) and labels {@code [B, l]} (-1 where a frame does not count), each segment masked as {@link Masking} draws.
 */
final class BatchInputs {
    final int rows;
    final int length;
    final int dim;
    final float[] x;
    final float[] valid;
    final int[] labels;

    private BatchInputs(int rows, int length, int dim) {
        this.rows = rows;
        this.length = length;
        this.dim = dim;
        x = new float[rows * length * dim];
        valid = new float[rows * length];
        labels = new int[rows * length];
        Arrays.fill(labels, -1);
    }

    /**
     * Copies the batch's segments out of the videos (only these rows are read).
     *
     * @param masking the masks to draw ({@link Masking#NONE} for none)
     * @param rng     masking randomness (unused without masking)
     */
    static BatchInputs of(SegmentBatcher.Batch batch, List<? extends VideoRows> data, int length, int dim,
                          Masking masking, SplittableRandom rng) {
        BatchInputs b = new BatchInputs(batch.rows().length, length, dim);
        for (int r = 0; r < b.rows; r++) {
            SegmentBatcher.SegmentRef ref = batch.rows()[r];
            if (ref == null) continue;
            VideoRows s = data.get(ref.sequence());
            int n = ref.segment().realFrames();
            s.copyRows(ref.start(), n, b.x, r * length * dim);
            System.arraycopy(s.labels(), ref.start(), b.labels, r * length, n);
            Arrays.fill(b.valid, r * length, r * length + n, 1f);
            masking.apply(b.x, r * length * dim, n, dim, rng);
        }
        return b;
    }

    /** Inputs repeated {@code copies} times along the batch axis ({@code [copies * B, l, D]}): R-Drop's two passes. */
    NDArray x(NDManager m, int copies) {
        return m.create(stacked(x, copies), new Shape((long) rows * copies, length, dim));
    }

    /** Validity {@code [copies * B, l]}. */
    NDArray valid(NDManager m, int copies) {
        return m.create(stacked(valid, copies), new Shape((long) rows * copies, length));
    }

    /** {@code copies} back-to-back copies (the PyTorch engine has no per-axis tile). */
    static float[] stacked(float[] a, int copies) {
        if (copies == 1) return a;
        float[] out = new float[a.length * copies];
        for (int k = 0; k < copies; k++) System.arraycopy(a, 0, out, k * a.length, a.length);
        return out;
    }

    /** Labels {@code [B, l]} int32. */
    NDArray labels(NDManager m) {
        return m.create(labels, new Shape(rows, length));
    }
}
