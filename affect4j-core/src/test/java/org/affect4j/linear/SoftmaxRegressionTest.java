package org.affect4j.linear;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoftmaxRegressionTest {
    /** Three Gaussian blobs in 5-d with an extra constant feature and large offsets (standardisation must cope). */
    private static float[][] blobs(int n, int[] y, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][6];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 5; j++) {
                x[i][j] = (float) (r.nextGaussian() + (j == y[i] ? 3 : 0) + 1000 * j);
            }
            x[i][5] = 7f;
        }
        return x;
    }

    @Test
    void separatesGaussianBlobs() {
        int[] y = new int[600];
        float[][] x = blobs(600, y, 1);
        SoftmaxRegression m = new SoftmaxRegressionTrainer(1e-3, false, 200).fit(x, y, 3);
        int[] yt = new int[300];
        float[][] xt = blobs(300, yt, 2);
        int ok = 0;
        for (int i = 0; i < xt.length; i++) {
            ok += m.predict(xt[i]) == yt[i] ? 1 : 0;
            double[] p = m.probabilities(xt[i]);
            assertEquals(1.0, p[0] + p[1] + p[2], 1e-9);
        }
        assertTrue(ok > 0.9 * xt.length, "accuracy " + ok + "/" + xt.length);
    }

    @Test
    void deterministic() {
        int[] y = new int[300];
        float[][] x = blobs(300, y, 3);
        SoftmaxRegression a = new SoftmaxRegressionTrainer(1e-2, true, 50).fit(x, y, 3);
        SoftmaxRegression b = new SoftmaxRegressionTrainer(1e-2, true, 50).fit(x, y, 3);
        assertArrayEquals(a.probabilities(x[0]), b.probabilities(x[0]), 0.0);
    }

    @Test
    void lbfgsFindsTheMinimumOfAQuadratic() {
        double[] x = {5, -3, 2};
        double f = new Lbfgs(5, 100, 0).minimise((t, g) -> {
            double s = 0;
            for (int i = 0; i < t.length; i++) {
                double c = t[i] - i;
                s += (i + 1) * c * c;
                g[i] = 2 * (i + 1) * c;
            }
            return s;
        }, x);
        assertEquals(0, f, 1e-12);
        assertArrayEquals(new double[] {0, 1, 2}, x, 1e-6);
    }

    @Test
    void invalidInputIsRejected() {
        SoftmaxRegressionTrainer t = new SoftmaxRegressionTrainer(1e-3, false, 10);
        assertThrows(IllegalArgumentException.class, () -> t.fit(new float[0][], new int[0], 3));
        assertThrows(IllegalArgumentException.class, () -> t.fit(new float[][] {{1f}, {2f}}, new int[] {0, 3}, 3));
        assertThrows(IllegalArgumentException.class, () -> t.fit(new float[][] {{1f}, {2f, 3f}}, new int[] {0, 1}, 3));
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxRegressionTrainer(-1, false, 10));
        SoftmaxRegression m = t.fit(new float[][] {{1f}, {2f}}, new int[] {0, 1}, 2);
        assertThrows(IllegalArgumentException.class, () -> m.probabilities(new float[] {1f, 2f}));
    }
}
