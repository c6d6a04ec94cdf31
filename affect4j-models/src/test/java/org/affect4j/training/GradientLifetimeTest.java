package org.affect4j.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.affect4j.models.ExpressionNet;
import org.affect4j.models.MaskDropout;
import org.affect4j.models.ModelSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * A training step's gradients do not depend on when Java's garbage collector runs. DJL's arithmetic with a Java
 * number ({@code NDArray.mul(Number)} and its kin) wraps the number in a tensor over a direct buffer and closes it
 * right after the operation, while autograd keeps that tensor for the backward pass: a collection in between freed
 * the buffer and the backward pass read freed memory, so a step now and then got gradients scaled by garbage, and a
 * run stopped with a NaN or infinite gradient norm at a step that moved with the build (session 45).
 */
class GradientLifetimeTest {
    private static final int ROWS = 2;
    private static final int LENGTH = 12;
    private static final int DIM = 6;

    @ParameterizedTest
    @CsvSource({"transformer, false", "transformer, true", "lstm, false"})
    void aCollectionBetweenTheForwardAndBackwardPassesChangesNoGradient(String type, boolean pooled) throws Exception {
        Map<String, Object> encoder = type.equals("lstm")
                ? Map.of("hidden", 8, "layers", 1)
                : Map.of("width", 8, "layers", 2, "heads", 2, "feedForward", 16, "stride", 0);
        try (NDManager m = NDManager.newBaseManager()) {
            ExpressionNet net = new ExpressionNet(DIM, new ModelSpec(type, LENGTH, 6, 0.3f, List.of(10), encoder));
            net.initialize(m);
            RDropLoss loss = new RDropLoss(5f, new float[] {1f, 2f, 1f, 1f, 0.5f, 1f, 1f, 3f}, 0.1f, pooled);
            List<float[]> straight = gradients(net, loss, m, false);
            List<float[]> collected = gradients(net, loss, m, true);
            for (int i = 0; i < straight.size(); i++) {
                // the same bits where the kernels are pinned (as surefire runs); the tolerance only covers MKL's
                // alignment-dependent rounding elsewhere: freed constants scale gradients by orders of magnitude
                assertArrayEquals(straight.get(i), collected.get(i), 1e-6f, "gradient " + i + " of a " + type + " step");
            }
        }
    }

    /** One R-Drop step's gradients (two stacked copies, as {@link EpochTrainer} runs it), then zeroes them. */
    private static List<float[]> gradients(ExpressionNet net, RDropLoss loss, NDManager m, boolean collect)
            throws InterruptedException {
        Random random = new Random(3);
        float[] x = new float[2 * ROWS * LENGTH * DIM];
        for (int i = 0; i < x.length / 2; i++) x[i] = x[i + x.length / 2] = (float) random.nextGaussian();
        float[] valid = new float[2 * ROWS * LENGTH];
        int[] labels = new int[ROWS * LENGTH];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % LENGTH < LENGTH - 3 ? random.nextInt(8) : -1; // the last frames are padding
            valid[i] = valid[i + labels.length] = labels[i] >= 0 ? 1f : 0f;
        }
        Engine.getInstance().setRandomSeed(11);
        MaskDropout.seed(11);
        try (NDManager step = m.newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.forward(new ParameterStore(step, false), new NDList(
                        step.create(x, new Shape(2 * ROWS, LENGTH, DIM)),
                        step.create(valid, new Shape(2 * ROWS, LENGTH))), true).head();
                NDArray l = loss.compute(logits.get(new NDIndex("0:{}", ROWS)), logits.get(new NDIndex("{}:", ROWS)),
                        step.create(labels, new Shape(ROWS, LENGTH)));
                if (collect) {
                    // unreachable direct buffers are freed by the cleaner thread after a collection
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(30);
                    }
                }
                gc.backward(l);
            }
        }
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray w = p.getValue().getArray();
            out.add(w.getGradient().toFloatArray());
            JniUtils.zeroGrad((PtNDArray) w);
        }
        return out;
    }
}
