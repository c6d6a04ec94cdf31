package org.affect4j.inference;

import ai.djl.ndarray.NDManager;
import org.affect4j.data.FramePredictions;
import org.affect4j.data.TemporalSmoothing;
import org.affect4j.eval.Evaluation;
import org.affect4j.eval.Evaluator;
import org.affect4j.models.DjlRuntime;
import org.affect4j.models.ExpressionNet;
import org.affect4j.models.Precision;
import org.affect4j.models.TorchMatmul;
import org.affect4j.models.onnx.ExpressionNetGraph;
import org.affect4j.runs.CheckpointAveraging;
import org.affect4j.runs.Checkpoints;
import org.affect4j.store.FeatureStore;
import org.affect4j.training.SequencePredictor;
import org.affect4j.training.config.ExperimentConfig;
import org.affect4j.training.config.ExperimentConfigs;
import org.affect4j.training.data.FeatureLayout;
import org.affect4j.training.data.FeatureStandardiser;
import org.affect4j.training.data.LabelledItem;
import org.affect4j.training.data.VideoRows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-frame predictions from a run directory: rebuilds the network from {@code config.json}, loads the best
 * checkpoint (or the last, if asked or if there is no best; or any named one, such as an average of the last epochs
 * made by {@link CheckpointAveraging}), applies the run's feature standardisation
 * ({@code normalisation.json}, {@link FeatureStandardiser}) and predicts probabilities and labels for store
 * videos, optionally smoothed over time ({@link TemporalSmoothing}). Usage:
 * <pre>
 * try (RunPredictor p = RunPredictor.load(Path.of("runs/exp1"))) {
 *     FramePredictions f = p.predict(new FeatureStore(store), "video-1");
 *     Evaluation e = p.evaluate(new FeatureStore(store), LabelledItems.read(Path.of("val.csv")), 50);
 * }
 * </pre>
 * Holds native memory: close it. Not thread-safe.
 */
public final class RunPredictor implements AutoCloseable {
    private final ExperimentConfig config;
    private final NDManager manager;
    private final ExpressionNet net;
    private final Path checkpoint;
    private final FeatureStandardiser standardiser;
    private int smoothing;
    private ExpressionNetGraph graph;
    private Precision effective = Precision.FLOAT32;

    private RunPredictor(ExperimentConfig config, NDManager manager, ExpressionNet net, Path checkpoint,
                         FeatureStandardiser standardiser) {
        this.config = config;
        this.manager = manager;
        this.net = net;
        this.checkpoint = checkpoint;
        this.standardiser = standardiser;
    }

    /** Loads the best checkpoint of a run. */
    public static RunPredictor load(Path runDir) {
        return load(runDir, false);
    }

    /**
     * Loads a run.
     *
     * @param last use the last checkpoint instead of the best one
     * @throws IllegalArgumentException when the folder is not a run, has no checkpoint, or the checkpoint is damaged
     */
    public static RunPredictor load(Path runDir, boolean last) {
        Path configFile = configFile(runDir);
        Checkpoints cps = new Checkpoints(runDir);
        Path folder = (last ? cps.folder(Checkpoints.Tag.LAST) : cps.folder(Checkpoints.Tag.BEST)
                .or(() -> cps.folder(Checkpoints.Tag.LAST)))
                .orElseThrow(() -> new IllegalArgumentException("run " + runDir + " has no checkpoint yet"));
        return load(runDir, configFile, folder);
    }

    /**
     * Loads a named checkpoint of a run: {@code best}, {@code last}, an epoch folder kept by the run
     * ({@code epoch-0007}) or an average made by {@link CheckpointAveraging} ({@code average-0006-0007}).
     *
     * @throws IllegalArgumentException when the folder is not a run, has no such checkpoint, or it is damaged
     */
    public static RunPredictor load(Path runDir, String checkpoint) {
        Path configFile = configFile(runDir);
        return load(runDir, configFile, new Checkpoints(runDir).named(checkpoint));
    }

