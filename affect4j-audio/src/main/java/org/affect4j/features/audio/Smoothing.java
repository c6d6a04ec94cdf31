package org.affect4j.features.audio;

/**
 * openSMILE's "sma3" smoothing of descriptor contours (a 3-row moving average, shorter at the ends), shared by
 * {@link EgemapsLlds} and {@link CompareLlds}. Columns from {@code firstVoicedColumn} on are "nz" descriptors:
 * they stay 0 on unvoiced rows and average voiced neighbours only, so voicing edges do not pull them to 0.
 */
final class Smoothing {
    private Smoothing() {
    }

    /**
     * Smooths {@code lld} ({@code [rows][dim]}) in place.
     *
     * @param voiced            voicing per row, or null when no column is voiced-only
     * @param firstVoicedColumn first voiced-only column (ignored when {@code voiced} is null)
     */
    static void sma3(double[][] lld, boolean[] voiced, int firstVoicedColumn) {
        int rows = lld.length;
        if (rows < 2) return;
        int dim = lld[0].length;
        double[][] src = new double[rows][];
        for (int r = 0; r < rows; r++) src[r] = lld[r].clone();
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < dim; j++) {
                boolean nz = voiced != null && j >= firstVoicedColumn;
                if (nz && !voiced[r]) continue;
                double s = 0;
                int n = 0;
                for (int q = Math.max(0, r - 1); q <= Math.min(rows - 1, r + 1); q++) {
                    if (nz && !voiced[q]) continue;
                    s += src[q][j];
                    n++;
                }
                lld[r][j] = s / n;
            }
        }
    }
}
