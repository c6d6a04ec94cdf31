package org.affect4j.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import org.affect4j.eval.Evaluation;
import org.affect4j.models.DjlRuntime;
import org.affect4j.models.Precision;
import org.affect4j.models.TorchMatmul;
import org.affect4j.models.ExpressionNet;
import org.affect4j.runs.Checkpoints;
import org.affect4j.runs.EpochMetrics;
import org.affect4j.runs.MetricsLog;
import org.affect4j.runs.RunDirectory;
import org.affect4j.runs.RunFigures;
import org.affect4j.runs.RunProvenance;
import org.affect4j.training.config.ExperimentConfig;
import org.affect4j.training.config.ExperimentConfigs;
import org.affect4j.training.data.TrainingData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Trains one experiment into a run directory (METHOD §4): R-Drop, Adam with weight decay, step decay and
 * global-norm clipping, validation macro-F1 after every epoch, best and last checkpoints, metrics, figures and
 * provenance. Usage:
 * <pre>
 * TrainingResult r = Training.run(Path.of("exp.yaml"), Path.of("runs/exp1"), TrainingListener.NONE);
 * FramePredictions p = RunPredictor.load(r.runDir()).predict(store, "video");
 * </pre>
 * Everything is checked before the run directory is touched (config keys, features, dimensions, data); a run that
 * stops (NaN, crash, kill) leaves {@code run.json} with a status other than "finished" and is resumed from its last
 * checkpoint by running the same command again. CPU runs are reproducible for a given seed.
 */
public final class Training {
    /** Shortest time between two redraws of the run's figures during training. */
    static final long FIGURE_INTERVAL_NANOS = 30_000_000_000L;

    private Training() {
    }

    /** Options of a run. */
    public record Options(boolean overwrite, int threads) {
        /** Never overwrite; threads = available processors unless set by system property. */
        public static final Options DEFAULT = new Options(false, 0);
    }

    /** What a finished run achieved. */
    public record Result(Path runDir, int bestEpoch, EpochMetrics best, EpochMetrics last, List<String> warnings) {
    }

    /**
     * What the finished run in {@code runDir} achieved, read back from its {@code run.json} (the best epoch training
     * recorded, the warnings) and its metrics.
     *
     * @throws IllegalArgumentException when the folder holds no finished run
     */
    public static Result finished(Path runDir) {
        if (!RunDirectory.finished(runDir)) {
            throw new IllegalArgumentException(runDir + " holds no finished run");
        }
        JsonNode run;
        try {
            run = ExperimentConfigs.json().readTree(runDir.resolve("run.json").toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("run.json of " + runDir + " is unreadable: " + e.getMessage(), e);
        }
        int bestEpoch = run.path("result").path("bestEpoch").asInt();
        List<EpochMetrics> history = MetricsLog.read(runDir);
        EpochMetrics best = history.stream().filter(m -> m.epoch() == bestEpoch).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(runDir + " has no metrics of its best epoch " + bestEpoch));
        List<String> warnings = new ArrayList<>();
        run.path("warnings").forEach(w -> warnings.add(w.asText()));
        return new Result(runDir, bestEpoch, best, history.get(history.size() - 1), List.copyOf(warnings));
    }

    /** Runs with {@link Options#DEFAULT}. */
    public static Result run(Path configFile, Path runDir, TrainingListener listener) {
        return run(configFile, runDir, listener, Options.DEFAULT);
    }

    /**
     * Trains (or resumes) the experiment of {@code configFile} in {@code runDir}.
     *
     * @throws IllegalArgumentException bad config, data or run directory (nothing written)
     * @throws IllegalStateException    training diverged (run.json says "failed")
     */
    public static Result run(Path configFile, Path runDir, TrainingListener listener, Options options) {
        DjlRuntime.start(options.threads());
        ExperimentConfig config = ExperimentConfigs.load(configFile);
        TrainingData data = TrainingData.load(config);
        data.warnings().forEach(listener::onWarning);
        // process-wide in the engine: set for every run, so a float32 run after a bfloat16 one is float32 again (and
        // float32 products go to oneDNN where MKL lacks this CPU's widest kernels, TorchMatmul)
        boolean bfloat16 = TorchMatmul.use(config.training().precision());
        if (config.training().precision() == Precision.BFLOAT16 && !bfloat16) {
            listener.onWarning("training.precision is bfloat16 but the matrix products stay float32 here ("
                    + (TorchMatmul.hardware() ? "oneDNN was set up before this run" : "this CPU has no AMX, on which"
                    + " oneDNN computes them in bfloat16") + ")");
        }
        if (AdamOptimiser.unfused() != null) {
            listener.onWarning("Adam runs as engine operations, ~3x slower than libtorch's fused kernel: " + AdamOptimiser.unfused());
        }
        RunDirectory dir = RunDirectory.open(runDir, ExperimentConfigs.toJson(config), options.overwrite());
        RunProvenance provenance = new RunProvenance(config, data, configFile);
        try (NDManager manager = NDManager.newBaseManager()) {
            return train(config, data, dir, provenance, manager, listener);
        } catch (RuntimeException e) {
            provenance.status(RunDirectory.Status.FAILED, e.getMessage());
            dir.writeRunJson(provenance.content());
            throw e;
        }
    }

