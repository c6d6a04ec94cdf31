package org.affect4j.models.onnx;

/**
 * Symmetric 8-bit quantisation of a matrix per column, the form ONNX Runtime's {@code DynamicQuantizeMatMul} takes
 * for its right-hand side: column {@code c} holds integers in [-127, 127] times {@code scale[c] = max|w[., c]| / 127}.
 * Per column because the columns of a trained layer (one per output unit) differ in range by an order of magnitude.
 */
final class Int8Columns {
    private Int8Columns() {
    }

    /**
     * @param w     {@code [rows, cols]} row-major
     * @param scale receives each column's scale (1 for an all-zero column)
     * @return the integers, row-major like {@code w}
     */
    static byte[] quantise(float[] w, int rows, int cols, float[] scale) {
        for (int c = 0; c < cols; c++) {
            float max = 0;
            for (int r = 0; r < rows; r++) max = Math.max(max, Math.abs(w[r * cols + c]));
            scale[c] = max == 0 ? 1f : max / 127f;
        }
        byte[] q = new byte[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                q[r * cols + c] = (byte) Math.max(-127, Math.min(127, Math.round(w[r * cols + c] / scale[c])));
            }
        }
        return q;
    }
}
