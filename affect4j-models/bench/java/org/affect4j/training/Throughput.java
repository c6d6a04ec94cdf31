package org.affect4j.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import org.affect4j.data.FramePredictions;
import org.affect4j.models.DjlRuntime;
import org.affect4j.models.ExpressionNet;
import org.affect4j.models.ModelSpec;
import org.affect4j.models.Precision;
import org.affect4j.models.TemporalModels;
import org.affect4j.models.TorchMatmul;
import org.affect4j.models.onnx.ExpressionNetGraph;
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
 * <p>Each path a user can pick is a line: training in {@code float32} and {@code bfloat16} ({@code training.precision},
 * {@link TorchMatmul}), inference through DJL in both ({@code evaluate --precision}) and, for the Transformer, through
 * ONNX Runtime in {@code float32} and {@code int8} ({@link ExpressionNetGraph}); every inference line is compared with
 * PyTorch's float32 and with PyTorch's own int8 (dynamic quantisation of its Linear layers), every training line with
 * PyTorch's float32 and its CPU autocast to bfloat16, all from the same run, and
 * an approximate path's probabilities with DJL's float32 ones (largest difference, labels the same).
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
        // oneDNN reads an instruction-set cap (a user's ONEDNN_MAX_CPU_ISA) at the first matrix product: lifted before any
        TorchMatmul.use(Precision.BFLOAT16);
        for (String model : models) {
            double load = loadAverage();
            List<Row> java = measure(model, steps, inferSegments, threads);
            double rss = peakRssMb();
            JsonNode py = python(model, steps, inferSegments, threads);
            double pyTrain = py.path("train_segments_per_s").asDouble();
            double pyInfer = py.path("infer_frames_per_s").asDouble();
            double pyTrainCpu = py.path("train_cpu_s_per_step").asDouble();
            double pyInferCpu = py.path("infer_cpu_ms_per_frame").asDouble();
            double pyInt8 = py.path("infer_int8_frames_per_s").asDouble();
            double pyBf16 = py.path("train_bf16_segments_per_s").asDouble();
            for (Row r : java) {
                if (r.training()) {
                    String bf16 = pyBf16 > 0 ? String.format(Locale.ROOT, "; torch bfloat16 autocast %7.3f, ratio %.2fx",
                            pyBf16, r.rate() / pyBf16) : "";
                    System.out.println(String.format(Locale.ROOT, "%-11s train %-26s %7.3f seg/s (torch float32 %7.3f, ratio"
                                    + " %.2fx%s), CPU s/step %.2f (torch %.2f, ratio %.2fx)", model, r.path(), r.rate(), pyTrain,
                            r.rate() / pyTrain, bf16, r.cpu(), pyTrainCpu, pyTrainCpu / r.cpu()));
                } else {
                    System.out.println(String.format(Locale.ROOT, "%-11s infer %-26s %8.0f frames/s (torch float32 %8.0f,"
                                    + " ratio %.2fx; torch int8 %8.0f, ratio %.2fx), CPU ms/frame %.3f (torch %.3f, ratio"
                                    + " %.2fx)%s", model, r.path(), r.rate(), pyInfer, r.rate() / pyInfer, pyInt8,
                            r.rate() / pyInt8, r.cpu(), pyInferCpu, pyInferCpu / r.cpu(),
                            r.agreement() == null ? "" : "; against DJL float32: " + r.agreement()));
                }
            }
            System.out.println(String.format(Locale.ROOT, "%-11s peak RSS so far: java %.0f MB, torch %.0f MB  load %.1f-%.1f",
                    model, rss, py.path("peak_rss_mb").asDouble(), load, loadAverage()));
        }
        System.out.println("threads " + threads + ", DJL " + Engine.getDjlVersion() + " / PyTorch "
                + Engine.getInstance().getVersion() + " vs python torch " + TorchReference.version()
                + "; bfloat16 units: " + TorchMatmul.hardware());
    }

    /**
     * One measured path: training (segments/s, CPU s a step) or inference (frames/s, CPU ms a frame), with how far
     * an approximate path's probabilities are from DJL's float32 ones.
     */
    record Row(boolean training, String path, double rate, double cpu, String agreement) {
    }

    /**
     * The Java side: training and inference through DJL in float32 and bfloat16 ({@link TorchMatmul}), and for the
     * Transformer inference through ONNX Runtime in float32 and int8 ({@link ExpressionNetGraph}).
     */
    static List<Row> measure(String model, int steps, int inferSegments, int threads) {
        Map<String, Object> encoder = new java.util.HashMap<>(TemporalModels.factory(model).defaults());
        ModelSpec spec = new ModelSpec(model, L, 512, 0.3f, List.of(512, 256), encoder);
        ExperimentConfig config = new ExperimentConfig("bench", 1, new ExperimentConfig.Data("-", "-", "-", true, false),
                List.of("x"), spec, new ExperimentConfig.Optimisation(1, B, 1e-4, 1e-5, 0, 0.1, 5, 5, 0, List.of(), 0, 0));
        FeatureLayout layout = new FeatureLayout(List.of("x"), List.of(D));
        List<Row> rows = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            ExpressionNet net = new ExpressionNet(D, spec);
            net.initialize(manager);
            List<Parameter> params = new ArrayList<>(net.getParameters().values());
            EpochTrainer trainer = new EpochTrainer(net, manager, config, layout,
                    new AdamOptimiser(params, 1e-5f, manager));
            for (Precision p : precisions(model)) {
                TorchMatmul.use(p); // as Training sets it
                trainer.train(1, segments(2 * B, 1), TrainingListener.NONE); // warm-up: 2 steps
                List<Sequence> data = segments(steps * B, 2);
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                trainer.train(2, data, TrainingListener.NONE);
                rows.add(new Row(true, "DJL " + p.id(), steps * B / ((System.nanoTime() - t0) / 1e9),
                        (cpuNanos() - c0) / 1e9 / steps, null));
            }
            List<Sequence> infer = segments(inferSegments, 3);
            List<FramePredictions> reference = null;
            for (Precision p : precisions(model)) {
                TorchMatmul.use(p);
                SequencePredictor.predict(net, manager, segments(4 * B, 4), B); // warm-up: 4 batches
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                List<FramePredictions> out = SequencePredictor.predict(net, manager, infer, B).predictions();
                rows.add(inferred("DJL " + p.id(), t0, c0, inferSegments, reference, out));
                if (reference == null) reference = out;
            }
            TorchMatmul.use(Precision.FLOAT32);
            if (ExpressionNetGraph.runs(net)) {
                for (Precision p : List.of(Precision.FLOAT32, Precision.INT8)) {
                    try (ExpressionNetGraph graph = new ExpressionNetGraph(net, p, threads)) {
                        SequencePredictor.predict(graph, spec, segments(4 * B, 4), B);
                        long c0 = cpuNanos();
                        long t0 = System.nanoTime();
                        List<FramePredictions> out = SequencePredictor.predict(graph, spec, infer, B).predictions();
                        rows.add(inferred("ONNX Runtime " + p.id(), t0, c0, inferSegments, reference, out));
                    }
                }
            }
        }
        return rows;
    }

    /** Float32, and bfloat16 where it runs: a Transformer, on a CPU with bfloat16 units, oneDNN not capped. */
    private static List<Precision> precisions(String model) {
        if (model.equals("lstm") || !TorchMatmul.use(Precision.BFLOAT16)) {
            if (!model.equals("lstm")) System.err.println("bfloat16 not measured: the products stay float32 here");
            return List.of(Precision.FLOAT32);
        }
        return List.of(Precision.FLOAT32, Precision.BFLOAT16);
    }

    private static Row inferred(String path, long t0, long c0, int segments, List<FramePredictions> reference,
                                List<FramePredictions> out) {
        double rate = (double) segments * L / ((System.nanoTime() - t0) / 1e9);
        double cpu = (cpuNanos() - c0) / 1e6 / ((double) segments * L);
        if (reference == null) return new Row(false, path, rate, cpu, null);
        double worst = 0;
        long same = 0, frames = 0;
        for (int v = 0; v < reference.size(); v++) {
            for (int f = 0; f < reference.get(v).frames(); f++) {
                frames++;
                if (reference.get(v).label(f) == out.get(v).label(f)) same++;
                for (int c = 0; c < 8; c++) {
                    worst = Math.max(worst, Math.abs(reference.get(v).probability(f, c) - out.get(v).probability(f, c)));
                }
            }
        }
        return new Row(false, path, rate, cpu, String.format(Locale.ROOT, "max |diff| %.2g, labels the same %.2f %%",
                worst, 100.0 * same / frames));
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
