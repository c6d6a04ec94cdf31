package org.affect4j.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The R-Drop objective equals METHOD §4's formula, by hand and against PyTorch's functional ops. */
class RDropLossTest {

    @Test
    void handMadeLogitsGiveTheFormula() {
        try (NDManager m = NDManager.newBaseManager()) {
            // two frames, 3 classes; the second frame is padding (-1) and must not count
            NDArray p1 = m.create(new float[] {1, 0, 0, 9, 9, 9}, new Shape(1, 2, 3));
            NDArray p2 = m.create(new float[] {0, 1, 0, -9, 9, 0}, new Shape(1, 2, 3));
            NDArray y = m.create(new int[] {0, -1}, new Shape(1, 2));
            double z1 = Math.exp(1) + 2;
            double z2 = Math.exp(1) + 2;
            double[] q1 = {Math.exp(1) / z1, 1 / z1, 1 / z1};
            double[] q2 = {1 / z2, Math.exp(1) / z2, 1 / z2};
            double ce = 0.5 * (-Math.log(q1[0]) - Math.log(q2[0]));
            double kl12 = 0;
            double kl21 = 0;
            for (int c = 0; c < 3; c++) {
                kl12 += q1[c] * Math.log(q1[c] / q2[c]);
                kl21 += q2[c] * Math.log(q2[c] / q1[c]);
            }
            double expected = ce + 5 * 0.5 * (kl12 + kl21);
            float got = new RDropLoss(5f, null, 0f).compute(p1, p2, y).getFloat();
            assertEquals(expected, got, 1e-5);
            // alpha 0: one pass, plain cross-entropy of the first logits
            assertEquals(-Math.log(q1[0]), new RDropLoss(0f, null, 0f).compute(p1, null, y).getFloat(), 1e-5);
        }
    }

    @Test
    void matchesTorchFunctionalOnRandomLogits() throws Exception {
        try (NDManager m = NDManager.newBaseManager(); InputStream in = getClass().getResourceAsStream("/org/affect4j/models/rdrop.npz")) {
            assertNotNull(in);
            NDList fx = NDList.decode(m, in);
            NDArray labels = fx.get("labels").toType(DataType.INT32, false);
            float loss = new RDropLoss(5f, null, 0f).compute(fx.get("p1"), fx.get("p2"), labels).getFloat();
            float ce = new RDropLoss(0f, null, 0f).compute(fx.get("p1"), null, labels).getFloat();
            float ce2 = new RDropLoss(0f, null, 0f).compute(fx.get("p2"), null, labels).getFloat();
            System.out.printf("R-Drop vs torch: %.8f vs %.8f%n", loss, fx.get("loss").getFloat());
            assertEquals(fx.get("loss").getFloat(), loss, 1e-5);
            assertEquals(fx.get("ce").getFloat(), 0.5 * (ce + ce2), 1e-5);
        }
    }

    @Test
    void classWeightsAndSmoothingFollowTorchDefinitions() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(new float[] {2, 0, 0, 1, 0, 3}, new Shape(1, 2, 3));
            NDArray y = m.create(new int[] {0, 2}, new Shape(1, 2));
            double[] lp0 = logSoftmax(2, 0, 0);
            double[] lp1 = logSoftmax(1, 0, 3);
            // weighted: sum w_y * ce / sum w_y
            double weighted = (1 * -lp0[0] + 3 * -lp1[2]) / 4;
            assertEquals(weighted, new RDropLoss(0f, new float[] {1, 2, 3}, 0f).compute(p, null, y).getFloat(), 1e-5);
            // smoothing 0.3 over 3 classes: target (0.7 onehot + 0.1)
            double s0 = -(0.8 * lp0[0] + 0.1 * lp0[1] + 0.1 * lp0[2]);
            double s1 = -(0.1 * lp1[0] + 0.1 * lp1[1] + 0.8 * lp1[2]);
            assertEquals((s0 + s1) / 2, new RDropLoss(0f, null, 0.3f).compute(p, null, y).getFloat(), 1e-5);
            assertThrows(IllegalArgumentException.class, () -> new RDropLoss(-1f, null, 0f));
        }
    }

    @Test
    void aPooledLossScoresEachSegmentsMeanLogitsOnce() {
        try (NDManager m = NDManager.newBaseManager()) {
            // three segments of 3 frames, 3 classes: the first all class 0 with one padded frame, the second mixed
            // (two frames of class 1, one of class 2), the third entirely padding (drops out)
            NDArray p = m.create(new float[] {2, 0, 0, 1, 1, 0, 9, 9, 9,
                    0, 3, 1, 0, 1, 0, 1, 0, 2,
                    5, 0, 0, 0, 5, 0, 0, 0, 5}, new Shape(3, 3, 3));
            NDArray y = m.create(new int[] {0, 0, -1, 1, 1, 2, -1, -1, -1}, new Shape(3, 3));
            double[] a = logSoftmax(1.5, 0.5, 0); // mean of frames 1-2 of the first segment
            double[] b = logSoftmax(1.0 / 3, 4.0 / 3, 1); // mean of the second's three frames
            double first = -a[0];
            double second = -(2.0 / 3 * b[1] + 1.0 / 3 * b[2]);
            assertEquals((first + second) / 2, new RDropLoss(0f, null, 0f, true).compute(p, null, y).getFloat(), 1e-5);
            // R-Drop on the pooled distributions: identical passes add no KL
            assertEquals((first + second) / 2, new RDropLoss(5f, null, 0f, true).compute(p, p, y).getFloat(), 1e-5);
            // per frame the same logits give another number (5 annotated frames, each counted)
            double perFrame = (-logSoftmax(2, 0, 0)[0] - logSoftmax(1, 1, 0)[0] - logSoftmax(0, 3, 1)[1]
                    - logSoftmax(0, 1, 0)[1] - logSoftmax(1, 0, 2)[2]) / 5;
            assertEquals(perFrame, new RDropLoss(0f, null, 0f).compute(p, null, y).getFloat(), 1e-5);
        }
    }

    private static double[] logSoftmax(double... v) {
        double z = 0;
        for (double x : v) z += Math.exp(x);
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) o[i] = v[i] - Math.log(z);
        return o;
    }
}