    private static Result train(ExperimentConfig config, TrainingData data, RunDirectory dir, RunProvenance provenance,
                                NDManager manager, TrainingListener listener) {
        Engine.getInstance().setRandomSeed(new SplittableRandom(config.seed()).nextInt());
        ExpressionNet net = new ExpressionNet(data.layout().total(), config.model());
        net.initialize(manager);
        List<Parameter> params = new ArrayList<>(net.getParameters().values());
        AdamOptimiser optimiser = new AdamOptimiser(params, (float) config.training().weightDecay(), manager);
        Checkpoints checkpoints = new Checkpoints(dir.path(), config.training().keepCheckpoints());
        List<EpochMetrics> history = new ArrayList<>();
        int firstEpoch = 1;
        double bestF1 = -1;
        int bestEpoch = 0;
        if (dir.resuming()) {
            Path last = checkpoints.folder(Checkpoints.Tag.LAST).orElseThrow();
            Checkpoints.State state = Checkpoints.readState(last);
            Checkpoints.loadModel(last, net, manager);
            Checkpoints.loadOptimiser(last, optimiser);
            history.addAll(MetricsLog.read(dir.path()).stream().filter(m -> m.epoch() <= state.epoch()).toList());
            firstEpoch = state.epoch() + 1;
            bestF1 = state.bestF1();
            bestEpoch = state.bestEpoch();
            provenance.resumedAt(firstEpoch);
        }
        dir.writeRunJson(provenance.content());
        if (data.standardiser() != null) data.standardiser().save(dir.path());
        EpochTrainer trainer = new EpochTrainer(net, manager, config, data.layout(), optimiser);
        int epochs = config.training().epochs();
        listener.onStart(firstEpoch, epochs, trainer.plan(data.train(), new SplittableRandom(0)).size());
        Evaluation bestEval = null;
        boolean confusionStale = false;
        long lastDrawn = System.nanoTime();
        for (int epoch = firstEpoch; epoch <= epochs; epoch++) {
            long t0 = System.nanoTime();
            double trainLoss = trainer.train(epoch, data.train(), listener);
            SequencePredictor.Result val = SequencePredictor.predict(net, manager, data.validation(), config.training().batchSize());
            Evaluation eval = SequencePredictor.evaluate(data.validation(), val.predictions());
            List<Double> perClass = new ArrayList<>();
            for (double f : eval.perClassF1()) perClass.add(f);
            EpochMetrics m = new EpochMetrics(epoch, trainLoss, val.loss(), eval.macroF1(), eval.accuracy(), perClass,
                    config.training().learningRateAt(epoch - 1), (System.nanoTime() - t0) / 1e9);
            history.add(m);
            boolean improved = eval.macroF1() > bestF1;
            if (improved) {
                bestF1 = eval.macroF1();
                bestEpoch = epoch;
                bestEval = eval;
                confusionStale = true;
            }
            checkpoints.save(net, optimiser, new Checkpoints.State(epoch, optimiser.steps(), bestF1, bestEpoch),
                    improved ? EnumSet.of(Checkpoints.Tag.LAST, Checkpoints.Tag.BEST) : EnumSet.of(Checkpoints.Tag.LAST));
            MetricsLog.write(dir.path(), history);
            // drawing both figures (Java2D, PNG, and the JIT compiling them) costs more CPU than an epoch of a small
            // model: redraw at most every FIGURE_INTERVAL and after the last epoch; metrics.csv has every epoch
            if (epoch == epochs || System.nanoTime() - lastDrawn >= FIGURE_INTERVAL_NANOS) {
                RunFigures.learningCurve(history, dir.path().resolve("learning-curve.png"));
                if (confusionStale) RunFigures.confusion(bestEval.confusion().toArray(), dir.path().resolve("confusion-matrix.png"));
                confusionStale = false;
                lastDrawn = System.nanoTime();
            }
            listener.onEpoch(m);
        }
        if (bestEval == null) {
            // resumed after the best epoch: redraw its confusion matrix from the best checkpoint's predictions
            redrawBestConfusion(config, data, dir.path(), manager);
        }
        int be = bestEpoch;
        EpochMetrics best = history.stream().filter(h -> h.epoch() == be).findFirst().orElse(null);
        EpochMetrics last = history.isEmpty() ? null : history.get(history.size() - 1);
        provenance.result(bestEpoch, best, last);
        provenance.status(RunDirectory.Status.FINISHED, null);
        dir.writeRunJson(provenance.content());
        return new Result(dir.path(), bestEpoch, best, last, data.warnings());
    }

    private static void redrawBestConfusion(ExperimentConfig config, TrainingData data, Path runDir, NDManager manager) {
        Optional<Path> best = new Checkpoints(runDir).folder(Checkpoints.Tag.BEST);
        if (best.isEmpty()) return;
        try (NDManager sub = manager.newSubManager()) {
            ExpressionNet net = new ExpressionNet(data.layout().total(), config.model());
            Checkpoints.loadModel(best.get(), net, sub);
            SequencePredictor.Result r = SequencePredictor.predict(net, sub, data.validation(), config.training().batchSize());
            Evaluation e = SequencePredictor.evaluate(data.validation(), r.predictions());
            RunFigures.confusion(e.confusion().toArray(), runDir.resolve("confusion-matrix.png"));
        }
    }
}
