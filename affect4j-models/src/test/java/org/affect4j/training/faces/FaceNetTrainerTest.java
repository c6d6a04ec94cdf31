package org.affect4j.training.faces;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trainer learns a small synthetic problem (which of 7 colours lies under the noise) with a narrow
 * random-weight net of face-api's structure, repeats itself for a seed, and the net's layouts round-trip.
 */
class FaceNetTrainerTest {
    private static final int PIXELS = 112 * 112 * 3;
    private static final int[] WIDTHS = {4, 4, 8, 8};

    @Test
    void learnsTheColourAndRepeatsForASeed() {
        Colours train = new Colours(56, 1), val = new Colours(35, 2);
        FaceNetTrainer.Options opt = new FaceNetTrainer.Options(1e-2, 1e-4, 8, 7, 5, 2, 0, 2);
        FaceNetTrainer.Result r = new FaceNetTrainer(opt).fit(randomWeights(7), train, net -> accuracy(net, val),
                new FaceNetTrainer.Progress() { });
        // at least three of the seven colours (chance: one): 3/7 with the engine's kernels pinned to AVX2, 4/7 with
        // this CPU's AVX-512 ones; the tiny net's path moves with the kernels' rounding (NumericPath)
        assertTrue(r.bestScore() >= 3.0 / 7 - 1e-9, "validation accuracy " + r.bestScore() + " (chance 0.14), per epoch "
                + java.util.Arrays.toString(r.scores()));
        assertTrue(r.losses()[r.losses().length - 1] < r.losses()[0] - 0.3,
                "loss did not fall: " + java.util.Arrays.toString(r.losses()));
        assertEquals(r.bestScore(), r.scores()[r.bestEpoch() - 1]);
        // the same seed twice: the same losses and weights (two epochs of a smaller set, to keep it quick)
        Colours few = new Colours(21, 3);
        FaceNetTrainer.Options twice = new FaceNetTrainer.Options(1e-2, 1e-4, 2, 7, 9, 2, 1, 2);
        FaceNetTrainer.Result a = new FaceNetTrainer(twice).fit(randomWeights(7), few, net -> 0, new FaceNetTrainer.Progress() { });
        FaceNetTrainer.Result b = new FaceNetTrainer(twice).fit(randomWeights(7), few, net -> 0, new FaceNetTrainer.Progress() { });
        assertArrayEquals(a.losses(), b.losses(), "same seed, same losses");
        String frozen = "dense0/conv0/filters", tuned = "dense1/conv1/pointwise_filter";
        assertArrayEquals(randomWeights(7).get(frozen).values(), a.bestWeights().get(frozen).values(), "frozen block 0");
        assertTrue(!java.util.Arrays.equals(randomWeights(7).get(tuned).values(), a.bestWeights().get(tuned).values()),
                "block 1 was trained");
        for (String k : a.bestWeights().keySet()) {
            assertArrayEquals(a.bestWeights().get(k).values(), b.bestWeights().get(k).values(), k);
        }
    }

    @Test
    void weightsRoundTripAndLabelsOutOfRangeAreRefused() {
        Map<String, NamedTensor> w = randomWeights(3);
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NamedTensor> back = new FaceApiExpressionNet(m, w).weights();
            assertEquals(w.keySet(), back.keySet());
            for (String k : w.keySet()) {
                assertArrayEquals(w.get(k).shape(), back.get(k).shape(), k);
                assertArrayEquals(w.get(k).values(), back.get(k).values(), k);
            }
        }
        FaceNetTrainer.Crops bad = new Colours(3, 1) {
            @Override
            public int label(int i) {
                return 7;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FaceNetTrainer(
                new FaceNetTrainer.Options(1e-3, 0, 1, 2, 1, 0, 0, 1)).fit(w, bad, net -> 0, new FaceNetTrainer.Progress() { }));
        assertTrue(e.getMessage().contains("label 7"), e.getMessage());
        Map<String, NamedTensor> missing = new LinkedHashMap<>(w);
        missing.remove("fc/bias");
        try (NDManager m = NDManager.newBaseManager()) {
            assertThrows(IllegalArgumentException.class, () -> new FaceApiExpressionNet(m, missing));
        }
    }

