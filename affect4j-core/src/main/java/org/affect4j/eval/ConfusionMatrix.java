package org.affect4j.eval;

import org.affect4j.data.ExprClass;

import java.util.Arrays;

/**
 * Counts of (gold class, predicted class) pairs over the 8 expression classes: rows are gold, columns are
 * predictions, as in sklearn's {@code confusion_matrix(y_true, y_pred)}. Immutable; build one with an
 * {@link Evaluator}.
 */
public final class ConfusionMatrix {
    private static final int K = ExprClass.COUNT;
    /** Row-major {@code [gold][predicted]}. */
    private final long[] counts;

    ConfusionMatrix(long[] counts) {
        if (counts.length != K * K) throw new IllegalArgumentException(counts.length + " counts, expected " + K * K);
        for (long c : counts) {
            if (c < 0) throw new IllegalArgumentException("negative count " + c);
        }
        this.counts = counts.clone();
    }

    /**
     * A matrix from explicit counts.
     *
     * @param counts {@code [8][8]}, rows gold, columns predicted, all non-negative
     */
    public static ConfusionMatrix of(long[][] counts) {
        if (counts.length != K) throw new IllegalArgumentException(counts.length + " rows, expected " + K);
        long[] flat = new long[K * K];
        for (int g = 0; g < K; g++) {
            if (counts[g].length != K) throw new IllegalArgumentException("row " + g + " has " + counts[g].length + " columns, expected " + K);
            System.arraycopy(counts[g], 0, flat, g * K, K);
        }
        return new ConfusionMatrix(flat);
    }

    /** Frames with gold class {@code gold} predicted as {@code predicted}. */
    public long count(int gold, int predicted) {
        return counts[index(gold) * K + index(predicted)];
    }

    /** Frames whose gold class is {@code cls} (sklearn's "support"). */
    public long goldCount(int cls) {
        long n = 0;
        for (int p = 0; p < K; p++) n += counts[index(cls) * K + p];
        return n;
    }

    /** Frames predicted as {@code cls}. */
    public long predictedCount(int cls) {
        long n = 0;
        for (int g = 0; g < K; g++) n += counts[g * K + index(cls)];
        return n;
    }

    /** Frames predicted correctly (the diagonal). */
    public long correct() {
        long n = 0;
        for (int c = 0; c < K; c++) n += counts[c * K + c];
        return n;
    }

    /** All counted frames. */
    public long total() {
        long n = 0;
        for (long c : counts) n += c;
        return n;
    }

    /** A copy of the counts, {@code [8][8]}, rows gold. */
    public long[][] toArray() {
        long[][] a = new long[K][];
        for (int g = 0; g < K; g++) a[g] = Arrays.copyOfRange(counts, g * K, (g + 1) * K);
        return a;
    }

    private static int index(int cls) {
        if (cls < 0 || cls >= K) throw new IndexOutOfBoundsException("class " + cls + " is outside 0..7");
        return cls;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && Arrays.equals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + Arrays.deepToString(toArray());
    }
}
