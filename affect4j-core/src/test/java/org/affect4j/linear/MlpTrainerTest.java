package org.affect4j.linear;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlpTrainerTest {
    /** XOR-like classes in 2-d (not linearly separable) plus noise features. */
    private static float[][] xor(int n, int[] y, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][4];
        for (int i = 0; i < n; i++) {
            boolean a = r.nextBoolean(), b = r.nextBoolean();
            y[i] = a ^ b ? 1 : 0;
            x[i][0] = (float) ((a ? 1 : -1) + 0.2 * r.nextGaussian());
            x[i][1] = (float) ((b ? 1 : -1) + 0.2 * r.nextGaussian());
            x[i][2] = (float) r.nextGaussian();
            x[i][3] = 5f;
        }
        return x;
    }

    private static double accuracy(MlpClassifier m, float[][] x, int[] y) {
        int ok = 0;
        for (int i = 0; i < x.length; i++) {
            ok += m.predict(x[i]) == y[i] ? 1 : 0;
        }
        return (double) ok / x.length;
    }

    @Test
    void learnsXorAndKeepsTheBestEpoch() {
        int[] y = new int[400];
        float[][] x = xor(400, y, 1);
        int[] yv = new int[200];
        float[][] xv = xor(200, yv, 2);
        MlpClassifier m = new MlpTrainer(16, 40, 1e-2, 1e-4, 0.1, 32, 7).fit(x, y, 2, c -> accuracy(c, xv, yv));
        assertTrue(accuracy(m, xv, yv) > 0.95, "validation accuracy " + accuracy(m, xv, yv));
    }

    @Test
    void sameSeedSameModel() {
        int[] y = new int[100];
        float[][] x = xor(100, y, 3);
        MlpClassifier a = new MlpTrainer(8, 3, 1e-2, 0, 0.5, 16, 5).fit(x, y, 2, c -> 0);
        MlpClassifier b = new MlpTrainer(8, 3, 1e-2, 0, 0.5, 16, 5).fit(x, y, 2, c -> 0);
        assertArrayEquals(a.probabilities(x[0]), b.probabilities(x[0]), 0.0);
    }

    @Test
    void invalidSettingsAndDataAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new MlpTrainer(0, 1, 1e-3, 0, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new MlpTrainer(4, 1, 1e-3, 0, 1.0, 1, 1));
        MlpTrainer t = new MlpTrainer(4, 1, 1e-3, 0, 0, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> t.fit(new float[0][], new int[0], 2, c -> 0));
        assertThrows(IllegalArgumentException.class, () -> t.fit(new float[][] {{1f}}, new int[] {2}, 2, c -> 0));
    }
}
