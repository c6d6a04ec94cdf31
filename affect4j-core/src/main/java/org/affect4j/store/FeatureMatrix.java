package org.affect4j.store;

import java.util.Arrays;

/**
 * A dense float32 matrix {@code [rows, dim]} held row-major, one row per frame, plus a per-row validity mask
 * (false where the frame had no face, no audio, ...). Rows of invalid frames hold zeros unless filled.
 */
public final class FeatureMatrix {
    private final int rows;
    private final int dim;
    private final float[] data;
    private final boolean[] valid;

    /** Wraps {@code data} (length rows*dim) and {@code valid} (length rows) without copying. */
    public FeatureMatrix(int rows, int dim, float[] data, boolean[] valid) {
        if (rows < 0 || dim <= 0) {
            throw new IllegalArgumentException("bad feature matrix shape [" + rows + ", " + dim + "]");
        }
        if (data.length != (long) rows * dim) {
            throw new IllegalArgumentException("data length " + data.length + " != " + rows + "*" + dim);
        }
        if (valid.length != rows) {
            throw new IllegalArgumentException("mask length " + valid.length + " != rows " + rows);
        }
        this.rows = rows;
        this.dim = dim;
        this.data = data;
        this.valid = valid;
    }

    /** An all-valid matrix. */
    public static FeatureMatrix of(int rows, int dim, float[] data) {
        boolean[] v = new boolean[rows];
        Arrays.fill(v, true);
        return new FeatureMatrix(rows, dim, data, v);
    }

    /** Builds from row arrays (each of equal length); all rows valid. */
    public static FeatureMatrix ofRows(float[][] rowArrays) {
        if (rowArrays.length == 0) {
            throw new IllegalArgumentException("cannot infer the dimension of an empty row list");
        }
        int d = rowArrays[0].length;
        float[] flat = new float[rowArrays.length * d];
        for (int i = 0; i < rowArrays.length; i++) {
            if (rowArrays[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rowArrays[i].length + " values, expected " + d);
            }
            System.arraycopy(rowArrays[i], 0, flat, i * d, d);
        }
        return of(rowArrays.length, d, flat);
    }

    public int rows() { return rows; }

    public int dim() { return dim; }

    /** The backing row-major array (not a copy). */
    public float[] data() { return data; }

    /** The backing validity mask (not a copy). */
    public boolean[] valid() { return valid; }

    public boolean isValid(int row) { return valid[row]; }

    public float get(int row, int col) { return data[row * dim + col]; }

    /** A copy of row {@code r}. */
    public float[] row(int r) {
        return Arrays.copyOfRange(data, r * dim, (r + 1) * dim);
    }

    /** Number of valid rows. */
    public int validCount() {
        int n = 0;
        for (boolean b : valid) {
            if (b) n++;
        }
        return n;
    }

    /**
     * A copy in which every invalid row takes the values of the nearest valid row in time (ties: the earlier
     * one), as METHOD §2 prescribes for frames without a face. The mask is kept, so callers still know which
     * rows were filled. With no valid row at all the copy is returned unchanged (zeros).
     */
    public FeatureMatrix nearestFilled() {
        float[] out = data.clone();
        int[] src = NearestFill.sourceRows(valid);
        for (int r = 0; r < rows; r++) {
            if (!valid[r] && src[r] >= 0) {
                System.arraycopy(data, src[r] * dim, out, r * dim, dim);
            }
        }
        return new FeatureMatrix(rows, dim, out, valid.clone());
    }
}
