package org.affect4j.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both Adam steps (libtorch's fused kernel, DJL's update) equal PyTorch's Adam formula (with L2 weight decay) and
 * AdamW's (decoupled decay) and each other, gradients are zeroed, state round-trips.
 */
class AdamOptimiserTest {

    @Test
    void stepsFollowTheAdamFormula() throws Exception {
        assertNull(AdamOptimiser.unfused(), "libtorch's fused kernel is callable here");
        stepsFollow(false, true);
        stepsFollow(false, false);
    }

    @Test
    void decoupledStepsFollowTheAdamWFormula() throws Exception {
        stepsFollow(true, true);
        stepsFollow(true, false);
    }

    /** The fused kernel and DJL's update take the same steps on a network-sized parameter set, clipped or not. */
    @Test
    void fusedKernelAndEngineUpdateAgree() {
        for (boolean decoupled : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager()) {
                Engine.getInstance().setRandomSeed(7);
                Shape[] shapes = {new Shape(64, 33), new Shape(33), new Shape(1001)};
                List<Parameter> a = new ArrayList<>();
                List<Parameter> b = new ArrayList<>();
                NDArray[] targets = new NDArray[shapes.length];
                for (int i = 0; i < shapes.length; i++) {
                    NDArray init = m.randomNormal(shapes[i]);
                    a.add(parameter(m, "a" + i, init));
                    b.add(parameter(m, "b" + i, init));
                    targets[i] = m.randomNormal(shapes[i]).mul(3);
                }
                AdamOptimiser fused = new AdamOptimiser(a, 0.01f, decoupled, m).withFusedKernel(true);
                AdamOptimiser engine = new AdamOptimiser(b, 0.01f, decoupled, m).withFusedKernel(false);
                for (int t = 1; t <= 6; t++) {
                    float clip = t % 2 == 0 ? 1f : 0f; // every other step clipped hard: the kernel's gradient scale
                    double na = step(fused, a, targets, clip);
                    double nb = step(engine, b, targets, clip);
                    assertEquals(nb, na, 1e-4 * nb, "gradient norm, step " + t);
                    for (int i = 0; i < shapes.length; i++) {
                        NDArray wa = a.get(i).getArray();
                        NDArray wb = b.get(i).getArray();
                        // DJL's update takes its betas as float: 1 - 0.999f is 5e-5 off, ~1e-6 of weight a step here
                        float d = wa.sub(wb).abs().max().getFloat();
                        assertTrue(d < 2e-5f, "step " + t + " parameter " + i + ": " + d);
                        assertEquals(0f, wa.getGradient().abs().max().getFloat(), "gradient zeroed");
                    }
                }
                assertTrue(a.get(0).getArray().sub(targets[0]).abs().max().getFloat() > 0, "weights moved");
            }
        }
    }

    private static Parameter parameter(NDManager m, String name, NDArray init) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
        p.setShape(init.getShape());
        p.setInitializer((mgr, shape, type) -> init.duplicate());
        p.initialize(m, DataType.FLOAT32);
        return p;
    }

    /** Squared distance of every parameter to its target as the loss, then one step. */
    private static double step(AdamOptimiser adam, List<Parameter> ps, NDArray[] targets, float clip) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (int i = 0; i < ps.size(); i++) {
                NDArray l = ps.get(i).getArray().sub(targets[i]).square().sum();
                loss = loss == null ? l : loss.add(l);
            }
            gc.backward(loss);
        }
        return adam.step(0.05f, clip);
    }

    private static void stepsFollow(boolean decoupled, boolean fused) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
            p.setShape(new ai.djl.ndarray.types.Shape(3));
            p.setInitializer((mgr, shape, type) -> mgr.create(new float[] {1f, -2f, 0.5f}));
            p.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32);
            float wd = decoupled ? 0.5f : 0.01f;
            AdamOptimiser adam = new AdamOptimiser(List.of(p), wd, decoupled, m);
            adam.withFusedKernel(fused); // tests run pinned, where steps would take DJL's update
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
                for (int i = 0; i < 3; i++) assertEquals(w[i], got[i], 1e-5, (fused ? "fused" : "engine") + " step " + t + " weight " + i);
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
