package org.affect4j.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import org.affect4j.models.DjlRuntime;
import org.affect4j.models.ExpressionNet;
import org.affect4j.models.ModelSpec;
import org.affect4j.models.TemporalModels;
import org.affect4j.models.onnx.ExpressionNetGraph;
import org.affect4j.models.onnx.Precision;
import org.affect4j.data.FramePredictions;
import org.affect4j.training.config.ExperimentConfig;
import org.affect4j.training.config.ExperimentConfigs;
import org.affect4j.training.data.FeatureLayout;
import org.affect4j.training.data.Sequence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Training and inference throughput of both temporal models at the paper's sizes against the same models in
 * PyTorch ({@code bench/python/torch_bench.py}, Debian python3-torch) with the same thread count, measured in the
 * same invocation. Training: batches of 8 segments x 128 frames x 512 input values, R-Drop (two passes), Adam,
 * global-norm clipping, through the real {@link EpochTrainer}; inference through the real
 * {@link SequencePredictor}. Prints segments/s, frames/s, the ratios and peak RSS. Usage:
 * <pre>
 * affect4j-models/bench/run.sh org.affect4j.training.Throughput STEPS INFER_SEGMENTS
 * affect4j-models/bench/run.sh org.affect4j.training.Throughput STEPS INFER_SEGMENTS transformer
 * </pre>
 * (the optional third argument picks the models). Beside wall-clock rates it prints CPU seconds per training step
 * and CPU milliseconds per inferred frame of both processes (all threads), which hold on a loaded machine, and the
 * load average before and after. Java runs first and its peak RSS (VmHWM) is read before Python starts.
 *
 * <p>For the Transformer it also times inference through ONNX Runtime ({@link ExpressionNetGraph}, the path of
 * {@code affect4j evaluate --precision float32|int8} and {@code ensemble}) in both precisions on the same segments,
 * with how far its probabilities are from DJL's and how many frame labels agree; the int8 line also prints PyTorch's
 * own int8 (dynamic quantisation of its Linear layers) measured in the same run.
 */
public final class Throughput {
    private static final int B = 8;
    private static final int L = 128;
    private static final int D = 512;

