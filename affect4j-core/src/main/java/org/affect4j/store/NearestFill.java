package org.affect4j.store;

import java.util.function.IntPredicate;

/** Nearest-valid-row lookup used to fill frames without a face (METHOD §2). */
public final class NearestFill {
    private NearestFill() {
    }

    /**
     * For every row, the index of the nearest valid row (itself when valid); ties between an earlier and a
     * later valid row go to the earlier one; -1 everywhere when no row is valid. Linear time.
     */
    public static int[] sourceRows(boolean[] valid) {
        return sourceRows(r -> valid[r], valid.length, 0, valid.length);
    }

    /**
     * {@link #sourceRows(boolean[])} for rows {@code from..to-1} of {@code rows} rows only (entry 0 is row
     * {@code from}), without a mask array for the whole video: the time is linear in the range plus the distance
     * to the nearest valid rows on either side of it, so a reader can fill one segment at a time.
     */
    public static int[] sourceRows(IntPredicate valid, int rows, int from, int to) {
        if (from < 0 || to > rows || from > to) {
            throw new IllegalArgumentException("rows " + from + ".." + to + " are outside 0.." + rows);
        }
        int n = to - from;
        int[] prev = new int[n];
        int last = from - 1;
        while (last >= 0 && !valid.test(last)) last--;
        for (int i = 0; i < n; i++) {
            if (valid.test(from + i)) last = from + i;
            prev[i] = last;
        }
        int next = to;
        while (next < rows && !valid.test(next)) next++;
        if (next >= rows) next = -1;
        int[] out = new int[n];
        for (int i = n - 1; i >= 0; i--) {
            int r = from + i;
            if (valid.test(r)) next = r;
            int p = prev[i];
            if (p < 0) {
                out[i] = next;
            } else if (next < 0) {
                out[i] = p;
            } else {
                out[i] = (r - p) <= (next - r) ? p : next;
            }
        }
        return out;
    }
}
