package org.affect4j.predict.model;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The dense layer's blocked kernel gives the bits of a plain dot product, for every count of rows. */
class TransformerNetDenseTest {
    @Test
    void blockedKernelEqualsDotProductsBitForBit() {
        Random r = new Random(7);
        for (boolean bias : new boolean[] {true, false}) {
            int in = 37, out = 23;
            float[] w = new float[in * out], b = new float[bias ? out : 0];
            for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
            for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
            TransformerNet.Dense d = new TransformerNet.Dense(in, out, w, b);
            for (int rows = 0; rows <= 9; rows++) {
                float[][] x = new float[rows][in];
                for (float[] row : x) for (int k = 0; k < in; k++) row[k] = (float) r.nextGaussian();
                float[][] y = d.apply(x);
                assertEquals(rows, y.length);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < out; j++) {
                        float s = bias ? b[j] : 0f;
                        for (int k = 0; k < in; k++) s += w[j * in + k] * x[i][k];
                        assertEquals(Float.floatToIntBits(s), Float.floatToIntBits(y[i][j]), "row " + i + " output " + j);
                    }
                }
            }
        }
    }
}
