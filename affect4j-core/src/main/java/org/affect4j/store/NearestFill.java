package org.affect4j.store;

/** Nearest-valid-row lookup used to fill frames without a face (METHOD §2). */
public final class NearestFill {
    private NearestFill() {
    }

    /**
     * For every row, the index of the nearest valid row (itself when valid); ties between an earlier and a
     * later valid row go to the earlier one; -1 everywhere when no row is valid. Linear time.
     */
    public static int[] sourceRows(boolean[] valid) {
        int n = valid.length;
        int[] prev = new int[n];
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (valid[i]) last = i;
            prev[i] = last;
        }
        int[] out = new int[n];
        int next = -1;
        for (int i = n - 1; i >= 0; i--) {
            if (valid[i]) next = i;
            int p = prev[i];
            if (p < 0) {
                out[i] = next;
            } else if (next < 0) {
                out[i] = p;
            } else {
                out[i] = (i - p) <= (next - i) ? p : next;
            }
        }
        return out;
    }
}
