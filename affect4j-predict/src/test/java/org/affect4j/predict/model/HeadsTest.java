package org.affect4j.predict.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.affect4j.data.ExprClass;
import org.affect4j.data.FramePredictions;
import org.affect4j.linear.MlpClassifier;
import org.affect4j.linear.MlpTrainer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void perceptronHeadSurvivesTheModelFileBitForBit() throws Exception {
        SplittableRandom rng = new SplittableRandom(3);
        float[][] x = new float[60][5];
        int[] y = new int[60];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 5; j++) x[i][j] = (float) (rng.nextGaussian() + (j == y[i] ? 2 : 0));
        }
        MlpClassifier m = new MlpTrainer(8, 5, 1e-2, 0, 0, 16, 1).fit(x, y, 3, c -> 0);
        int[] classes = {1, 4, 5};
        MlpHead head = MlpHead.of(m, classes);
        Head back = JSON.readValue(JSON.writeValueAsString((Head) head), Head.class);
        assertInstanceOf(MlpHead.class, back);
        for (float[] row : x) {
            double[] p = back.scorer().probabilities(row);
            double[] own = m.probabilities(row);
            assertEquals(ExprClass.COUNT, p.length);
            for (int k = 0; k < classes.length; k++) assertEquals(own[k], p[classes[k]], 0);
            assertEquals(0, p[0] + p[2] + p[3] + p[6] + p[7], 0);
        }
    }

    @Test
    void meanHeadAveragesItsMembersAndSurvivesTheModelFile() throws Exception {
        SplittableRandom rng = new SplittableRandom(5);
        float[][] x = new float[60][4];
        int[] y = new int[60];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 2;
            for (int j = 0; j < 4; j++) x[i][j] = (float) (rng.nextGaussian() + (j == y[i] ? 1 : 0));
        }
        int[] classes = {0, 4};
        MlpHead a = MlpHead.of(new MlpTrainer(6, 3, 1e-2, 0, 0.5, 16, 1).fit(x, y, 2, c -> 0), classes);
        MlpHead b = MlpHead.of(new MlpTrainer(6, 3, 1e-2, 0, 0.5, 16, 2).fit(x, y, 2, c -> 0), classes);
        String json = JSON.writeValueAsString((Head) new MeanHead(java.util.List.of(a, b)));
        assertTrue(json.contains("\"type\":\"mean\"") && json.contains("\"type\":\"mlp\""), json);
        Head back = JSON.readValue(json, Head.class);
        assertInstanceOf(MeanHead.class, back);
        double spread = 0;
        for (float[] row : x) {
            double[] pa = a.scorer().probabilities(row), pb = b.scorer().probabilities(row), p = back.scorer().probabilities(row);
            for (int c = 0; c < ExprClass.COUNT; c++) assertEquals((pa[c] + pb[c]) / 2, p[c], 1e-15, "class " + c);
            spread = Math.max(spread, Math.abs(pa[4] - pb[4]));
        }
        assertTrue(spread > 1e-3, "the two seeds gave the same perceptron");
        assertArrayEquals(classes, back.classIndex());
        MlpHead other = MlpHead.of(new MlpTrainer(6, 1, 1e-2, 0, 0, 16, 1).fit(x, y, 2, c -> 0), new int[] {0, 5});
        assertThrows(IllegalArgumentException.class, () -> new MeanHead(java.util.List.of(a, other)));
        assertThrows(IllegalArgumentException.class, () -> new MeanHead(java.util.List.of()));
    }

    @Test
    void headsSayWhatTheyAreAndRefuseBadShapes() throws Exception {
        LinearHead lin = new LinearHead(new int[] {0, 4}, new float[] {0, 0}, new float[] {1, 1},
                new double[][] {{1, 0}, {0, 1}}, new double[] {0, 0});
        String json = JSON.writeValueAsString((Head) lin);
        assertTrue(json.contains("\"type\":\"linear\""), json);
        double[] p = JSON.readValue(json, Head.class).scorer().probabilities(new float[] {0, 3});
        assertTrue(p[4] > p[0]);
        assertThrows(IllegalArgumentException.class, () -> new LinearHead(new int[] {0, 9}, new float[] {0}, new float[] {1},
                new double[][] {{1}, {1}}, new double[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new MlpHead(new int[] {0, 1}, 2, new float[3], new float[3],
                new float[5], new float[2], new float[4], new float[2]));
    }

    @Test
    void linearHeadIsSavedAsBase64AndOlderDecimalFilesStillRead() throws Exception {
        double w = 0.1 + 0.2; // no short decimal: a lossy encoding would show
        LinearHead lin = new LinearHead(new int[] {0, 4}, new float[] {1.1f, -2.7f}, new float[] {0.3f, 7f},
                new double[][] {{w, -1e-300}, {Math.PI, 5}}, new double[] {-w, Double.MIN_VALUE});
        String json = JSON.writeValueAsString((Head) lin);
        assertTrue(!json.contains("0.30000000000000004") && !json.contains("3.14159"), json);
        LinearHead back = (LinearHead) JSON.readValue(json, Head.class);
        String old = """
                {"type": "linear", "classIndex": [0, 4], "mean": [1.1, -2.7], "std": [0.3, 7.0],
                 "weights": [[0.30000000000000004, -1.0E-300], [3.141592653589793, 5.0]], "bias": [-0.30000000000000004, 4.9E-324]}
                """;
        LinearHead decimals = (LinearHead) JSON.readValue(old, Head.class);
        for (LinearHead h : new LinearHead[] {back, decimals}) {
            assertArrayEquals(lin.mean(), h.mean(), 0);
            assertArrayEquals(lin.std(), h.std(), 0);
            for (int k = 0; k < 2; k++) assertArrayEquals(lin.weights()[k], h.weights()[k], 0);
            assertArrayEquals(lin.bias(), h.bias(), 0);
        }
        assertThrows(Exception.class, () -> JSON.readValue(json.replaceFirst("\"bias\":\"", "\"bias\":\"!"), Head.class));
    }

    /**
     * The regression voice head (shipped until the voice encoder, now a test resource) was rewritten from decimals to
     * base64: its numbers are those of the decimal file it came from (SHA-256 of every weight, bias, mean and std as
     * float64 bits, taken from the decimal file), so every probability is unchanged.
     */
    @Test
    void shippedVoiceHeadKeptEveryNumber() throws Exception {
        LinearHead a = (LinearHead) org.affect4j.predict.TestModels.withRegressionVoice().spec().audio().head();
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(Double.BYTES);
        java.util.function.DoubleConsumer add = v -> md.update(b.clear().putDouble(v).array());
        for (double[] r : a.weights()) for (double v : r) add.accept(v);
        for (double v : a.bias()) add.accept(v);
        for (float v : a.mean()) add.accept(v);
        for (float v : a.std()) add.accept(v);
        assertEquals("b58bfaf929a0bc04a822cdb2a7cf3889f6dd80912a3fad19a58f2de4e8d1cd85",
                java.util.HexFormat.of().formatHex(md.digest()));
    }

    @Test
    void otherWinsExactlyWhenNoBasicClassReachesTheThreshold() {
        double[][] rows = {
                {0.5, 0.3, 0, 0, 0.2, 0, 0, 0},   // confident: stays Neutral
                {0.3, 0.25, 0.2, 0, 0.25, 0, 0, 0}, // nothing reaches 0.35: Other
                {0.35, 0.3, 0, 0, 0.35, 0, 0, 0},  // a basic class exactly at theta wins the tie
        };
        FramePredictions p = OpenSet.apply(FramePredictions.ofProbabilities(rows), 0.35);
        assertEquals(0, p.label(0));
        assertEquals(ExprClass.OTHER.ordinal(), p.label(1));
        assertEquals(0, p.label(2));
        for (int i = 0; i < rows.length; i++) {
            double sum = 0;
            for (double v : p.probabilities(i)) sum += v;
            assertEquals(1, sum, 1e-12);
        }
        assertArrayEquals(rows[0], OpenSet.apply(FramePredictions.ofProbabilities(rows), 0).probabilities(0));
    }
}
