package org.affect4j.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.affect4j.models.DjlRuntime;
import org.affect4j.models.ExpressionNet;
import org.affect4j.models.ModelSpec;
import org.affect4j.models.Precision;
import org.affect4j.models.TemporalModels;
import org.affect4j.models.TorchMatmul;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a training step's CPU goes: process CPU seconds of the forward pass (with the R-Drop loss), the backward
 * pass and the Adam step with clipping, for one batch of 2 x 8 segments of 128 frames x 512 values at the paper's
 * sizes, averaged over 3 steps after a warm-up step (the split {@link Throughput} cannot show). Usage:
 * <pre>
 * affect4j-models/bench/run.sh org.affect4j.training.StepProfile [transformer|lstm] [float32|bfloat16] [DROPOUT]
 * </pre>
 * The thread count is run.sh's {@code THREADS}.
 */
public final class StepProfile {
    private StepProfile() {
    }

    public static void main(String[] args) {
        String model = args.length > 0 ? args[0] : "transformer";
        Precision precision = args.length > 1 ? Precision.of(args[1]) : Precision.FLOAT32;
        float dropout = args.length > 2 ? Float.parseFloat(args[2]) : 0.3f; // 0: what the dropout masks cost
        DjlRuntime.start(Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads", "2")));
        System.out.println("products in bfloat16: " + TorchMatmul.use(precision));
        Map<String, Object> encoder = new HashMap<>(TemporalModels.factory(model).defaults());
        ModelSpec spec = new ModelSpec(model, 128, 512, dropout, List.of(512, 256), encoder);
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            ExpressionNet net = new ExpressionNet(512, spec);
            net.initialize(manager);
            List<Parameter> params = new ArrayList<>(net.getParameters().values());
            AdamOptimiser optimiser = new AdamOptimiser(params, 1e-5f, manager);
            ParameterStore ps = new ParameterStore(manager, false);
            RDropLoss loss = new RDropLoss(5f, null, 0f);
            long[] cpu = new long[3];
            int timed = 3;
            long wall = 0;
            for (int it = 0; it <= timed; it++) {
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = step.randomNormal(new Shape(16, 128, 512));
                    NDArray valid = step.ones(new Shape(16, 128));
                    NDArray y = step.randomInteger(0, 8, new Shape(8, 128), DataType.INT32);
                    long w0 = System.nanoTime();
                    long c0 = cpuNanos();
                    long c1;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = net.forward(ps, new NDList(x, valid), true).head();
                        NDArray l = loss.compute(logits.get("0:8"), logits.get("8:"), y);
                        l.getFloat();
                        c1 = cpuNanos();
                        gc.backward(l);
                    }
                    long c2 = cpuNanos();
                    optimiser.step(1e-4f, 5f);
                    if (it > 0) { // the first step warms up
                        cpu[0] += c1 - c0;
                        cpu[1] += c2 - c1;
                        cpu[2] += cpuNanos() - c2;
                        wall += System.nanoTime() - w0;
                    }
                }
            }
            System.out.printf(precision.id() + " %s CPU s per step: forward %.2f, backward %.2f, Adam + clipping %.2f; wall %.2f s per step%n",
                    model, cpu[0] / 1e9 / timed, cpu[1] / 1e9 / timed, cpu[2] / 1e9 / timed, wall / 1e9 / timed);
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
