package org.affect4j.predict;

import org.affect4j.data.FramePredictions;
import org.affect4j.inference.CheckpointChoice;
import org.affect4j.models.Precision;
import org.affect4j.inference.RunPredictor;
import org.affect4j.store.FeatureStore;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A temporal model trained with {@code affect4j train} (a run directory), as an {@link ExpressionModel}. */
public final class RunModel implements ExpressionModel {
    private final Path runDir;
    private final RunPredictor predictor;

    /**
     * Loads the best checkpoint of {@code runDir}.
     *
     * @param runDir          the training run directory
     * @param smoothingFrames box smoothing window in frames (0 = off)
     */
    public RunModel(Path runDir, int smoothingFrames) {
        this(runDir, smoothingFrames, CheckpointChoice.BEST);
    }

    /**
     * Loads the chosen checkpoint of {@code runDir} (averaging first when asked).
     *
     * @param runDir          the training run directory
     * @param smoothingFrames box smoothing window in frames (0 = off)
     * @param checkpoint      which checkpoint predicts
     */
    public RunModel(Path runDir, int smoothingFrames, CheckpointChoice checkpoint) {
        this(runDir, smoothingFrames, checkpoint, Precision.FLOAT32);
    }

    /**
     * Loads the chosen checkpoint of {@code runDir} in the chosen arithmetic ({@link RunPredictor#precision}).
     *
     * @param runDir          the training run directory
     * @param smoothingFrames box smoothing window in frames (0 = off)
     * @param checkpoint      which checkpoint predicts
     * @param precision       the arithmetic of its network
     * @throws IllegalArgumentException for bfloat16 or int8 with a network other than a Transformer
     */
    public RunModel(Path runDir, int smoothingFrames, CheckpointChoice checkpoint, Precision precision) {
        this.runDir = runDir;
        RunPredictor p = checkpoint.open(runDir).smoothing(smoothingFrames);
        try {
            p.precision(precision);
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        this.predictor = p;
    }

    @Override
    public String name() {
        return runDir.getFileName().toString();
    }

    @Override
    public List<String> features() {
        return predictor.config().features();
    }

    @Override
    public FramePredictions predict(FeatureStore store, String video) {
        return predictor.predict(store, video);
    }

    @Override
    public Map<String, String> description() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("model", "temporal model from the training run " + runDir);
        d.put("experiment", predictor.config().name());
        d.put("checkpoint", predictor.checkpoint().toString());
        d.put("features", String.join(", ", features()));
        d.put("precision", predictor.effectivePrecision().id());
        d.put("runtime", predictor.runtime());
        return d;
    }

    @Override
    public void close() {
        predictor.close();
    }
}
