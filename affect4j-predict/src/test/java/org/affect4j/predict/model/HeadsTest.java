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
