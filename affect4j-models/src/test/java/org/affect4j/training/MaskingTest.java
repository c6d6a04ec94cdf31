package org.affect4j.training;

import org.affect4j.training.data.FeatureLayout;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class MaskingTest {
    private static final int N = 40, DIM = 30;

    private static float[] ones() {
        float[] x = new float[N * DIM];
        Arrays.fill(x, 1f);
        return x;
    }

    @Test
    void noMaskDrawsNothingAndChangesNothing() {
        float[] x = ones();
        SplittableRandom rng = new SplittableRandom(7);
        new Masking(new FeatureLayout(List.of("a", "b"), List.of(10, 20)), 0, 0, 0, 0, 0).apply(x, 0, N, DIM, rng);
        assertArrayEquals(ones(), x);
        assertEquals(new SplittableRandom(7).nextLong(), rng.nextLong(), "a run without masks keeps its random numbers");
    }

    @Test
    void timeMasksZeroWholeRowsInSpansNoLongerThanAsked() {
        int zeroRows = 0;
        for (int seed = 0; seed < 200; seed++) {
            float[] x = ones();
            new Masking(null, 0, 1, 6, 0, 0).apply(x, 0, N, DIM, new SplittableRandom(seed));
            int first = -1, last = -1;
            for (int t = 0; t < N; t++) {
                float[] row = Arrays.copyOfRange(x, t * DIM, (t + 1) * DIM);
                boolean zero = true, one = true;
                for (float v : row) { zero &= v == 0f; one &= v == 1f; }
                assertTrue(zero || one, "a time mask zeroes whole rows");
                if (zero) { if (first < 0) first = t; last = t; zeroRows++; }
            }
            if (first >= 0) assertTrue(last - first + 1 <= 6, "one span of at most 6 steps");
        }
        // widths 0..6 drawn evenly: 3 rows a segment on average
        assertTrue(zeroRows > 200 * 2 && zeroRows < 200 * 4, "mean span near 3 steps: " + zeroRows / 200.0);
    }

    @Test
    void columnMasksZeroOneBandOverEveryRealRowAndLeaveThePaddingAlone() {
        int n = 25;
        float[] x = ones();
        new Masking(null, 0, 0, 0, 2, 8).apply(x, 0, n, DIM, new SplittableRandom(3));
        boolean[] masked = new boolean[DIM];
        for (int c = 0; c < DIM; c++) masked[c] = x[c] == 0f;
        int count = 0;
        for (int c = 0; c < DIM; c++) if (masked[c]) count++;
        assertTrue(count > 0 && count <= 16, "two bands of at most 8 columns: " + count);
        for (int t = 0; t < N; t++) {
            for (int c = 0; c < DIM; c++) {
                float want = t < n && masked[c] ? 0f : 1f;
                assertEquals(want, x[t * DIM + c], "row " + t + " column " + c);
            }
        }
    }

    @Test
    void featureMasksZeroWholeFeatures() {
        float[] x = ones();
        new Masking(new FeatureLayout(List.of("a", "b"), List.of(10, 20)), 1.0, 0, 0, 0, 0)
                .apply(x, 0, N, DIM, new SplittableRandom(1));
        for (float v : x) assertEquals(0f, v);
    }
}