    private Throughput() {
    }

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int inferSegments = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        List<String> models = args.length > 2 ? List.of(args[2].split(",")) : List.of("lstm", "transformer");
        int threads = Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads", "2"));
        DjlRuntime.start(threads);
        for (String model : models) {
            double load = loadAverage();
            double[] java = measure(model, steps, inferSegments);
            double rss = peakRssMb();
            JsonNode py = python(model, steps, inferSegments, threads);
            double pyTrain = py.path("train_segments_per_s").asDouble();
            double pyInfer = py.path("infer_frames_per_s").asDouble();
            double pyTrainCpu = py.path("train_cpu_s_per_step").asDouble();
            double pyInferCpu = py.path("infer_cpu_ms_per_frame").asDouble();
            System.out.println(String.format(Locale.ROOT, "%-11s train %7.3f seg/s (torch %7.3f, ratio %.2fx), CPU s/step"
                            + " %.1f (torch %.1f, ratio %.2fx)  infer %8.0f frames/s (torch %8.0f, ratio %.2fx), CPU ms/frame"
                            + " %.2f (torch %.2f, ratio %.2fx)  peak RSS so far: java %.0f MB, torch %.0f MB  load %.1f-%.1f",
                    model, java[0], pyTrain, java[0] / pyTrain, java[2], pyTrainCpu, pyTrainCpu / java[2],
                    java[1], pyInfer, java[1] / pyInfer, java[3], pyInferCpu, pyInferCpu / java[3], rss,
                    py.path("peak_rss_mb").asDouble(), load, loadAverage()));
            for (Precision p : java.length > 4 ? Precision.values() : new Precision[0]) {
                int k = 4 + 4 * p.ordinal();
                String torchInt8 = p != Precision.INT8 ? "" : String.format(Locale.ROOT, "; torch's own int8 (dynamic"
                                + " quantisation of its Linear layers) %.0f frames/s, ours %.2fx it",
                        py.path("infer_int8_frames_per_s").asDouble(), java[k] / py.path("infer_int8_frames_per_s").asDouble());
                System.out.println(String.format(Locale.ROOT, "%-11s infer through ONNX Runtime, %s: %8.0f frames/s"
                                + " (torch %8.0f, ratio %.2fx), CPU ms/frame %.3f (torch %.2f, ratio %.2fx); against DJL's"
                                + " probabilities: max |diff| %.2g, labels the same %.2f %%%s",
                        model, p.id(), java[k], pyInfer, java[k] / pyInfer, java[k + 1], pyInferCpu,
                        pyInferCpu / java[k + 1], java[k + 2], 100 * java[k + 3], torchInt8));
            }
        }
        System.out.println("threads " + threads + ", DJL " + Engine.getDjlVersion() + " / PyTorch "
                + Engine.getInstance().getVersion() + " vs python torch " + TorchReference.version());
    }

    /** {training segments/s, inference frames/s, training CPU s/step, inference CPU ms/frame} of the Java side. */
    static double[] measure(String model, int steps, int inferSegments) {
        Map<String, Object> encoder = new java.util.HashMap<>(TemporalModels.factory(model).defaults());
        ModelSpec spec = new ModelSpec(model, L, 512, 0.3f, List.of(512, 256), encoder);
        ExperimentConfig config = new ExperimentConfig("bench", 1, new ExperimentConfig.Data("-", "-", "-", true, false),
                List.of("x"), spec, new ExperimentConfig.Optimisation(1, B, 1e-4, 1e-5, 0, 0.1, 5, 5, 0, List.of(), 0, 0));
        FeatureLayout layout = new FeatureLayout(List.of("x"), List.of(D));
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            ExpressionNet net = new ExpressionNet(D, spec);
            net.initialize(manager);
            List<Parameter> params = new ArrayList<>(net.getParameters().values());
            EpochTrainer trainer = new EpochTrainer(net, manager, config, layout,
                    new AdamOptimiser(params, 1e-5f, manager));
            trainer.train(1, segments(2 * B, 1), TrainingListener.NONE); // warm-up: 2 steps
            List<Sequence> data = segments(steps * B, 2);
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            trainer.train(2, data, TrainingListener.NONE);
            double trainSps = steps * B / ((System.nanoTime() - t0) / 1e9);
            double trainCpu = (cpuNanos() - c0) / 1e9 / steps;
            List<Sequence> infer = segments(inferSegments, 3);
            SequencePredictor.predict(net, manager, segments(4 * B, 4), B); // warm-up: 4 batches
            c0 = cpuNanos();
            t0 = System.nanoTime();
            List<FramePredictions> djl = SequencePredictor.predict(net, manager, infer, B).predictions();
            double inferFps = (double) inferSegments * L / ((System.nanoTime() - t0) / 1e9);
            double inferCpu = (cpuNanos() - c0) / 1e6 / ((double) inferSegments * L);
            if (!ExpressionNetGraph.runs(net)) return new double[] {trainSps, inferFps, trainCpu, inferCpu};
            double[] out = {trainSps, inferFps, trainCpu, inferCpu, 0, 0, 0, 0, 0, 0, 0, 0};
            for (Precision p : Precision.values()) {
                int threads = Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads"));
                try (ExpressionNetGraph graph = new ExpressionNetGraph(net, p, threads)) {
                    SequencePredictor.predict(graph, spec, segments(4 * B, 4), B);
                    c0 = cpuNanos();
                    t0 = System.nanoTime();
                    List<FramePredictions> onnx = SequencePredictor.predict(graph, spec, infer, B).predictions();
                    int k = 4 + 4 * p.ordinal();
                    out[k] = (double) inferSegments * L / ((System.nanoTime() - t0) / 1e9);
                    out[k + 1] = (cpuNanos() - c0) / 1e6 / ((double) inferSegments * L);
                    double worst = 0;
                    long same = 0, frames = 0;
                    for (int v = 0; v < djl.size(); v++) {
                        for (int f = 0; f < djl.get(v).frames(); f++) {
                            frames++;
                            if (djl.get(v).label(f) == onnx.get(v).label(f)) same++;
                            for (int c = 0; c < 8; c++) {
                                worst = Math.max(worst, Math.abs(djl.get(v).probability(f, c) - onnx.get(v).probability(f, c)));
                            }
                        }
                    }
                    out[k + 2] = worst;
                    out[k + 3] = (double) same / frames;
                }
            }
            return out;
        }
    }

    /** {@code n} random sequences of exactly one segment each. */
    private static List<Sequence> segments(int n, long seed) {
        Random rnd = new Random(seed);
        List<Sequence> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] x = new float[L * D];
            for (int k = 0; k < x.length; k++) x[k] = (float) rnd.nextGaussian();
            int[] y = new int[L];
            for (int k = 0; k < L; k++) y[k] = rnd.nextInt(8);
            out.add(new Sequence("s" + i, L, D, x, y));
        }
        return out;
    }

    /** CPU time of the whole process (all threads, native ones included). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
        }
        return Double.NaN;
    }

    private static JsonNode python(String model, int steps, int inferSegments, int threads) throws Exception {
        return ExperimentConfigs.json().readTree(TorchReference.lastLine("bench/python/torch_bench.py", model,
                Integer.toString(steps), Integer.toString(inferSegments), Integer.toString(threads)));
    }
}
