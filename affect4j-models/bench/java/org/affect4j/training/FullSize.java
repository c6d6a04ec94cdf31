package org.affect4j.training;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.affect4j.runs.EpochMetrics;
import org.affect4j.store.FeatureStore;
import org.affect4j.training.config.ExperimentConfig;
import org.affect4j.training.config.ExperimentConfigs;
import org.affect4j.training.data.FeatureLayout;
import org.affect4j.training.data.FeatureStandardiser;
import org.affect4j.training.data.LabelledItem;
import org.affect4j.training.data.LabelledItems;
import org.affect4j.training.data.VideoRows;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One model at the paper's settings ({@code configs/MODEL.json}: segments of 128, batches of 8, R-Drop, fusion 512;
 * the Transformer 4 layers, 4 heads, width 1024) trained through the real {@link Training#run} on the full-size
 * store of {@code bench/java/AffWild2Store.java} (all six features, 1,707 values a frame), read through the
 * memory-mapped reader. A full epoch is ~1,200 steps of several seconds each, too long for a shared 2-core machine:
 * the run stops after STEPS steps ({@code training.maxStepsPerEpoch}) and then validates, as every epoch does, on
 * the first VAL_FILES validation files (0: all 70); the epoch time is projected from the measured time per step and
 * per validation frame. Also measures the data loader
 * alone (the same batches, {@link BatchInputs#of}, no model) and samples the process's memory: resident anonymous
 * memory (heap, engine, stacks) apart from resident file pages (the mapped store, which is the OS's cache and
 * given back under pressure). Usage (from the repository root):
 * <pre>
 * affect4j-models/bench/run.sh org.affect4j.training.FullSize BENCH_DIR MODEL STEPS LOADER_BATCHES VAL_FILES
 * </pre>
 * BENCH_DIR holds {@code store/} and {@code annotations/} (AffWild2Store's output) and receives {@code run-MODEL}.
 * Prints one line of {@code key=value} figures (seconds, MB, CPU seconds of the whole process).
 */
public final class FullSize {
    private static final List<String> FEATURES = List.of("faceapi-expr", "faceres", "mobilefacenet", "fbank", "egemaps", "compare");

    private FullSize() {
    }

    public static void main(String[] args) throws Exception {
        Path bench = Path.of(args[0]).toAbsolutePath();
        String model = args[1];
        int steps = Integer.parseInt(args[2]);
        int loaderBatches = Integer.parseInt(args[3]);
        int valFiles = Integer.parseInt(args[4]);
        Path root = Path.of(System.getProperty("affect4j.root", "..")).toAbsolutePath();
        ObjectNode cfg = (ObjectNode) ExperimentConfigs.json().readTree(root.resolve("configs/" + model + ".json").toFile());
        Path sets = bench.resolve("annotations/EXPR_Classification_Challenge");
        ObjectNode data = (ObjectNode) cfg.get("data");
        data.put("store", bench.resolve("store").toString());
        data.put("train", sets.resolve("Train_Set").toString());
        data.put("validation", validationSubset(bench, sets.resolve("Validation_Set"), valFiles).toString());
        ArrayNode features = cfg.putArray("features");
        FEATURES.forEach(features::add);
        ObjectNode training = (ObjectNode) cfg.get("training");
        training.put("epochs", 1);
        training.put("maxStepsPerEpoch", steps);
        Path config = bench.resolve("bench-" + model + ".json");
        Files.writeString(config, ExperimentConfigs.json().writeValueAsString(cfg));
        Path runDir = bench.resolve("run-" + model);

        Memory memory = new Memory();
        memory.start();
        double cpu0 = cpuSeconds();
        long t0 = System.nanoTime();
        List<Long> stepEnds = new ArrayList<>();
        List<Double> stepCpu = new ArrayList<>();
        long[] marks = new long[2];
        double[] cpuMarks = new double[2];
        Training.run(config, runDir, new TrainingListener() {
            @Override
            public void onStart(int firstEpoch, int epochs, int stepsPerEpoch) {
                marks[0] = System.nanoTime();
            }

            @Override
            public void onStep(int epoch, int step, int stepsPerEpoch, double loss) {
                stepEnds.add(System.nanoTime());
                stepCpu.add(cpuSeconds());
                if (step == stepsPerEpoch) cpuMarks[1] = stepCpu.get(stepCpu.size() - 1);
            }

            @Override
            public void onEpoch(EpochMetrics m) {
                marks[1] = System.nanoTime();
            }
        }, new Training.Options(true, 0));
        double cpuEnd = cpuSeconds();
        long trainingPeakAnon = memory.peakAnon, trainingPeakRss = memory.peakRss, trainingPeakFile = memory.peakFile;
        long heapPeak = memory.peakHeap;

        // the same epoch plan, through the loader alone
        ExperimentConfig c = ExperimentConfigs.load(config);
        FeatureStore store = new FeatureStore(Path.of(c.data().store()));
        FeatureLayout layout = FeatureLayout.of(store, c.features());
        List<LabelledItem> items = LabelledItems.read(Path.of(c.data().train()));
        List<VideoRows> train = layout.openAll(store, items, c.data().nearestFill(), FeatureStandardiser.load(runDir));
        SegmentBatcher batcher = new SegmentBatcher(c.model().segmentLength(), c.model().stride(), c.training().batchSize());
        boolean lanes = model.equals("lstm");
        List<SegmentBatcher.Batch> plan = lanes ? batcher.lanes(train, new SplittableRandom(1)) : batcher.shuffled(train, new SplittableRandom(1));
        long segments = 0;
        long l0 = System.nanoTime();
        double lc0 = cpuSeconds();
        SplittableRandom mask = new SplittableRandom(2);
        int n = Math.min(loaderBatches, plan.size());
        for (int b = 0; b < n; b++) {
            BatchInputs in = BatchInputs.of(plan.get(b), train, c.model().segmentLength(), layout.total(),
                    Masking.of(c.training(), layout), mask);
            for (SegmentBatcher.SegmentRef r : plan.get(b).rows()) if (r != null) segments++;
            if (in.x.length == 0) throw new IllegalStateException("empty batch");
        }
        double loaderSeconds = (System.nanoTime() - l0) / 1e9, loaderCpu = cpuSeconds() - lc0;
        long valFrames = frames(store, layout, c.data().validation());
        long allValFrames = frames(store, layout, sets.resolve("Validation_Set").toString());
        long trainFrames = train.stream().mapToLong(VideoRows::frames).sum();
        memory.stop = true;

        double load = (marks[0] - t0) / 1e9;
        // steady state: the first 3 steps warm the JIT and the engine
        int warm = Math.min(3, stepEnds.size() - 1);
        double stepSeconds = (stepEnds.get(stepEnds.size() - 1) - stepEnds.get(warm)) / 1e9 / (stepEnds.size() - 1 - warm);
        double trainCpuPerStep = (stepCpu.get(stepCpu.size() - 1) - stepCpu.get(warm)) / (stepCpu.size() - 1 - warm);
        double validation = (marks[1] - stepEnds.get(stepEnds.size() - 1)) / 1e9;
        double validationCpu = cpuEnd - cpuMarks[1];
        double perValFrame = validation / valFrames, perValFrameCpu = validationCpu / valFrames;
        double epoch = stepSeconds * plan.size() + perValFrame * allValFrames;
        double segPerStep = (double) segments / n;
        System.out.printf(Locale.ROOT, "model=%s train_frames=%d validation_frames=%d validated_frames=%d"
                        + " steps_per_epoch=%d steps_timed=%d"
                        + " open_and_fit_s=%.1f step_s=%.3f step_cpu_s=%.3f model_segments_per_s=%.1f"
                        + " validation_s=%.1f validation_cpu_s=%.1f projected_epoch_s=%.0f projected_epoch_cpu_s=%.0f"
                        + " loader_batches=%d loader_segments_per_s=%.0f loader_cpu_s_per_batch=%.4f"
                        + " peak_rss_mb=%d peak_rss_anon_mb=%d peak_rss_file_mb=%d peak_heap_used_mb=%d max_heap_mb=%d"
                        + " process_cpu_s=%.0f%n",
                model, trainFrames, allValFrames, valFrames, plan.size(), stepEnds.size(), load, stepSeconds, trainCpuPerStep,
                segPerStep / stepSeconds, validation, validationCpu, epoch,
                trainCpuPerStep * plan.size() + perValFrameCpu * allValFrames,
                n, segments / loaderSeconds, loaderCpu / n, trainingPeakRss >> 10, trainingPeakAnon >> 10,
                trainingPeakFile >> 10, heapPeak >> 20, Runtime.getRuntime().maxMemory() >> 20, cpuEnd - cpu0);
    }

    private static long frames(FeatureStore store, FeatureLayout layout, String list) {
        return LabelledItems.read(Path.of(list)).stream().mapToLong(it -> layout.open(store, it, false, null).frames()).sum();
    }

    /** The first {@code files} annotation files of the validation set (all when 0), copied into a folder of their own. */
    private static Path validationSubset(Path bench, Path set, int files) throws java.io.IOException {
        if (files <= 0) return set;
        Path sub = bench.resolve("validation-" + files);
        if (Files.isDirectory(sub)) return sub;
        Path tmp = Files.createDirectories(bench.resolve("validation-" + files + ".tmp"));
        try (var s = Files.list(set)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".txt")).sorted().limit(files).toList()) {
                Files.copy(p, tmp.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(tmp, sub);
        return sub;
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** Samples /proc/self/status and the heap every 200 ms; peaks in kB (heap in bytes). */
    private static final class Memory extends Thread {
        volatile boolean stop;
        volatile long peakRss, peakAnon, peakFile, peakHeap;

        Memory() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!stop) {
                try {
                    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                        String[] f = line.split("\\s+");
                        if (f.length < 2) continue;
                        switch (f[0]) {
                            case "VmRSS:" -> peakRss = Math.max(peakRss, Long.parseLong(f[1]));
                            case "RssAnon:" -> peakAnon = Math.max(peakAnon, Long.parseLong(f[1]));
                            case "RssFile:" -> peakFile = Math.max(peakFile, Long.parseLong(f[1]));
                            default -> { }
                        }
                    }
                    Runtime rt = Runtime.getRuntime();
                    peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
                    Thread.sleep(200);
                } catch (Exception e) {
                    return;
                }
            }
        }
    }
}