    @Test
    void sameSizePaddingSplitsLikeTensorFlow() {
        assertArrayEquals(new int[] {0, 1}, FaceApiExpressionNet.samePadding(112, 3, 2));
        assertArrayEquals(new int[] {1, 1}, FaceApiExpressionNet.samePadding(56, 3, 1));
        assertArrayEquals(new int[] {1, 1}, FaceApiExpressionNet.samePadding(7, 3, 2));
        float[] v = {0, 1, 2, 3, 4, 5}; // [2, 3] -> [3, 2]
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, FaceApiExpressionNet.permute(v, new int[] {2, 3}, 1, 0));
    }

    /**
     * Crops of noise over a colour that depends on the label (the net ends in a global average pool, so a colour is
     * something it can tell apart, a position is not).
     */
    private static class Colours implements FaceNetTrainer.Crops {
        private static final float[][] COLOURS = {{1f, 0, 0}, {0, 1f, 0}, {0, 0, 1f}, {1f, 1f, 0},
                {0, 1f, 1f}, {-1f, 0, 0}, {0, -1f, 0}};
        private final float[][] x;
        private final int[] y;

        Colours(int n, long seed) {
            Random r = new Random(seed);
            x = new float[n][PIXELS];
            y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = i % 7;
                for (int p = 0; p < PIXELS; p++) x[i][p] = (float) (r.nextGaussian() * 0.1) + COLOURS[y[i]][p % 3];
            }
        }

        public int size() {
            return y.length;
        }

        public int label(int i) {
            return y[i];
        }

        public void copy(int i, float[] dst, int offset) {
            System.arraycopy(x[i], 0, dst, offset, PIXELS);
        }
    }

    private static double accuracy(FaceApiExpressionNet net, Colours data) {
        int n = data.size(), right = 0;
        float[] all = new float[n * PIXELS];
        for (int i = 0; i < n; i++) data.copy(i, all, i * PIXELS);
        float[] s = net.predict(all, n).scores();
        for (int i = 0; i < n; i++) {
            float[] abaw = FaceApiExpressionNet.toAbawOrder(java.util.Arrays.copyOfRange(s, i * 7, i * 7 + 7));
            int best = 0;
            for (int k = 1; k < 7; k++) if (abaw[k] > abaw[best]) best = k;
            if (best == data.label(i)) right++;
        }
        return right / (double) n;
    }

    /** Random weights of face-api's structure with narrow layers (variance-preserving scale, a small fc). */
    static Map<String, NamedTensor> randomWeights(long seed) {
        Random r = new Random(seed);
        Map<String, NamedTensor> w = new LinkedHashMap<>();
        int in = 3;
        for (int b = 0; b < 4; b++) {
            int out = WIDTHS[b];
            for (int c = 0; c < 4; c++) {
                String p = "dense" + b + "/conv" + c;
                int cin = c == 0 ? in : out;
                if (b == 0 && c == 0) {
                    put(w, r, p + "/filters", new int[] {3, 3, cin, out}, 9 * cin);
                } else {
                    // near-identity depthwise filters, so the colour survives the 16 layers of a random net
                    put(w, r, p + "/depthwise_filter", new int[] {3, 3, cin, 1}, 900);
                    float[] dw = w.get(p + "/depthwise_filter").values();
                    for (int ch = 0; ch < cin; ch++) dw[4 * cin + ch] += 1f;
                    put(w, r, p + "/pointwise_filter", new int[] {1, 1, cin, out}, cin);
                }
                w.put(p + "/bias", new NamedTensor(p + "/bias", new int[] {out}, new float[out]));
            }
            in = out;
        }
        put(w, r, "fc/weights", new int[] {in, 7}, in * 100);
        w.put("fc/bias", new NamedTensor("fc/bias", new int[] {7}, new float[7]));
        return w;
    }

    private static void put(Map<String, NamedTensor> w, Random r, String name, int[] shape, int fanIn) {
        int size = 1;
        for (int d : shape) size *= d;
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) (r.nextGaussian() * Math.sqrt(1.0 / fanIn));
        w.put(name, new NamedTensor(name, shape, v));
    }
}
