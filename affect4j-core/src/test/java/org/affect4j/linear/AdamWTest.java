package org.affect4j.linear;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** AdamW's steps against the formulas of Loshchilov and Hutter, written out in double. */
class AdamWTest {
    @Test
    void stepsFollowTheBiasCorrectedMomentsWithDecoupledDecay() {
        float[] p = {1f, -2f};
        float[] g = {2f, 0.5f};
        AdamW adam = new AdamW(2);
        double lr = 0.1, wd = 0.5;
        double[] m = new double[2], v = new double[2], q = {1, -2};
        for (int t = 1; t <= 3; t++) {
            adam.step(p, g, t, lr, wd);
            for (int j = 0; j < 2; j++) {
                m[j] = 0.9 * m[j] + 0.1 * g[j];
                v[j] = 0.999 * v[j] + 0.001 * g[j] * g[j];
                double mh = m[j] / (1 - Math.pow(0.9, t)), vh = v[j] / (1 - Math.pow(0.999, t));
                q[j] -= lr * (mh / (Math.sqrt(vh) + 1e-8) + wd * q[j]);
                assertEquals(q[j], p[j], 1e-5, "parameter " + j + " after step " + t);
            }
            g = new float[] {0f, -1f};
        }
        // first step of Adam moves by the learning rate whatever the gradient's scale, plus the decay
        float[] one = {1f};
        new AdamW(1).step(one, new float[] {1000f}, 1, 0.1, 0);
        assertEquals(0.9f, one[0], 1e-6f);
    }
}