    /** Averages the last {@code k} epoch checkpoints ({@link CheckpointAveraging#averageLast}) and loads the average. */
    public static RunPredictor loadAveraged(Path runDir, int k) {
        Path folder = CheckpointAveraging.averageLast(runDir, k);
        return load(runDir, folder.getFileName().toString());
    }

    private static Path configFile(Path runDir) {
        Path configFile = runDir.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new IllegalArgumentException(runDir + " is not a run directory (no config.json)");
        }
        return configFile;
    }

    private static RunPredictor load(Path runDir, Path configFile, Path folder) {
        DjlRuntime.start(0);
        ExperimentConfig config = ExperimentConfigs.load(configFile);
        FeatureStandardiser standardiser = standardiser(runDir, configFile, config);
        FeatureStore store = new FeatureStore(Path.of(config.data().store()));
        int inputSize;
        try {
            inputSize = FeatureLayout.of(store, config.features()).total();
        } catch (IllegalArgumentException e) {
            inputSize = Checkpoints.inputSize(folder);
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            ExpressionNet net = new ExpressionNet(inputSize, config.model());
            Checkpoints.loadModel(folder, net, manager);
            return new RunPredictor(config, manager, net, folder, standardiser);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * The run's standardisation: {@code normalisation.json} when the run standardises; none for runs made before
     * the key existed (their {@code config.json} has no {@code data.standardise}) or with it off.
     */
    private static FeatureStandardiser standardiser(Path runDir, Path configFile, ExperimentConfig config) {
        if (!config.data().standardise()) return null;
        if (Files.isRegularFile(runDir.resolve(FeatureStandardiser.FILE))) return FeatureStandardiser.load(runDir);
        boolean explicit;
        try {
            explicit = ExperimentConfigs.json().readTree(configFile.toFile()).path("data").has("standardise");
        } catch (java.io.IOException e) {
            explicit = true;
        }
        if (explicit) return FeatureStandardiser.load(runDir); // names the missing file
        return null;
    }

    /** The loaded network (for copying its weights; predicting goes through {@link #predict}). */
    public ExpressionNet net() {
        return net;
    }

    /** The standardisation applied before the network, or null when the run uses raw features. */
    public FeatureStandardiser standardiser() {
        return standardiser;
    }

    /** The run's experiment. */
    public ExperimentConfig config() {
        return config;
    }

    /** The checkpoint folder in use. */
    public Path checkpoint() {
        return checkpoint;
    }

    /** Smooths every prediction with a box of {@code window} frames (0 or 1 = off). Returns this. */
    public RunPredictor smoothing(int window) {
        if (window < 0) throw new IllegalArgumentException("smoothing window must be >= 0, got " + window);
        this.smoothing = window;
        return this;
    }

    /**
     * The arithmetic of the network at prediction: {@link Precision#FLOAT32} (default) runs the trained network as
     * trained, a Transformer's as one ONNX Runtime graph ({@link ExpressionNetGraph}: probabilities within float
     * rounding of the engine's, at up to twice its rate where MKL lacks AVX-512 kernels); {@link Precision#BFLOAT16}
     * runs its matrix products with bfloat16 inputs on the CPU's AMX / AVX-512 BF16 units ({@link TorchMatmul},
     * process-wide in the engine); {@link Precision#INT8} runs a Transformer network's dense maps as 8-bit integer
     * products in ONNX Runtime ({@link ExpressionNetGraph}). The last two are approximate. Returns this.
     *
     * @throws IllegalArgumentException for int8 with a network other than a Transformer
     */
    public RunPredictor precision(Precision precision) {
        if (graph != null) {
            graph.close();
            graph = null;
        }
        if (precision != Precision.FLOAT32 && !ExpressionNetGraph.runs(net)) {
            throw new IllegalArgumentException("precision " + precision.id() + " runs Transformer networks only; this"
                    + " run's network is " + config.model().type());
        }
        if (precision == Precision.INT8) graph = graph(precision);
        boolean bfloat16 = TorchMatmul.use(precision == Precision.INT8 ? Precision.FLOAT32 : precision);
        effective = precision == Precision.BFLOAT16 && !bfloat16 ? Precision.FLOAT32 : precision;
        return this;
    }

    /**
     * The arithmetic predictions run in: the one asked for, or float32 where bfloat16 was asked but the products
     * stay float32 (a CPU without bfloat16 units, or oneDNN set up earlier in this process).
     */
    public Precision effectivePrecision() {
        return effective;
    }

    /** What computes the predictions: {@code "ONNX Runtime"} (a Transformer's float32 or int8 graph) or {@code "PyTorch"}. */
    public String runtime() {
        return graph != null || float32Graph() ? "ONNX Runtime" : "PyTorch";
    }

    /** Whether float32 predictions go through the network's ONNX Runtime graph: a Transformer's do. */
    private boolean float32Graph() {
        return effective == Precision.FLOAT32 && ExpressionNetGraph.runs(net);
    }

    /** Predicts one store video, which must have all of the run's features with the trained widths. */
    public FramePredictions predict(FeatureStore store, String video) {
        return predict(store, List.of(video)).get(0);
    }

    /** Predicts store videos; one {@link FramePredictions} per video, in order. */
    public List<FramePredictions> predict(FeatureStore store, List<String> videos) {
        List<LabelledItem> items = new ArrayList<>();
        for (String v : videos) items.add(LabelledItem.perFrame(v, new int[0]));
        return run(store, items).predictions();
    }

    /** Scores the run on labelled items (pooled macro-F1, METHOD §1). */
    public Evaluation evaluate(FeatureStore store, List<LabelledItem> items) {
        if (items.isEmpty()) throw new IllegalArgumentException("nothing to evaluate: the item list is empty");
        return score(items, predict(store, items.stream().map(LabelledItem::video).toList()));
    }

    /** Scores predictions (one per item, same order) against the items' labels. */
    public static Evaluation score(List<LabelledItem> items, List<FramePredictions> predictions) {
        if (items.size() != predictions.size()) {
            throw new IllegalArgumentException(items.size() + " items but " + predictions.size() + " predictions");
        }
        Evaluator ev = new Evaluator();
        for (int i = 0; i < items.size(); i++) {
            ev.add(items.get(i).labelsFor(predictions.get(i).frames()), predictions.get(i));
        }
        return ev.evaluate();
    }

    private SequencePredictor.Result run(FeatureStore store, List<LabelledItem> items) {
        List<VideoRows> seqs = sequences(store, items);
        if (graph == null && float32Graph()) {
            graph = graph(Precision.FLOAT32); // built at first use: a predictor only loaded to copy weights needs none
        }
        SequencePredictor.Result r = graph != null
                ? SequencePredictor.predict(graph, config.model(), seqs, config.training().batchSize())
                : SequencePredictor.predict(net, manager, seqs, config.training().batchSize());
        if (smoothing <= 1) return r;
        List<FramePredictions> s = new ArrayList<>();
        for (FramePredictions p : r.predictions()) s.add(TemporalSmoothing.box(p, smoothing));
        return new SequencePredictor.Result(s, r.loss());
    }

    private ExpressionNetGraph graph(Precision precision) {
        return new ExpressionNetGraph(net, precision, Integer.getInteger("ai.djl.pytorch.num_threads",
                Runtime.getRuntime().availableProcessors()));
    }

    private List<VideoRows> sequences(FeatureStore store, List<LabelledItem> items) {
        FeatureLayout layout = FeatureLayout.of(store, config.features());
        if (layout.total() != net.inputSize()) {
            throw new IllegalArgumentException("the features " + config.features() + " in store " + store.root() + " give "
                    + layout.total() + " values per frame, but the model was trained on " + net.inputSize());
        }
        if (standardiser != null) standardiser.check(layout, checkpoint.getParent().getParent().resolve(FeatureStandardiser.FILE));
        return layout.openAll(store, items, config.data().nearestFill(), standardiser);
    }

    @Override
    public void close() {
        if (graph != null) graph.close();
        manager.close();
    }
}
