package org.affect4j.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fused Adam step equals PyTorch's Adam formula (with L2 weight decay) and AdamW's (decoupled decay), gradients
 * are zeroed, state round-trips.
 */
class AdamOptimiserTest {

    @Test
    void stepsFollowTheAdamFormula() throws Exception {
        stepsFollow(false);
    }

    @Test
    void decoupledStepsFollowTheAdamWFormula() throws Exception {
        stepsFollow(true);
    }

    private static void stepsFollow(boolean decoupled) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            p.setShape(new ai.djl.ndarray.types.Shape(3));
            p.setInitializer((mgr, shape, type) -> mgr.create(new float[] {1f, -2f, 0.5f}));
            p.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32);
            float wd = decoupled ? 0.5f : 0.01f;
            AdamOptimiser adam = new AdamOptimiser(List.of(p), wd, decoupled, m);
            double[] w = {1, -2, 0.5};
            double[] mom = new double[3];
            double[] var = new double[3];
            float[] c = {3f, -1f, 0.2f};
            float lr = 0.1f;
            for (int t = 1; t <= 3; t++) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = p.getArray().mul(m.create(c)).sum();
                    gc.backward(loss);
                }
                adam.step(lr, 0f);
                for (int i = 0; i < 3; i++) {
                    double g = decoupled ? c[i] : c[i] + wd * w[i];
                    if (decoupled) w[i] *= 1 - lr * wd;
                    mom[i] = 0.9 * mom[i] + 0.1 * g;
                    var[i] = 0.999 * var[i] + 0.001 * g * g;
                    double mh = mom[i] / (1 - Math.pow(0.9, t));
                    double vh = var[i] / (1 - Math.pow(0.999, t));
                    w[i] -= lr * mh / (Math.sqrt(vh) + 1e-8);
                }
                float[] got = p.getArray().toFloatArray();
                for (int i = 0; i < 3; i++) assertEquals(w[i], got[i], 1e-5, "step " + t + " weight " + i);
                assertArrayEquals(new float[3], p.getArray().getGradient().toFloatArray(), "gradient zeroed");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            adam.save(bytes);
            AdamOptimiser copy = new AdamOptimiser(List.of(p), 0.01f, m);
            copy.load(new ByteArrayInputStream(bytes.toByteArray()));
            assertEquals(3, copy.steps());
        }
    }
}
